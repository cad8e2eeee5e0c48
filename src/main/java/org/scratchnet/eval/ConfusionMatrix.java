package org.scratchnet.eval;

/**
 * Counts of (actual class, predicted class) pairs: entry [a][p] is how many examples of class a
 * the model called p. The diagonal holds the correct answers; every metric in
 * {@link ClassificationReport} is computed from this table alone.
 *
 * <p>Labels outside 0..classes-1 are a bug in the caller (the data readers already reject them
 * in files), so they throw {@link IllegalArgumentException} naming the value and the range.
 */
public final class ConfusionMatrix {

    private final int classes;
    /** counts[actual][predicted]. */
    private final long[][] counts;
    private long total;

    public ConfusionMatrix(int classes) {
        if (classes < 1) throw new IllegalArgumentException("a confusion matrix needs at least 1 class, got " + classes);
        this.classes = classes;
        this.counts = new long[classes][classes];
    }

    /** A matrix of the pairs (actual[i], predicted[i]). */
    public static ConfusionMatrix of(int[] actual, int[] predicted, int classes) {
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException("actual has " + actual.length + " labels but predicted has "
                    + predicted.length + "; they must pair up one to one");
        }
        ConfusionMatrix cm = new ConfusionMatrix(classes);
        for (int i = 0; i < actual.length; i++) cm.add(actual[i], predicted[i]);
        return cm;
    }

    /** Records one example of class {@code actual} that the model predicted as {@code predicted}. */
    public void add(int actual, int predicted) {
        check("actual", actual);
        check("predicted", predicted);
        counts[actual][predicted]++;
        total++;
    }

    public long count(int actual, int predicted) {
        check("actual", actual);
        check("predicted", predicted);
        return counts[actual][predicted];
    }

    /** The number of examples recorded. */
    public long total() {
        return total;
    }

    public int classes() {
        return classes;
    }

    /** A copy of the table: rows are actual classes, columns predicted classes. */
    public long[][] counts() {
        long[][] copy = new long[classes][];
        for (int a = 0; a < classes; a++) copy[a] = counts[a].clone();
        return copy;
    }

    private void check(String which, int label) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException(which + " class " + label + " is outside 0.." + (classes - 1));
        }
    }
}
