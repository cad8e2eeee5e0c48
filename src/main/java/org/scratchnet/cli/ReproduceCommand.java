package org.scratchnet.cli;

import java.util.concurrent.Callable;
import org.scratchnet.experiment.PaperExperiments;
import org.scratchnet.report.ReportIntro;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code scratchnet reproduce}: every experiment of the paper, and the report. */
@Command(name = "reproduce", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run all of the paper's experiments (experiments/paper/, bundled in the jar) over several seeds, "
                + "each as the paper describes it and done right, and write REPORT.md, index.html, results.json "
                + "and the figures into a folder.",
                "About seven minutes on two cores; --quick takes well under a minute."})
final class ReproduceCommand implements Callable<Integer> {

    @Mixin
    ExperimentSession session;

    @Override
    public Integer call() {
        session.checkOutputs(java.util.List.of());
        return session.run(PaperExperiments.load(), new ReportIntro(PaperExperiments.TITLE, PaperExperiments.INTRODUCTION),
                "scratchnet reproduce" + session.options());
    }
}
