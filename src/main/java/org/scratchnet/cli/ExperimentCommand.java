package org.scratchnet.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.scratchnet.experiment.Experiment;
import org.scratchnet.experiment.ExperimentFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scratchnet experiment FILE...}: run experiment files and report on them. */
@Command(name = "experiment", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run one or more experiment files (see experiments/paper/1-baseline.yaml for the format) and "
                + "write their report and figures into a folder.",
                "Every file is read and checked before the first run starts."})
final class ExperimentCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Experiment files (YAML).")
    List<Path> files;

    @Mixin
    DataOptions data;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "report",
            description = "Folder for the report and figures (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--quick", description = "One seed and short runs, to check a file end to end.")
    boolean quick;

    @Option(names = "--json", description = "Print the results as one JSON object on stdout.")
    boolean json;

    @Option(names = "--parallel", paramLabel = "N",
            description = "Runs side by side, each on one thread (default: the number of cores, ${DEFAULT-VALUE}).")
    int parallel = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() {
        List<Experiment> experiments = files.stream().map(ExperimentFile::read).toList();
        StringBuilder command = new StringBuilder("scratchnet experiment");
        for (Path f : files) command.append(' ').append(f);
        if (data.dataDir != null) command.append(" --data ").append(data.dataDir);
        command.append(" --out ").append(out).append(quick ? " --quick" : "");
        return ExperimentSession.run(experiments, data.trainAndTest(ExperimentSession.SPLIT_SEED), data.name(), out, quick, json,
                parallel, command.toString());
    }
}
