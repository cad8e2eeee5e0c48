package org.scratchnet.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.scratchnet.experiment.RunResult;
import org.scratchnet.plot.TrainingCurves;
import org.scratchnet.train.History;

/**
 * Turns the histories of several seeds of one recipe into curves: at every record point the
 * mean over the seeds, with the lowest and highest seed as a band. The seeds of a recipe record
 * at the same iterations, so rows line up one for one. Runs that diverged are left out.
 */
final class Curves {
    private Curves() {}

    /**
     * The accuracy, loss and learning-rate curves of a recipe, and the seeds they are drawn from.
     *
     * @param band true when there is more than one seed, so the curves have a min-max band
     */
    record Set(List<TrainingCurves.Curve> accuracy, List<TrainingCurves.Curve> loss, List<TrainingCurves.Curve> learningRate,
               List<Long> seeds, boolean band) {}

    static Set of(List<RunResult> runs) {
        List<RunResult> drawn = runs.stream().filter(r -> r.ok() && !r.history().rows().isEmpty()).toList();
        List<TrainingCurves.Curve> accuracy = List.of(curve("train", drawn, History.Row::trainAccuracy),
                curve("validation", drawn, History.Row::validationAccuracy));
        List<TrainingCurves.Curve> loss = List.of(curve("train", drawn, History.Row::trainLoss),
                curve("validation", drawn, History.Row::validationLoss));
        // The rate is a function of the step: the same for every seed (but for plateau, whose band then shows it).
        List<TrainingCurves.Curve> rate = List.of(curve("learning rate", drawn, History.Row::learningRate));
        return new Set(accuracy, loss, rate, drawn.stream().map(RunResult::seed).toList(), drawn.size() > 1);
    }

    private static TrainingCurves.Curve curve(String label, List<RunResult> runs, ToDoubleFunction<History.Row> f) {
        List<List<History.Row>> rows = new ArrayList<>();
        for (RunResult r : runs) rows.add(r.history().rows());
        int points = rows.stream().mapToInt(List::size).min().orElse(0);
        double[] x = new double[points];
        double[] mean = new double[points];
        double[] low = new double[points];
        double[] high = new double[points];
        for (int i = 0; i < points; i++) {
            x[i] = rows.get(0).get(i).iteration();
            double sum = 0;
            low[i] = Double.POSITIVE_INFINITY;
            high[i] = Double.NEGATIVE_INFINITY;
            for (List<History.Row> seed : rows) {
                double v = f.applyAsDouble(seed.get(i));
                sum += v;
                low[i] = Math.min(low[i], v);
                high[i] = Math.max(high[i], v);
            }
            mean[i] = sum / rows.size();
        }
        boolean band = rows.size() > 1;
        return new TrainingCurves.Curve(label, x, mean, band ? low : null, band ? high : null);
    }
}
