package org.scratchnet.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.scratchnet.Count;
import org.scratchnet.UserException;
import org.scratchnet.io.OutputFiles;
import org.scratchnet.plot.ActivationPlots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scratchnet plot activations}: the paper's Figures 2-8 as PNG and SVG. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Draw figures. 'plot activations': ReLU, sigmoid, tanh and softmax with their derivatives (the paper's Figures 2-8).")
final class PlotCommand implements Callable<Integer> {

    @Parameters(paramLabel = "WHAT", description = "What to draw: activations.")
    String what;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "figures",
            description = "Folder for the PNG and SVG files (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() {
        if (!"activations".equals(what)) throw new UserException("unknown figure '" + what + "': use 'plot activations'");
        OutputFiles.check().folder("--out", out).verify();
        List<Path> files = ActivationPlots.write(out);
        String folder = out.toString().isEmpty() ? "the current folder" : out.toString();
        System.out.println("Wrote " + Count.of(files.size(), "file") + " into " + folder + ":");
        for (Path f : files) System.out.println("  " + f.getFileName());
        return 0;
    }
}
