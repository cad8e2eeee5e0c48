package org.scratchnet.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.scratchnet.Seeds;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.Splits;
import org.scratchnet.engine.FastEngine;
import org.scratchnet.experiment.Experiment;
import org.scratchnet.experiment.ExperimentFile;
import org.scratchnet.experiment.ExperimentResult;
import org.scratchnet.experiment.ExperimentRunner;
import org.scratchnet.io.OutputFiles;
import org.scratchnet.report.Report;
import org.scratchnet.report.ReportContext;
import org.scratchnet.report.ReportIntro;
import org.scratchnet.report.ReportMarkdown;
import org.scratchnet.report.ResultsJson;
import org.scratchnet.tensor.Kernels;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code experiment} and {@code reproduce} share, as a picocli mixin: the data and report
 * options, and the session itself: split the data once, run the experiments with progress, write
 * the report, then print a summary (or the results as JSON).
 *
 * <p>The split is fixed (seed {@value #SPLIT_SEED}) so that every run of every experiment sees
 * the same training, validation and test examples; an experiment's seeds vary only the weights,
 * the dropout masks and the batch order.
 */
final class ExperimentSession {
    static final long SPLIT_SEED = Seeds.DEFAULT;
    static final double VALIDATION = Holdout.VALIDATION;
    /** --quick: training images kept (stratified), and the most full-batch iterations per run. */
    static final int QUICK_TRAIN = 12_000;
    static final int QUICK_ITERATIONS = 30;

    @Mixin
    DataOptions data;

    @Mixin
    TestFractionOption testFraction;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "report",
            description = "Folder for the report and figures (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--quick", description = "A reduced run to check everything end to end: one seed, "
            + QUICK_ITERATIONS + " full-batch iterations or one epoch per run, " + QUICK_TRAIN + " training images.")
    boolean quick;

    @Option(names = "--json", description = "Print the results as one JSON object on stdout.")
    boolean json;

    @Option(names = "--parallel", paramLabel = "N", converter = OptionTypes.Threads.class,
            description = "Runs side by side, each on one thread (default: the number of cores, ${DEFAULT-VALUE}).")
    int parallel = Runtime.getRuntime().availableProcessors();

    /** The options as typed, for the report's "regenerate with" line. */
    String options() {
        return (data.dataDir != null ? " --data " + data.dataDir : "") + (data.csv != null ? " --csv " + data.csv : "")
                + " --out " + out + (quick ? " --quick" : "");
    }

    /**
     * Checks, before any experiment runs, that the report can be written: the folder and its
     * subfolders are folders or can be created, and the report's own files (named as
     * {@link Report} writes them) are regular files or new, and none of the inputs.
     */
    void checkOutputs(List<Path> experimentFiles) {
        OutputFiles check = data.addInputsTo(OutputFiles.check()).inputs("the experiment file", experimentFiles)
                .folder("--out", out).folder("--out", out.resolve(Report.FIGURES)).folder("--out", out.resolve(Report.RUNS));
        for (String name : List.of("REPORT.md", "index.html", "results.json")) check.file("--out", out.resolve(name));
        check.verify();
    }

    int run(List<Experiment> experiments, ReportIntro intro, String command) {
        ExperimentFile.checkTogether(experiments);
        DataOptions.TrainTest trainTest = data.trainAndTest(testFraction, SPLIT_SEED);
        String dataName = data.name();
        long start = System.nanoTime();
        Dataset all = trainTest.train();
        Dataset test = trainTest.test();
        if (quick && all.size > QUICK_TRAIN) {
            all = Splits.stratified(all, 1 - (double) QUICK_TRAIN / all.size, SPLIT_SEED).kept();
        }
        Splits.Split split = Holdout.split(all, VALIDATION, SPLIT_SEED, null, "the training set",
                "validation", false);
        Dataset train = split.kept();
        Dataset validation = split.heldOut();
        List<Experiment> planned = quick ? experiments.stream().map(e -> e.quick(QUICK_ITERATIONS)).toList() : experiments;

        ExperimentProgress progress = new ExperimentProgress(planned, train.size, Terminal.stderrIsTerminal());
        ExperimentRunner runner = new ExperimentRunner(train, validation, test, parallel).listener(progress);
        List<ExperimentResult> results;
        try {
            results = runner.run(planned);
        } finally {
            progress.close();
        }

        String data = String.format(Locale.ROOT, "%s, %,d training and %,d validation images (a stratified %d%% of the "
                        + "training set, split seed %d), %,d test images%s", dataName, train.size, validation.size,
                Math.round(100 * VALIDATION), SPLIT_SEED, test.size,
                quick ? String.format(Locale.ROOT, " (--quick: %,d of the training images)", all.size) : "");
        String software = String.format(Locale.ROOT, "ScratchNet %s, Java %s, %s", version(),
                System.getProperty("java.version"), parallel == 1 ? "one run at a time on " + FastEngine.shared().kernels().describe()
                        : parallel + " runs side by side, each on " + Kernels.create(1).describe());
        ReportContext context = new ReportContext(intro, command, LocalDate.now().toString(), quick, data, software,
                (System.nanoTime() - start) / 1e9);
        Report.Written written = Report.write(out, results, context, test);

        if (json) {
            Json.print(ResultsJson.of(results, null, context));
        } else {
            printSummary(results);
            System.out.printf(Locale.ROOT, "Wrote %s, %s and %d figure files into %s (%.0f s)%n", written.markdown().getFileName(),
                    written.html().getFileName(), written.figures().size(), out, context.seconds());
        }
        return 0;
    }

    /** One line per experiment: the paper's test accuracy (if any experiment has one), then each recipe's. */
    private static void printSummary(List<ExperimentResult> results) {
        boolean paper = results.stream().anyMatch(r -> r.experiment().hasPaper());
        List<String> recipes = Report.recipeKeys(results);
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-18s", "experiment"));
        if (paper) head.append(String.format(Locale.ROOT, " %-16s", "paper (test)"));
        for (String k : recipes) head.append(String.format(Locale.ROOT, " %-22s", k.replace('_', ' ') + " (test)"));
        System.out.println(head.toString().stripTrailing());
        for (ExperimentResult r : results) {
            Experiment e = r.experiment();
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-18s", e.name()));
            if (paper) {
                double p = e.hasPaper() ? e.paper().testAccuracy() : Double.NaN;
                line.append(String.format(Locale.ROOT, " %-16s", Double.isNaN(p) ? "-" : ReportMarkdown.percent(p) + "%"));
            }
            for (String k : recipes) {
                Experiment.NamedRecipe recipe = e.recipe(k);
                line.append(String.format(Locale.ROOT, " %-22s", recipe == null ? "-" : percent(r.testAccuracy(recipe))));
            }
            System.out.println(line.toString().stripTrailing());
        }
    }

    private static String percent(ExperimentResult.Stat s) {
        if (!s.any()) return "diverged";
        return s.runs() > 1 ? String.format(Locale.ROOT, "%.2f%% ± %.2f", s.mean(), s.std())
                : String.format(Locale.ROOT, "%.2f%%", s.mean());
    }

    private static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }
}
