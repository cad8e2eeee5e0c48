package org.scratchnet.cli;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.scratchnet.experiment.Experiment;
import org.scratchnet.experiment.ExperimentRunner;
import org.scratchnet.experiment.RunResult;
import org.scratchnet.experiment.RunSpec;
import org.scratchnet.train.TrainingListener;

/**
 * Progress over a whole set of experiments. Runs differ a thousandfold in cost (a 784-10-10
 * step against a 784-256-128-10 epoch), so the bar counts work, samples times the network's
 * multiply-adds per sample, which makes its rate and ETA meaningful. On a terminal it draws a
 * bar; otherwise (logs, CI) it prints one line per finished run.
 */
final class ExperimentProgress implements ExperimentRunner.Listener {
    private final boolean terminal;
    private final int totalRuns;
    private final ProgressBar bar;
    private long workBefore;      // work of the finished runs, in mega multiply-adds
    private long workAfter;       // ... and of the current one, once it is done
    private double macsPerSample; // of the current run
    private int run;
    private String current = "";

    ExperimentProgress(List<Experiment> experiments, int trainSize, boolean terminal) {
        this.terminal = terminal;
        long total = 0;
        Set<String> distinct = new HashSet<>();  // a recipe shared by two experiments runs once
        for (Experiment e : experiments) {
            for (Experiment.Variant v : Experiment.Variant.values()) {
                RunSpec spec = e.spec(v);
                for (long seed : e.seeds()) {
                    if (distinct.add(ExperimentRunner.key(spec, seed))) {
                        total += work(spec, spec.config(seed, trainSize).totalSteps(trainSize), trainSize);
                    }
                }
            }
        }
        int runs = distinct.size();
        this.totalRuns = runs;
        this.bar = terminal ? new ProgressBarBuilder().setTaskName("experiments").setInitialMax(Math.max(1, total))
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUnit(" G multiply-adds", 1000)
                .setUpdateIntervalMillis(250).setConsumer(new ConsoleProgressBarConsumer(System.err)).build() : null;
    }

    /** Mega multiply-adds of a training run: forward and backward cost about three forwards. */
    private static long work(RunSpec spec, int steps, int trainSize) {
        long batch = spec.batch() == 0 ? trainSize : Math.min(spec.batch(), trainSize);
        return (long) (steps * batch * macs(spec) / 1e6);
    }

    private static double macs(RunSpec spec) {
        int[] sizes = spec.architecture().sizes();
        double forward = 0;
        for (int i = 0; i + 1 < sizes.length; i++) forward += (double) sizes[i] * sizes[i + 1];
        return 3 * forward;
    }

    @Override
    public void runStarted(Experiment e, Experiment.Variant v, long seed, RunSpec spec, int trainSize) {
        run++;
        macsPerSample = macs(spec);
        workAfter = workBefore + work(spec, spec.config(seed, trainSize).totalSteps(trainSize), trainSize);
        current = String.format(Locale.ROOT, "%s, %s, seed %d", e.name(), v.label, seed);
        if (bar != null) bar.setExtraMessage(String.format(Locale.ROOT, " run %d/%d: %s", run, totalRuns, current));
    }

    @Override
    public TrainingListener training() {
        return new TrainingListener() {
            @Override
            public void batchDone(long samplesSeen, int epoch, double batchLoss, double batchAccuracy) {
                if (bar != null) bar.stepTo(workBefore + (long) (samplesSeen * macsPerSample / 1e6));
            }
        };
    }

    @Override
    public void runFinished(RunResult r) {
        workBefore = workAfter;  // also when a run diverged and stopped early
        if (bar != null) bar.stepTo(workBefore);
        String outcome = r.ok()
                ? String.format(Locale.ROOT, "train %.2f%%, test %.2f%%", 100 * r.trainAccuracy(), 100 * r.testAccuracy())
                : "diverged";
        String line = String.format(Locale.ROOT, "[%d/%d] %s: %s (%.1f s)", run, totalRuns, current, outcome, r.seconds());
        if (!terminal) System.err.println(line);
    }

    @Override
    public void runReused(RunResult r) {
        if (!terminal) {
            System.err.printf(Locale.ROOT, "%s, %s, seed %d: the same recipe and seed as an earlier run, whose result stands%n",
                    r.experiment(), r.variant().label, r.seed());
        }
    }

    void close() {
        if (bar != null) bar.close();
    }
}
