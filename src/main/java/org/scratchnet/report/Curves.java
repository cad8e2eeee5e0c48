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
 * at the same iterations, so rows line up one for one.
 */
final class Curves {
    private Curves() {}

    static List<TrainingCurves.Curve> accuracy(List<RunResult> runs) {
        List<TrainingCurves.Curve> curves = new ArrayList<>();
        curves.add(curve("train", runs, History.Row::trainAccuracy));
        curves.add(curve("validation", runs, History.Row::validationAccuracy));
        return curves;
    }

    static List<TrainingCurves.Curve> loss(List<RunResult> runs) {
        List<TrainingCurves.Curve> curves = new ArrayList<>();
        curves.add(curve("train", runs, History.Row::trainLoss));
        curves.add(curve("validation", runs, History.Row::validationLoss));
        return curves;
    }

    private static TrainingCurves.Curve curve(String label, List<RunResult> runs, ToDoubleFunction<History.Row> f) {
        List<List<History.Row>> rows = new ArrayList<>();
        for (RunResult r : runs) if (r.ok() && !r.history().rows().isEmpty()) rows.add(r.history().rows());
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
