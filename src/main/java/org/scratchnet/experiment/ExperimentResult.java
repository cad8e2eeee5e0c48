package org.scratchnet.experiment;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** All runs of one experiment: for each recipe, one run per seed. */
public record ExperimentResult(Experiment experiment, Map<Experiment.Variant, List<RunResult>> runs) {

    /** Mean and sample standard deviation over the runs that did not diverge, in percent. */
    public record Stat(double mean, double std, int runs, int diverged) {
        public boolean any() {
            return runs > 0;
        }
    }

    public Stat testAccuracy(Experiment.Variant v) {
        return stat(v, RunResult::testAccuracy);
    }

    public Stat trainAccuracy(Experiment.Variant v) {
        return stat(v, RunResult::trainAccuracy);
    }

    public Stat validationAccuracy(Experiment.Variant v) {
        return stat(v, RunResult::validationAccuracy);
    }

    /** Mean training seconds per run of a recipe. */
    public double meanSeconds(Experiment.Variant v) {
        return runs.get(v).stream().mapToDouble(RunResult::seconds).average().orElse(Double.NaN);
    }

    public double totalSeconds() {
        return runs.values().stream().flatMap(List::stream).mapToDouble(RunResult::seconds).sum();
    }

    private Stat stat(Experiment.Variant v, ToDoubleFunction<RunResult> f) {
        List<RunResult> all = runs.get(v);
        double[] x = all.stream().filter(RunResult::ok).mapToDouble(f).map(a -> 100 * a).toArray();
        int diverged = all.size() - x.length;
        if (x.length == 0) return new Stat(Double.NaN, Double.NaN, 0, diverged);
        double mean = 0;
        for (double a : x) mean += a;
        mean /= x.length;
        double ss = 0;
        for (double a : x) ss += (a - mean) * (a - mean);
        double std = x.length > 1 ? Math.sqrt(ss / (x.length - 1)) : 0;
        return new Stat(mean, std, x.length, diverged);
    }
}
