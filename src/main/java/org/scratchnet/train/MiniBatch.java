package org.scratchnet.train;

import org.scratchnet.data.Dataset;
import org.scratchnet.tensor.Kernels;

/**
 * A mini-batch gathered from a training set in shuffled order: x [n, features] and labels y.
 * The examples lie scattered over the whole set (188 MB for MNIST), so copying them waits on
 * memory more than it computes; the threads of the given kernels each copy a share, which
 * keeps a serial copy from idling the other cores before every step. The arrays are made once
 * and reused.
 */
public final class MiniBatch {
    public final float[] x;
    public final int[] y;
    private final Dataset source;
    private final Kernels kernels;

    public MiniBatch(Dataset source, int capacity, Kernels kernels) {
        this.source = source;
        this.kernels = kernels;
        this.x = new float[capacity * source.features];
        this.y = new int[capacity];
    }

    /** Fills rows 0..n-1 with the examples order[first .. first+n). */
    public void gather(int[] order, int first, int n) {
        if (n > y.length) throw new IllegalArgumentException("a batch of " + n + " does not fit " + y.length);
        kernels.forEachTask(n, (from, to) -> copy(order, first, from, to));
    }

    /** Rows from..to of the batch: the examples order[first + from .. first + to). */
    private void copy(int[] order, int first, int from, int to) {
        int f = source.features;
        for (int r = from; r < to; r++) {
            int i = order[first + r];
            System.arraycopy(source.x, i * f, x, r * f, f);
            y[r] = source.labels[i];
        }
    }
}
