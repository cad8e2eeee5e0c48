package org.scratchnet.explain;

import org.scratchnet.SplitMix;
import org.scratchnet.data.Dataset;
import org.scratchnet.train.Trainer;

/**
 * The mini-batch a step is explained on: the first one a {@link Trainer} with the same seed and
 * batch size would train on (its seeded shuffle of the whole set, then the first m examples), so
 * that the explained step is the first step of that training run (a batch of the whole set is the
 * set in its order, as in full-batch training).
 *
 * @param X       [m, features], one example per row
 * @param labels  [m]
 * @param indices where each row comes from in the data set
 */
public record FirstBatch(float[] X, int[] labels, int[] indices, int m, int features, int classes) {

    /** The first {@code m} examples of the shuffle a trainer seeded with {@code seed} makes of {@code data}. */
    public static FirstBatch of(Dataset data, int m, long seed) {
        if (m < 1 || m > data.size) {
            throw new IllegalArgumentException("a batch of " + m + " from " + data.size + " examples");
        }
        int[] order = new int[data.size];
        for (int i = 0; i < order.length; i++) order[i] = i;
        // As Trainer.fit does before its first epoch; a batch of the whole set is taken in order, as there.
        if (m < data.size) Trainer.shuffle(order, new SplitMix(seed));
        int f = data.features;
        float[] X = new float[m * f];
        int[] labels = new int[m];
        int[] indices = new int[m];
        for (int r = 0; r < m; r++) {
            indices[r] = order[r];
            System.arraycopy(data.x, order[r] * f, X, r * f, f);
            labels[r] = data.labels[order[r]];
        }
        return new FirstBatch(X, labels, indices, m, f, data.classes);
    }
}
