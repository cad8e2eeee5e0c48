package org.scratchnet.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.scratchnet.experiment.Experiment;
import org.scratchnet.experiment.ExperimentFile;
import org.scratchnet.report.ReportIntro;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
    ExperimentSession session;

    @Override
    public Integer call() {
        session.checkOutputs(files);
        List<Experiment> experiments = files.stream().map(ExperimentFile::read).toList();
        StringBuilder command = new StringBuilder("scratchnet experiment");
        for (Path f : files) command.append(' ').append(f);
        return session.run(experiments, ReportIntro.of(experiments), command + session.options());
    }
}
