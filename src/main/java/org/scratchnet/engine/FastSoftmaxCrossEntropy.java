package org.scratchnet.engine;

import org.scratchnet.nn.Loss;
import org.scratchnet.nn.SoftmaxCrossEntropy;
import org.scratchnet.nn.Workspace;
import org.scratchnet.tensor.Kernels;

/**
 * The reference {@link SoftmaxCrossEntropy}, shared among the kernels' threads when the batch is
 * large (rows are independent; the losses are then added in row order, so the bits do not depend
 * on the split), with its exponentials taken many at a time by the kernels ({@link Kernels#exp},
 * SIMD with the reference's bits): the forward pass does the reference's arithmetic row by row,
 * in its order, but collects a block of rows' shifted logits Z - max first, so that their
 * exponentials are computed together. The paper's baseline takes 600,000 of them per step,
 * which one at a time were a fifth of its time; its 60,000 logarithms are taken the same way
 * ({@link Kernels#log}). The gradient is the reference's own loop.
 */
final class FastSoftmaxCrossEntropy implements Loss {
    /** Rows whose exponentials are taken together: a few kilobytes of doubles, in the L1. */
    private static final int BLOCK_ROWS = 64;

    private final int classes;
    private final Kernels kernels;
    private float[] A;   // probabilities of the last forward pass [n, C]
    private float[] dZ;  // workspace [n, C]
    private double[] rowLoss = new double[0];
    private int[] argmax = new int[0];
    /** Each share of rows [from, to) uses its own stretch from from·C on: at most a block of rows of it. */
    private double[] shifted = new double[0];

    FastSoftmaxCrossEntropy(int classes, Kernels kernels) {
        this.classes = classes;
        this.kernels = kernels;
    }

    @Override
    public double forward(float[] Z, int[] y, int yOffset, int n, int[] correct) {
        float[] A = this.A = Workspace.ensure(this.A, n * classes);
        if (rowLoss.length < n) {
            rowLoss = new double[n];
            argmax = new int[n];
        }
        if (shifted.length < n * classes) shifted = new double[n * classes];
        double[] rowLoss = this.rowLoss, shifted = this.shifted;
        int[] argmax = this.argmax;
        kernels.forEachRange(n, (from, to) -> forwardRows(Z, y, yOffset, A, rowLoss, argmax, shifted, from, to));
        return SoftmaxCrossEntropy.sum(y, yOffset, n, rowLoss, argmax, correct);
    }

    /**
     * Rows [from, to) as {@link SoftmaxCrossEntropy#forwardRows} computes them, to the bit: per row
     * the first arg-max, e_c = (float) e^((double) Z_c - max), Σ e_c in double in class order, A_c =
     * e_c · (float) (1 / Σ), log A_y = ((double) Z_y - max) - log Σ. The kernels take what rows they
     * can in SIMD lanes ({@link Kernels#softmaxRows}); the rest here, the e^ of a block of rows at once.
     * Each row's Σ waits in rowLoss[i] for its logarithm.
     */
    private void forwardRows(float[] Z, int[] y, int yOffset, float[] A, double[] rowLoss, int[] argmax, double[] shifted,
                             int from, int to) {
        int C = classes, at = from * C;
        for (int i0 = kernels.softmaxRows(Z, C, A, argmax, rowLoss, shifted, from, to); i0 < to; i0 += BLOCK_ROWS) {
            int i1 = Math.min(to, i0 + BLOCK_ROWS);
            for (int i = i0, s = at; i < i1; i++) {
                int row = i * C, best = 0;
                float max = Z[row];
                for (int c = 1; c < C; c++) {  // selects, not branches: which logit is largest is hard to predict
                    float z = Z[row + c];
                    boolean larger = z > max;
                    best = larger ? c : best;
                    max = larger ? z : max;
                }
                argmax[i] = best;
                for (int c = 0; c < C; c++) shifted[s++] = (double) Z[row + c] - max;
            }
            kernels.exp(shifted, at, at + (i1 - i0) * C);
            for (int i = i0, s = at; i < i1; i++) {
                int row = i * C;
                double sum = 0;
                for (int c = 0; c < C; c++) {
                    float e = (float) shifted[s++];
                    A[row + c] = e;
                    sum += e;
                }
                float inv = (float) (1.0 / sum);
                for (int c = 0; c < C; c++) A[row + c] *= inv;
                rowLoss[i] = sum;
            }
        }
        if (y == null) return;
        kernels.log(rowLoss, from, to);  // the rows' log Σ, many at a time
        for (int i = from; i < to; i++) {
            int row = i * C;
            rowLoss[i] = ((double) Z[row + y[yOffset + i]] - Z[row + argmax[i]]) - rowLoss[i];
        }
    }

    @Override
    public float[] backward(int[] y, int yOffset, int n) {
        float[] dZ = this.dZ = Workspace.ensure(this.dZ, n * classes);
        float[] A = this.A;
        kernels.forEachRange(n, (from, to) -> SoftmaxCrossEntropy.gradientRows(A, y, yOffset, n, classes, dZ, from, to));
        return dZ;
    }

    @Override
    public float[] probabilities() {
        return A;
    }
}
