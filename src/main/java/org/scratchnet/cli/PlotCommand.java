package org.scratchnet.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.scratchnet.Count;
import org.scratchnet.UserException;
import org.scratchnet.io.OutputFiles;
import org.scratchnet.plot.ActivationPlots;
import org.scratchnet.plot.HistoryFigure;
import org.scratchnet.io.HistoryCsv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code scratchnet plot activations}: the paper's Figures 2-8 as PNG and SVG; {@code scratchnet
 * plot history FILE.history.csv...}: the learning curves of finished runs in one figure.
 */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = {"Draw figures. 'plot activations': ReLU, sigmoid, tanh and softmax with their derivatives (the paper's Figures 2-8).",
                "'plot history FILE...': the learning curves (accuracy, loss and learning rate against the update) of the runs"
                        + " whose .history.csv files are given, in one figure."})
final class PlotCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "WHAT", description = "What to draw: activations or history.")
    String what;

    @Parameters(index = "1..*", paramLabel = "HISTORY", arity = "0..*",
            description = "With history: the .history.csv files train wrote beside its models.")
    List<Path> histories = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "figures",
            description = "Folder for the PNG and SVG files (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "history",
            description = "With history: the figure's file name, without .png and .svg (default: ${DEFAULT-VALUE}).")
    String name;

    @Override
    public Integer call() {
        List<Path> files;
        if ("activations".equals(what)) {
            if (!histories.isEmpty()) throw new UserException("plot activations takes no files; give history files to 'plot history'");
            OutputFiles.check().folder("--out", out).verify();
            files = ActivationPlots.write(out);
        } else if ("history".equals(what)) {
            if (histories.isEmpty()) throw new UserException("plot history needs one or more .history.csv files, as train writes beside its models");
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw new UserException("--name '" + name + "' is not a plain file name: use letters, digits, '.', '_' and '-'");
            }
            OutputFiles.check().inputs("a history file", histories).folder("--out", out)
                    .file("--out", out.resolve(name + ".png")).file("--out", out.resolve(name + ".svg")).verify();
            List<HistoryFigure.Run> runs = new ArrayList<>();
            for (Path h : histories) runs.add(new HistoryFigure.Run(label(h), HistoryCsv.read(h)));
            files = HistoryFigure.write(out, name, "Learning curves", runs);
        } else {
            throw new UserException("unknown figure '" + what + "': use 'plot activations' or 'plot history FILE...'");
        }
        String folder = out.toString().isEmpty() ? "the current folder" : out.toString();
        System.out.println("Wrote " + Count.of(files.size(), "file") + " into " + folder + ":");
        for (Path f : files) System.out.println("  " + f.getFileName());
        return 0;
    }

    /** "best-s42/model" for best-s42/model.history.csv: the folder and the file's stem, which tell runs apart. */
    private static String label(Path history) {
        String file = String.valueOf(history.getFileName());
        String stem = file.endsWith(".history.csv") ? file.substring(0, file.length() - ".history.csv".length()) : file;
        Path parent = history.toAbsolutePath().getParent();
        return parent != null && parent.getFileName() != null ? parent.getFileName() + "/" + stem : stem;
    }
}
