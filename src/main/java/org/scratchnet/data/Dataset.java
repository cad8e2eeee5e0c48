package org.scratchnet.data;

import java.util.Arrays;

/**
 * A labelled (or unlabelled) set of examples held in one contiguous array.
 *
 * <p>{@code x} is row-major and batch-first: example {@code i} occupies
 * {@code x[i*features .. (i+1)*features)}. Pixels are already scaled to [0,1].
 * {@code labels} holds the class of each example (0..classes-1), or is {@code null} for data
 * without labels (Kaggle's test.csv).
 */
public final class Dataset {
    public final float[] x;
    public final int[] labels;
    public final int size;
    public final int features;
    public final int classes;
    /** Where the data came from, for messages and provenance (a path or a description). */
    public final String source;

    public Dataset(float[] x, int[] labels, int size, int features, int classes, String source) {
        if (x.length != (long) size * features) {
            throw new IllegalArgumentException(
                    "x has " + x.length + " values, expected " + size + " x " + features);
        }
        if (labels != null && labels.length != size) {
            throw new IllegalArgumentException(
                    "labels has " + labels.length + " values, expected " + size);
        }
        this.x = x;
        this.labels = labels;
        this.size = size;
        this.features = features;
        this.classes = classes;
        this.source = source;
    }

    public boolean hasLabels() {
        return labels != null;
    }

    /** The examples at the given indices, copied into a new dataset (in that order). */
    public Dataset subset(int[] indices, String description) {
        float[] sx = new float[indices.length * features];
        int[] sl = labels == null ? null : new int[indices.length];
        for (int r = 0; r < indices.length; r++) {
            int i = indices[r];
            System.arraycopy(x, i * features, sx, r * features, features);
            if (sl != null) sl[r] = labels[i];
        }
        return new Dataset(sx, sl, indices.length, features, classes, description);
    }

    /** The first {@code n} examples (all of them if n >= size). */
    public Dataset head(int n) {
        int m = Math.min(n, size);
        return new Dataset(Arrays.copyOf(x, m * features),
                labels == null ? null : Arrays.copyOf(labels, m), m, features, classes,
                source + " (first " + m + ")");
    }

    /**
     * e.g. "Dataset of 60,000 examples x 784 features, 10 classes, labelled, from train-images-idx3-ubyte.gz",
     * for jshell and debuggers.
     */
    @Override
    public String toString() {
        return "Dataset of " + org.scratchnet.Count.of(size, "example") + " x " + org.scratchnet.Count.of(features, "feature")
                + ", " + org.scratchnet.Count.of(classes, "class", "classes") + ", " + (hasLabels() ? "labelled" : "unlabelled")
                + ", from " + source;
    }

    /** Number of examples of each class. */
    public int[] classCounts() {
        int[] counts = new int[classes];
        if (labels != null) for (int y : labels) counts[y]++;
        return counts;
    }
}
