package org.scratchnet.experiment;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * All runs of one experiment: for each recipe (by its key, in the experiment's order), one run
 * per seed.
 */
public record ExperimentResult(Experiment experiment, Map<String, List<RunResult>> runs) {

    /**
     * Mean and sample standard deviation (n - 1) over the runs that did not diverge, in percent;
     * {@code values} holds those runs' values seed by seed, in percent too.
     */
    public record Stat(double mean, double std, int runs, int diverged, double[] values) {
        public boolean any() {
            return runs > 0;
        }

        /** The lowest and highest value: the spread the seeds give. */
        public double min() {
            double m = Double.POSITIVE_INFINITY;
            for (double v : values) m = Math.min(m, v);
            return values.length == 0 ? Double.NaN : m;
        }

        public double max() {
            double m = Double.NEGATIVE_INFINITY;
            for (double v : values) m = Math.max(m, v);
            return values.length == 0 ? Double.NaN : m;
        }
    }

    public List<RunResult> runs(Experiment.NamedRecipe recipe) {
        return runs.get(recipe.key());
    }

    public Stat testAccuracy(Experiment.NamedRecipe r) {
        return stat(r, RunResult::testAccuracy);
    }

    public Stat trainAccuracy(Experiment.NamedRecipe r) {
        return stat(r, RunResult::trainAccuracy);
    }

    public Stat validationAccuracy(Experiment.NamedRecipe r) {
        return stat(r, RunResult::validationAccuracy);
    }

    /** Mean validation loss before the first update, over all runs (a diverged run has one too). */
    public double meanInitialLoss(Experiment.NamedRecipe r) {
        return runs(r).stream().mapToDouble(RunResult::initialLoss).average().orElse(Double.NaN);
    }

    /** Mean over the runs of each layer's weight standard deviation before training. */
    public double[] meanInitialStd(Experiment.NamedRecipe r) {
        List<RunResult> all = runs(r);
        double[] mean = new double[all.get(0).initialStd().length];
        for (RunResult run : all) for (int l = 0; l < mean.length; l++) mean[l] += run.initialStd()[l] / all.size();
        return mean;
    }

    public int diverged(Experiment.NamedRecipe r) {
        return (int) runs(r).stream().filter(x -> !x.ok()).count();
    }

    /** Mean training seconds per run of a recipe. */
    public double meanSeconds(Experiment.NamedRecipe r) {
        return runs(r).stream().mapToDouble(RunResult::seconds).average().orElse(Double.NaN);
    }

    public double totalSeconds() {
        return runs.values().stream().flatMap(List::stream).mapToDouble(RunResult::seconds).sum();
    }

    private Stat stat(Experiment.NamedRecipe r, ToDoubleFunction<RunResult> f) {
        List<RunResult> all = runs(r);
        double[] x = all.stream().filter(RunResult::ok).mapToDouble(f).map(a -> 100 * a).toArray();
        int diverged = all.size() - x.length;
        if (x.length == 0) return new Stat(Double.NaN, Double.NaN, 0, diverged, x);
        double mean = 0;
        for (double a : x) mean += a;
        mean /= x.length;
        double ss = 0;
        for (double a : x) ss += (a - mean) * (a - mean);
        double std = x.length > 1 ? Math.sqrt(ss / (x.length - 1)) : 0;
        return new Stat(mean, std, x.length, diverged, x);
    }
}
