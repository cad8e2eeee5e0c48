package org.scratchnet.cli;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.scratchnet.config.Recipe;
import org.scratchnet.experiment.Experiment;
import org.scratchnet.experiment.ExperimentRunner;
import org.scratchnet.experiment.RunResult;
import org.scratchnet.train.TrainingListener;

/**
 * Progress over a whole set of experiments, whose runs may go side by side. Runs differ a
 * thousandfold in cost (a 784-10-10 step against a 784-256-128-10 epoch), so the bar counts
 * work, samples times the network's multiply-adds per sample, which makes its rate and ETA
 * meaningful. On a terminal it draws a bar; otherwise (logs, CI) it prints one line per finished
 * run.
 */
final class ExperimentProgress implements ExperimentRunner.Listener {
    private final boolean terminal;
    private final int totalRuns;
    private final ProgressBar bar;
    private final AtomicLong work = new AtomicLong();  // mega multiply-adds done, over all runs
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();

    ExperimentProgress(List<Experiment> experiments, int trainSize, boolean terminal) {
        this.terminal = terminal;
        long total = 0;
        Set<Recipe> distinct = new HashSet<>();  // a recipe shared by two experiments runs once
        for (Experiment e : experiments) {
            for (Experiment.NamedRecipe r : e.recipes()) {
                Recipe recipe = r.recipe();
                for (long seed : e.seeds()) {
                    if (distinct.add(ExperimentRunner.key(recipe, seed))) total += plannedWork(recipe, trainSize);
                }
            }
        }
        this.totalRuns = distinct.size();
        this.bar = terminal ? new ProgressBarBuilder().setTaskName("experiments").setInitialMax(Math.max(1, total))
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUnit(" G multiply-adds", 1000)
                .setUpdateIntervalMillis(250).setConsumer(new ConsoleProgressBarConsumer(System.err)).build() : null;
    }

    /** Mega multiply-adds of a training run: forward and backward cost about three forwards. */
    private static long plannedWork(Recipe recipe, int trainSize) {
        long batch = recipe.training().effectiveBatch(trainSize);
        int steps = recipe.training().totalSteps(trainSize);
        return (long) (steps * batch * macs(recipe) / 1e6);
    }

    private static double macs(Recipe recipe) {
        int[] sizes = recipe.architecture().sizes();
        double forward = 0;
        for (int i = 0; i + 1 < sizes.length; i++) forward += (double) sizes[i] * sizes[i + 1];
        return 3 * forward;
    }

    @Override
    public TrainingListener runStarted(Experiment e, Experiment.NamedRecipe r, long seed, int trainSize) {
        Recipe recipe = r.recipe();
        int run = started.incrementAndGet();
        String name = String.format(Locale.ROOT, "%s, %s, seed %d", e.name(), r.label(), seed);
        if (bar != null) bar.setExtraMessage(String.format(Locale.ROOT, " run %d/%d: %s", run, totalRuns, name));
        long planned = plannedWork(recipe, trainSize);
        double macs = macs(recipe);
        return new TrainingListener() {
            private long reported;

            @Override
            public void batchDone(long samplesSeen, int epoch, double batchLoss, double batchAccuracy) {
                advance(Math.min(planned, (long) (samplesSeen * macs / 1e6)));
            }

            @Override
            public void finished() {
                advance(planned);
            }

            private void advance(long to) {
                if (to <= reported) return;
                long now = work.addAndGet(to - reported);
                reported = to;
                if (bar != null) bar.stepTo(now);
            }
        };
    }

    @Override
    public void runFinished(RunResult r) {
        int done = finished.incrementAndGet();
        if (terminal) return;
        String outcome = r.ok()
                ? String.format(Locale.ROOT, "train %.2f%%, test %.2f%%", 100 * r.trainAccuracy(), 100 * r.testAccuracy())
                : "diverged";
        System.err.printf(Locale.ROOT, "[%d/%d] %s, %s, seed %d: %s (%.1f s)%n", done, totalRuns, r.experiment(),
                r.recipeLabel(), r.seed(), outcome, r.seconds());
    }

    void close() {
        if (bar != null) {
            bar.stepTo(bar.getMax());
            bar.close();
        }
    }
}
