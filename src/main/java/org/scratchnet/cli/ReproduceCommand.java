package org.scratchnet.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.scratchnet.experiment.PaperExperiments;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code scratchnet reproduce}: every experiment of the paper, and the report. */
@Command(name = "reproduce", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run all of the paper's experiments (experiments/paper/, bundled in the jar) over several seeds, "
                + "each as the paper describes it and done right, and write REPORT.md, index.html, results.json "
                + "and the figures into a folder.",
                "About ten minutes on two cores; --quick takes well under a minute."})
final class ReproduceCommand implements Callable<Integer> {

    @Mixin
    DataOptions data;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "report",
            description = "Folder for the report and figures (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--quick", description = "A reduced run to check everything end to end: one seed, "
            + ExperimentSession.QUICK_ITERATIONS + " full-batch iterations or one epoch per run, "
            + ExperimentSession.QUICK_TRAIN + " training images.")
    boolean quick;

    @Option(names = "--json", description = "Print the results as one JSON object on stdout.")
    boolean json;

    @Option(names = "--parallel", paramLabel = "N",
            description = "Runs side by side, each on one thread (default: the number of cores, ${DEFAULT-VALUE}).")
    int parallel = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() {
        String command = "scratchnet reproduce" + (data.dataDir != null ? " --data " + data.dataDir : "")
                + " --out " + out + (quick ? " --quick" : "");
        return ExperimentSession.run(PaperExperiments.load(), data.trainAndTest(ExperimentSession.SPLIT_SEED), data.name(), out, quick,
                json, parallel, command);
    }
}
