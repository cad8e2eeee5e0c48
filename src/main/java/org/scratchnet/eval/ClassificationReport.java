package org.scratchnet.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-class and averaged metrics of a {@link ConfusionMatrix} C (rows actual a, columns predicted p),
 * printed the way scikit-learn's {@code classification_report} does so the numbers are familiar.
 *
 * <pre>
 *   TP_c      = C[c][c]
 *   support_c = sum_p C[c][p]          (examples whose actual class is c)
 *   predicted_c = sum_a C[a][c]        (examples the model called c)
 *   precision_c = TP_c / predicted_c   recall_c = TP_c / support_c
 *   f1_c      = 2 * precision_c * recall_c / (precision_c + recall_c)
 *   accuracy  = sum_c TP_c / total
 *   macro avg = plain mean over all classes; weighted avg = mean weighted by support_c
 * </pre>
 * <b>0/0 is defined as 0</b> everywhere: a class the model never predicts has precision 0, a class
 * with no examples has recall 0, and an empty matrix has accuracy 0. This matches scikit-learn's
 * {@code zero_division=0} and keeps every number finite, so the JSON never holds NaN. Classes with
 * no support still count in the macro average, as in scikit-learn.
 */
public final class ClassificationReport {

    private final long[][] counts;
    private final int classes;
    private final long total;
    private final double accuracy;
    private final double[] precision;
    private final double[] recall;
    private final double[] f1;
    private final long[] support;

    private ClassificationReport(ConfusionMatrix cm) {
        counts = cm.counts();
        classes = cm.classes();
        total = cm.total();
        precision = new double[classes];
        recall = new double[classes];
        f1 = new double[classes];
        support = new long[classes];
        long correct = 0;
        for (int c = 0; c < classes; c++) {
            long tp = counts[c][c];
            long predicted = 0;
            for (int a = 0; a < classes; a++) predicted += counts[a][c];
            for (int p = 0; p < classes; p++) support[c] += counts[c][p];
            precision[c] = ratio(tp, predicted);
            recall[c] = ratio(tp, support[c]);
            double sum = precision[c] + recall[c];
            f1[c] = sum == 0 ? 0 : 2 * precision[c] * recall[c] / sum;
            correct += tp;
        }
        accuracy = ratio(correct, total);
    }

    public static ClassificationReport of(ConfusionMatrix cm) {
        return new ClassificationReport(cm);
    }

    /** n / d, with 0/0 = 0 (see the class comment). */
    private static double ratio(long n, long d) {
        return d == 0 ? 0 : (double) n / d;
    }

    public int classes() {
        return classes;
    }

    public long total() {
        return total;
    }

    public double accuracy() {
        return accuracy;
    }

    public double precision(int c) {
        return precision[c];
    }

    public double recall(int c) {
        return recall[c];
    }

    public double f1(int c) {
        return f1[c];
    }

    public long support(int c) {
        return support[c];
    }

    public double macroPrecision() {
        return mean(precision);
    }

    public double macroRecall() {
        return mean(recall);
    }

    public double macroF1() {
        return mean(f1);
    }

    public double weightedPrecision() {
        return weighted(precision);
    }

    public double weightedRecall() {
        return weighted(recall);
    }

    public double weightedF1() {
        return weighted(f1);
    }

    private double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    /** sum_c support_c * v_c / total, 0 for an empty matrix. */
    private double weighted(double[] v) {
        if (total == 0) return 0;
        double s = 0;
        for (int c = 0; c < classes; c++) s += support[c] * v[c];
        return s / total;
    }

    /**
     * The confusion matrix, then the per-class table, as plain text for a terminal. The matrix's
     * corner cell reads "predicted" over the column labels and each row reads "actual c", so every
     * line of the block has the same width and no caption is needed to tell rows from columns.
     */
    public String format() {
        StringBuilder out = new StringBuilder();
        out.append("Confusion matrix (rows: actual class, columns: predicted class)\n");
        String corner = "predicted";
        int labelWidth = Math.max(corner.length(), ("actual " + (classes - 1)).length());
        long largest = 0;
        for (long[] row : counts) for (long v : row) largest = Math.max(largest, v);
        int cellWidth = Math.max(Long.toString(largest).length(), Integer.toString(classes - 1).length()) + 2;

        out.append(pad(corner, labelWidth, false));
        for (int p = 0; p < classes; p++) out.append(pad(Integer.toString(p), cellWidth, true));
        out.append('\n');
        for (int a = 0; a < classes; a++) {
            out.append(pad("actual " + a, labelWidth, false));
            for (int p = 0; p < classes; p++) out.append(pad(Long.toString(counts[a][p]), cellWidth, true));
            out.append('\n');
        }
        out.append('\n');

        // scikit-learn's layout: name column, then four right-aligned columns of width 10.
        int nameWidth = Math.max("weighted avg".length(), Integer.toString(classes - 1).length());
        int supportWidth = Math.max(10, Long.toString(total).length() + 1);
        out.append(pad("class", nameWidth, true))
                .append(pad("precision", 11, true)).append(pad("recall", 10, true))
                .append(pad("f1-score", 10, true)).append(pad("support", supportWidth, true)).append("\n\n");
        for (int c = 0; c < classes; c++) {
            out.append(row(Integer.toString(c), nameWidth, supportWidth, precision[c], recall[c], f1[c], support[c]));
        }
        out.append('\n');
        out.append(pad("accuracy", nameWidth, true)).append(" ".repeat(21))
                .append(pad(decimal(accuracy), 10, true)).append(pad(Long.toString(total), supportWidth, true))
                .append('\n');
        out.append(row("macro avg", nameWidth, supportWidth, macroPrecision(), macroRecall(), macroF1(), total));
        out.append(row("weighted avg", nameWidth, supportWidth, weightedPrecision(), weightedRecall(), weightedF1(),
                total));
        return out.toString();
    }

    private static String row(String name, int nameWidth, int supportWidth, double p, double r, double f, long n) {
        return pad(name, nameWidth, true) + pad(decimal(p), 11, true) + pad(decimal(r), 10, true)
                + pad(decimal(f), 10, true) + pad(Long.toString(n), supportWidth, true) + "\n";
    }

    /** Four decimals with a point whatever the machine's locale, so reports compare across machines. */
    private static String decimal(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String pad(String s, int width, boolean right) {
        String spaces = " ".repeat(Math.max(0, width - s.length()));
        return right ? spaces + s : s + spaces;
    }

    /**
     * The same numbers as a LinkedHashMap, so Gson writes the keys in this order: accuracy,
     * confusion_matrix (rows actual), per_class, then macro and weighted averages.
     */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("accuracy", accuracy);
        List<List<Long>> matrix = new ArrayList<>();
        for (long[] row : counts) {
            List<Long> r = new ArrayList<>();
            for (long v : row) r.add(v);
            matrix.add(r);
        }
        json.put("confusion_matrix", matrix);
        List<Map<String, Object>> perClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("class", c);
            m.put("precision", precision[c]);
            m.put("recall", recall[c]);
            m.put("f1", f1[c]);
            m.put("support", support[c]);
            perClass.add(m);
        }
        json.put("per_class", perClass);
        json.put("macro_precision", macroPrecision());
        json.put("macro_recall", macroRecall());
        json.put("macro_f1", macroF1());
        json.put("weighted_precision", weightedPrecision());
        json.put("weighted_recall", weightedRecall());
        json.put("weighted_f1", weightedF1());
        return json;
    }
}
