package org.scratchnet.plot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The learning curves of one or more finished runs, from the history CSVs {@code train} writes
 * beside its models: train and validation accuracy and loss against the update, and the learning
 * rate under them, one colour per run and curve ({@link TrainingCurves} draws them). This is how
 * docs/results.md shows why a record run stopped where it did.
 */
public final class HistoryFigure {
    private HistoryFigure() {}

    /** One run's rows, as {@code io.HistoryCsv} reads them (column name to number, null where empty), under a label. */
    public record Run(String label, List<Map<String, Object>> rows) {}

    /** Writes dir/name.png and dir/name.svg; returns both paths. */
    public static List<Path> write(Path dir, String name, String title, List<Run> runs) {
        List<TrainingCurves.Curve> accuracy = new ArrayList<>();
        List<TrainingCurves.Curve> loss = new ArrayList<>();
        List<TrainingCurves.Curve> rate = new ArrayList<>();
        for (Run run : runs) {
            double[] x = column(run.rows(), "iteration");
            String prefix = runs.size() == 1 ? "" : run.label() + " ";
            accuracy.add(new TrainingCurves.Curve(prefix + "train", x, column(run.rows(), "train_accuracy")));
            loss.add(new TrainingCurves.Curve(prefix + "train", x, column(run.rows(), "train_loss")));
            double[] validation = column(run.rows(), "validation_accuracy");
            if (anyFinite(validation)) {
                accuracy.add(new TrainingCurves.Curve(prefix + "validation", x, validation));
                loss.add(new TrainingCurves.Curve(prefix + "validation", x, column(run.rows(), "validation_loss")));
            }
            rate.add(new TrainingCurves.Curve(prefix + "learning rate", x, column(run.rows(), "learning_rate")));
        }
        String subtitle = runs.size() == 1 ? runs.get(0).label()
                : String.join(", ", runs.stream().map(Run::label).toList());
        return TrainingCurves.write(dir, name, title, subtitle, accuracy, loss, rate);
    }

    /** The column as doubles, NaN where a row leaves it empty or lacks it (files written before the learning_rate column). */
    private static double[] column(List<Map<String, Object>> rows, String name) {
        double[] v = new double[rows.size()];
        for (int i = 0; i < v.length; i++) {
            Object cell = rows.get(i).get(name);
            v[i] = cell instanceof Number n ? n.doubleValue() : Double.NaN;
        }
        return v;
    }

    private static boolean anyFinite(double[] v) {
        for (double x : v) if (Double.isFinite(x)) return true;
        return false;
    }
}
