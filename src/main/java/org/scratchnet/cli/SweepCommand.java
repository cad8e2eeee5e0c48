package org.scratchnet.cli;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import org.scratchnet.Count;
import org.scratchnet.OneLine;
import org.scratchnet.UserException;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.MnistFiles;
import org.scratchnet.data.Splits;
import org.scratchnet.engine.FastEngine;
import org.scratchnet.io.AtomicFiles;
import org.scratchnet.io.InputFiles;
import org.scratchnet.io.OutputFiles;
import org.scratchnet.nn.Engine;
import org.scratchnet.plot.SweepChart;
import org.scratchnet.sweep.BestRecipe;
import org.scratchnet.sweep.JobScripts;
import org.scratchnet.sweep.Sweep;
import org.scratchnet.sweep.SweepFile;
import org.scratchnet.sweep.SweepResults;
import org.scratchnet.sweep.SweepTable;
import org.scratchnet.sweep.Trial;
import org.scratchnet.sweep.TrialProcesses;
import org.scratchnet.sweep.TrialResult;
import org.scratchnet.sweep.TrialRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code scratchnet sweep FILE.yaml}: a grid or random search over recipes ({@link SweepFile}).
 * Every trial runs in a process of its own ({@code sweep FILE --out DIR --trial N}, which this
 * command starts {@code -j} at a time, or GNU parallel or Slurm from {@code --emit}), writing its
 * result file into {@code DIR/trials}; a trial whose whole result file is there is not run again,
 * so a stopped sweep resumes where it was. When the trials are done (or with {@code --collect DIR}),
 * the results become a table sorted by validation accuracy (stdout, {@code results.md},
 * {@code results.json}), a figure ({@code sweep.png}, {@code sweep.svg}) and the best recipe as an
 * experiment file ({@code best.yaml}).
 *
 * <p>Every trial trains on the same split as {@code experiment} makes (split seed 42; with
 * {@code train_images}, a stratified subset first), judged on its validation part; the test set is
 * never read.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a grid or random search over recipes (a sweep file: a base recipe and the values to vary),"
                + " each trial in its own process; resumable. Writes a table sorted by validation accuracy, a figure and"
                + " the best recipe as an experiment file.",
                "--emit parallel|slurm writes the unfinished trials as jobs for GNU parallel or a Slurm job array instead;"
                        + " --collect DIR makes the table from the result files they wrote."})
final class SweepCommand implements Callable<Integer> {

    static final String FIGURE = "sweep";
    static final String MARKDOWN = "results.md";
    static final String JSON = "results.json";
    /** The CPUs each task of the Slurm job array asks for when --threads does not say. */
    static final int SLURM_CPUS = 2;

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "The sweep file (YAML).")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "sweep",
            description = "Folder for the trials' result files, the table, the figure and the best recipe (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", converter = OptionTypes.Threads.class,
            description = "Trials run at once, each in its own process (default: 1).")
    Integer jobs;

    @Option(names = "--threads", paramLabel = "N", converter = OptionTypes.Threads.class,
            description = "Threads each trial trains on (default: the cores shared among the -j trials, at least 1;"
                    + " with --emit, every core of the machine that runs the job, and a Slurm task asks for "
                    + SLURM_CPUS + " CPUs).")
    Integer threads;

    @Option(names = "--emit", paramLabel = "parallel|slurm",
            description = "Write the unfinished trials as a job list for GNU parallel (DIR/" + JobScripts.PARALLEL_FILE
                    + ") or a Slurm job-array script (DIR/" + JobScripts.SLURM_FILE + ") instead of running them.")
    String emit;

    @Option(names = "--collect", paramLabel = "DIR",
            description = "Read the result files in DIR (written by any of the ways of running the trials) and write the"
                    + " table, figure and best recipe there.")
    Path collect;

    @Option(names = "--trial", paramLabel = "N",
            description = "Run trial N (from 0) of the sweep alone, in this process, and write its result file: what each"
                    + " trial's process and each job of --emit runs.")
    Integer trial;

    @Mixin
    DataOptions data;

    @Mixin
    TestFractionOption testFraction;

    @Option(names = "--json", description = "Print the table as one JSON object on stdout (with --emit: the file written,"
            + " the trials it runs and the commands that run and collect them).")
    boolean json;

    @Override
    public Integer call() {
        if (collect != null) return collect();
        if (file == null) throw new UserException("give a sweep file (scratchnet sweep FILE.yaml), or --collect DIR to read a sweep's results");
        if (trial != null) return runTrial();
        return run();
    }

    // --- one trial, in this process: what every job runs ------------------------------------------------------------

    private int runTrial() {
        if (emit != null || jobs != null) throw new UserException("--trial runs one trial here; it takes neither --emit nor -j");
        Sweep sweep = SweepFile.read(file);
        if (trial < 0 || trial >= sweep.trials().size()) {
            throw new UserException("--trial must be a trial of " + file + ", from 0 to " + (sweep.trials().size() - 1) + ", got " + trial);
        }
        Path result = TrialResult.file(out, trial);
        data.addInputsTo(OutputFiles.check()).input("the sweep file", file).file("--out", result).verify();
        String dataName = dataIdentity(sweep);
        DataOptions.TrainTest trainTest = data.trainAndTest(testFraction, ExperimentSession.SPLIT_SEED);
        Dataset all = trainTest.train();
        if (sweep.trainImages() > 0 && sweep.trainImages() < all.size) {
            all = Splits.stratified(all, 1 - (double) sweep.trainImages() / all.size, ExperimentSession.SPLIT_SEED).kept();
        }
        Splits.Split split = Holdout.split(all, ExperimentSession.VALIDATION, ExperimentSession.SPLIT_SEED, null,
                "the training set", "validation", false);
        Engine engine = threads == null ? FastEngine.shared() : FastEngine.withThreads(threads);
        TrialResult r = TrialRun.run(sweep, sweep.trials().get(trial), split.kept(), split.heldOut(), dataName, engine);
        r.write(out);
        System.out.println(progress(r));
        return 0;
    }

    /** Where the data comes from, as the plan of every result records it: absolute paths, the subset. */
    private String dataIdentity(Sweep sweep) {
        String where = data.csv != null
                ? "the CSV " + data.csv.toAbsolutePath().normalize() + " less its held-out test fraction " + testFraction.value()
                : "MNIST in " + data.mnistDir().toAbsolutePath().normalize();
        return where + (sweep.trainImages() > 0 ? String.format(Locale.ROOT, ", a stratified %,d of its training images", sweep.trainImages()) : "");
    }

    // --- the sweep: plan, run or emit, then the table --------------------------------------------------------------

    private int run() {
        if (emit != null && !List.of("parallel", "slurm").contains(emit)) {
            throw new UserException("--emit takes parallel (a job list for GNU parallel) or slurm (a Slurm job-array script), got '" + emit + "'");
        }
        Sweep sweep = SweepFile.read(file);
        OutputFiles check = data.addInputsTo(OutputFiles.check()).input("the sweep file", file)
                .folder("--out", out).folder("--out", out.resolve(TrialResult.FOLDER));
        if (emit == null) outputsOf(check, out);
        else if (emit.equals("parallel")) check.file("--out", out.resolve(JobScripts.PARALLEL_FILE));
        else check.file("--out", out.resolve(JobScripts.SLURM_FILE)).folder("--out", out.resolve("logs"));
        check.verify();

        List<String> dataArguments = dataArguments();
        String dataName = dataIdentity(sweep);
        SweepResults before = SweepResults.collect(out);
        List<Integer> todo = new ArrayList<>();
        for (Trial t : sweep.trials()) {
            TrialResult done = before.of(t.index());
            if (done == null) {
                todo.add(t.index());
            } else if (!done.plan().equals(TrialResult.plan(sweep, t, dataName))) {
                throw new UserException(OneLine.of(TrialResult.file(out, t.index()) + " is the result of another plan for trial "
                        + t.index() + " (the sweep file, its data or its seed has changed since it ran); give this sweep"
                        + " another --out, or remove " + out.resolve(TrialResult.FOLDER) + " to start it again"));
            }
        }
        int finishedBefore = sweep.trials().size() - todo.size();
        IntFunction<List<String>> command = n -> trialCommand(n, dataArguments, emit == null ? trialThreads() : threads);
        if (emit != null) return emit(sweep, todo, finishedBefore, dataArguments);

        int parallel = jobs == null ? 1 : jobs;
        if (todo.isEmpty()) System.err.printf(Locale.ROOT, "Sweep %s: all %s finished before; nothing to run%n", sweep.name(),
                Count.of(sweep.trials().size(), "trial"));
        else System.err.printf(Locale.ROOT, "Sweep %s: %s, %s%s; %s at a time, each in its own process on %s; results in %s%n",
                sweep.name(), Count.of(sweep.trials().size(), "trial"), sweep.search().id + " search",
                finishedBefore == 0 ? "" : " (" + finishedBefore + " finished before, not run again)",
                Count.of(Math.min(parallel, Math.max(1, todo.size())), "trial"), Count.of(trialThreads(), "thread"),
                out.resolve(TrialResult.FOLDER));
        List<TrialProcesses.Outcome> outcomes = new TrialProcesses().run(todo, command, parallel, new TrialProcesses.Listener() {
            @Override
            public synchronized void ended(TrialProcesses.Outcome o) {
                if (o.succeeded()) {
                    TrialResult r = TrialResult.read(TrialResult.file(out, o.trial()));
                    System.err.println(r == null ? "trial " + o.trial() + " ended without a whole result file" : progress(r));
                } else {
                    System.err.println("scratchnet: " + OneLine.of("trial " + o.trial() + " (" + sweep.trials().get(o.trial()).describe()
                            + ") " + (o.signalled() ? "was stopped by signal " + (o.exitCode() - 128) + " before it finished; run the sweep"
                            + " again to rerun it" : "failed: " + o.error())));
                }
            }
        });
        long failed = outcomes.stream().filter(o -> !o.succeeded()).count();
        SweepResults results = SweepResults.collect(out);
        if (results.results().isEmpty()) {
            throw new UserException("no trial of " + file + " finished (" + failed + " failed); see the messages above");
        }
        report(results, out);
        return failed == 0 ? 0 : Main.USER_ERROR;
    }

    /** Threads per trial when this command runs them: the cores shared among the -j trials, at least 1. */
    private int trialThreads() {
        if (threads != null) return threads;
        return Math.max(1, Runtime.getRuntime().availableProcessors() / (jobs == null ? 1 : jobs));
    }

    /** The data options every trial gets, with absolute paths (a job may run in another folder, on another machine). */
    private List<String> dataArguments() {
        List<String> args = new ArrayList<>();
        if (data.csv != null) {
            if (data.dataDir != null) throw new UserException("give either --data or --csv, not both");
            if (!InputFiles.existsAtAll(data.csv)) throw new UserException(data.csv + " does not exist: give the path of a Kaggle CSV");
            args.addAll(List.of("--csv", data.csv.toAbsolutePath().normalize().toString()));
            if (testFraction.given != null) args.addAll(List.of("--test-fraction", Double.toString(testFraction.given)));
        } else {
            DataOptions.requireNoTestFraction(testFraction);
            Path dir = data.mnistDir().toAbsolutePath().normalize();
            List<String> missing = MnistFiles.missing(dir);
            if (!missing.isEmpty()) throw new UserException(dir + " lacks the MNIST files " + String.join(", ", missing));
            args.addAll(List.of("--data", dir.toString()));
        }
        return args;
    }

    /** The command line of trial {@code n}: this program again, with the sweep file and folder as absolute paths. */
    private List<String> trialCommand(int n, List<String> dataArguments, Integer threadsPerTrial) {
        List<String> command = new ArrayList<>(TrialProcesses.scratchnet());
        command.addAll(List.of("sweep", file.toAbsolutePath().normalize().toString(), "--out", out.toAbsolutePath().normalize().toString(),
                "--trial", Integer.toString(n)));
        command.addAll(dataArguments);
        if (threadsPerTrial != null) command.addAll(List.of("--threads", Integer.toString(threadsPerTrial)));
        return command;
    }

    private int emit(Sweep sweep, List<Integer> todo, int finishedBefore, List<String> dataArguments) {
        String collectCommand = "scratchnet sweep --collect " + JobScripts.shellWord(out.toString());
        if (todo.isEmpty()) {
            if (json) printEmitted(sweep, todo, finishedBefore, null, null, collectCommand);
            else System.out.printf(Locale.ROOT, "All %s of %s have finished: nothing to run; the table: %s%n",
                    Count.of(sweep.trials().size(), "trial"), sweep.name(), collectCommand);
            return 0;
        }
        String state = String.format(Locale.ROOT, "%s of %s (%d finished before)", Count.of(todo.size(), "unfinished trial"),
                Count.of(sweep.trials().size(), "trial"), finishedBefore);
        if (emit.equals("parallel")) {
            Path jobsFile = out.resolve(JobScripts.PARALLEL_FILE);
            AtomicFiles.writeString(jobsFile, JobScripts.parallel(todo, n -> trialCommand(n, dataArguments, threads)));
            String runCommand = String.format(Locale.ROOT, "parallel --jobs %d < %s", jobs == null ? 1 : jobs,
                    JobScripts.shellWord(jobsFile.toString()));
            if (json) printEmitted(sweep, todo, finishedBefore, jobsFile, runCommand, collectCommand);
            else System.out.printf(Locale.ROOT, "Wrote %s: one command per trial, %s. Run them with%n  %s%n"
                    + "(add --sshlogin HOST,... to spread them over machines that share %s), then: %s%n", jobsFile, state,
                    runCommand, out, collectCommand);
        } else {
            Path script = out.resolve(JobScripts.SLURM_FILE);
            int placeholder = todo.get(0);
            List<String> template = trialCommand(placeholder, dataArguments, threads);
            int at = template.indexOf("--trial") + 1;
            template.set(at, "TRIAL");
            String logs = out.resolve("logs").toAbsolutePath().normalize().toString();
            try {
                Files.createDirectories(Path.of(logs));
            } catch (java.io.IOException e) {
                throw new UserException("cannot create " + logs + ": " + AtomicFiles.describe(e));
            }
            AtomicFiles.writeString(script, JobScripts.slurm(sweep.name(), todo, template, "TRIAL",
                    threads == null ? SLURM_CPUS : threads, logs));
            String runCommand = "sbatch " + JobScripts.shellWord(script.toString());
            if (json) printEmitted(sweep, todo, finishedBefore, script, runCommand, collectCommand);
            else System.out.printf(Locale.ROOT, "Wrote %s: a Slurm job array of the %s. Submit it with%n  %s%nthen: %s%n",
                    script, state, runCommand, collectCommand);
        }
        return 0;
    }

    /** What {@code --emit} wrote, for {@code --json}: the file (null when every trial had finished) and the commands. */
    private void printEmitted(Sweep sweep, List<Integer> todo, int finishedBefore, Path written, String runCommand,
                              String collectCommand) {
        Map<String, Object> printed = new LinkedHashMap<>();
        printed.put("sweep", sweep.name());
        printed.put("emit", emit);
        printed.put("trials", sweep.trials().size());
        printed.put("finished_before", finishedBefore);
        printed.put("unfinished_trials", todo);
        printed.put("file", written == null ? null : written.toString());
        printed.put("run", runCommand);
        printed.put("collect", collectCommand);
        Json.print(printed);
    }

    // --- the table, figure and best recipe ------------------------------------------------------------------------

    private int collect() {
        if (file != null || trial != null || emit != null || jobs != null) {
            throw new UserException("--collect reads the results already in " + collect + "; give it no sweep file, --trial, --emit or -j");
        }
        if (!Files.isDirectory(collect, LinkOption.NOFOLLOW_LINKS)) {
            throw new UserException(collect + " is not a folder: --collect takes a sweep's folder (its --out), which holds "
                    + TrialResult.FOLDER + "/trial-NNNN.json");
        }
        OutputFiles check = OutputFiles.check();
        outputsOf(check, collect);
        check.verify();
        SweepResults results = SweepResults.collect(collect);
        if (results.results().isEmpty()) {
            throw new UserException(collect + " holds no finished trial (" + collect.resolve(TrialResult.FOLDER)
                    + "/trial-NNNN.json); run the sweep's trials first");
        }
        report(results, collect);
        return 0;
    }

    /** The files the table goes into, for the output check. */
    private static void outputsOf(OutputFiles check, Path dir) {
        check.folder("--out", dir).file("--out", dir.resolve(MARKDOWN)).file("--out", dir.resolve(JSON))
                .file("--out", dir.resolve(FIGURE + ".png")).file("--out", dir.resolve(FIGURE + ".svg"))
                .file("--out", dir.resolve(BestRecipe.FILE));
    }

    /** Writes the table (Markdown, JSON), the figure and the best recipe into {@code dir}, and prints the table. */
    private void report(SweepResults results, Path dir) {
        SweepTable table = SweepTable.of(results.results());
        for (Path p : results.incomplete()) {
            System.err.println("scratchnet: " + OneLine.of(p + " is not a whole result (its trial was stopped while writing"
                    + " it, or it was cut short); it counts as not run: run the sweep again to rerun it"));
        }
        SweepChart.write(table.rows(), dir, FIGURE);
        TrialResult best = table.best();
        String markdown = "# Sweep " + table.rows().get(0).sweep() + "\n\n" + table.markdown() + "\n![Validation accuracy of the trials]("
                + FIGURE + ".png)\n\n" + (best == null ? "No trial finished without diverging.\n"
                : "The best recipe, trial " + best.trial() + ", is in [" + BestRecipe.FILE + "](" + BestRecipe.FILE
                + "): run it with `scratchnet experiment " + BestRecipe.FILE + "` to measure its test accuracy once.\n");
        Map<String, Object> tableJson = table.json();
        List<AtomicFiles.Output> outputs = new ArrayList<>(List.of(
                new AtomicFiles.Output(dir.resolve(MARKDOWN), AtomicFiles.text(markdown)),
                new AtomicFiles.Output(dir.resolve(JSON), AtomicFiles.text(Json.toJson(tableJson) + "\n"))));
        if (best != null) outputs.add(new AtomicFiles.Output(dir.resolve(BestRecipe.FILE), AtomicFiles.text(BestRecipe.yaml(best))));
        AtomicFiles.writeAll(outputs);
        if (json) {
            Map<String, Object> printed = new LinkedHashMap<>(tableJson);
            printed.put("best_recipe", best == null ? null : dir.resolve(BestRecipe.FILE).toString());
            Json.print(printed);
        } else {
            System.out.print(table.text());
            System.out.printf(Locale.ROOT, "%nWrote %s, %s, %s.png and .svg%s into %s%n", MARKDOWN, JSON, FIGURE,
                    best == null ? "" : " and the best recipe, " + BestRecipe.FILE + " (trial " + best.trial()
                            + "; measure its test accuracy with 'scratchnet experiment " + dir.resolve(BestRecipe.FILE) + "')", dir);
        }
    }

    /** "trial 2 of 4 (learning_rate 0.003, layers [784, 256, 10]): validation accuracy 91.33% (2.1 s)". */
    private static String progress(TrialResult r) {
        return String.format(Locale.ROOT, "trial %d of %d (%s): %s (%.1f s)", r.trial(), r.trials(), Trial.describe(r.values()),
                r.finished() ? String.format(Locale.ROOT, "validation accuracy %.2f%%", 100 * r.validationAccuracy())
                        : "diverged", r.seconds());
    }
}
