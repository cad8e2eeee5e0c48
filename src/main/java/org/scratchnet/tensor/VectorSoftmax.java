package org.scratchnet.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The softmax of Z [rows, C] with {@link #ROWS} rows side by side in the lanes, one class at a
 * time, for {@link Kernels#softmaxRows}: the reference's row arithmetic
 * ({@link org.scratchnet.nn.SoftmaxCrossEntropy#forwardRows}) lane for lane, so the same bits.
 * <pre>
 *   best = the first c with the largest Z_c          (a later class wins only if strictly larger)
 *   e_c  = (float) e^((double) Z_c - max)            {@link VectorExp}, the reference's Exp lane by lane
 *   Σ    = Σ_c e_c in double, in class order         sums[i]
 *   A_c  = e_c · (float) (1 / Σ)
 * </pre>
 * Why: one row at a time the arg-max, the sum and the division are chains of dependent
 * operations, ten long for MNIST; in the lanes each step serves eight rows (four with 256-bit
 * vectors). A scalar pass copies the rows' logits, as doubles (exactly), into a workspace class
 * by class; the lanes work there; a scalar pass writes A's rows from it, all in the L1. Only
 * doubles of the preferred shape are in vectors, as in {@link VectorExp}: gathers of floats were
 * slower, and a FloatVector of another shape than the other kernels' split the type profiles of
 * the Vector API's shared methods, after which C2 failed to compile the first layer's stores.
 */
final class VectorSoftmax {
    private static final VectorSpecies<Double> D = VectorExp.D;
    /** Rows side by side: a vector's lanes. */
    static final int ROWS = D.length();
    /**
     * Rows whose logits are copied into the lanes' layout before any of them is loaded as a
     * vector: a vector load of eight doubles just stored one by one waits for the stores to
     * retire (store-to-load forwarding takes one store); a chunk later they have.
     */
    private static final int CHUNK_ROWS = 128;

    private VectorSoftmax() {}

    /**
     * Rows i of [from, to) in whole groups of {@link #ROWS}: argmax[i], sums[i] and A's row i, as
     * the class comment says; {@code work} has room at [from·C, to·C). Returns the first row not
     * done (fewer than {@link #ROWS} are left to the caller).
     */
    static int rows(float[] Z, int C, float[] A, int[] argmax, double[] sums, double[] work, int from, int to) {
        int end = from + (to - from) / ROWS * ROWS;
        for (int i0 = from; i0 < end; i0 += CHUNK_ROWS) {
            int i1 = Math.min(end, i0 + CHUNK_ROWS), w0 = from * C;
            for (int i = i0, w = w0; i < i1; i += ROWS, w += ROWS * C) {  // work[w + c·ROWS + r] = Z[i + r, c]
                for (int r = 0, z = i * C; r < ROWS; r++, z += C) {
                    for (int c = 0; c < C; c++) work[w + c * ROWS + r] = Z[z + c];
                }
            }
            for (int i = i0, w = w0; i < i1; i += ROWS, w += ROWS * C) lanes(C, argmax, sums, work, i, w);
            for (int i = i0, w = w0; i < i1; i += ROWS, w += ROWS * C) {  // A's rows from the classes' columns
                for (int r = 0, a = i * C; r < ROWS; r++, a += C) {
                    float inv = (float) (1.0 / sums[i + r]);
                    for (int c = 0; c < C; c++) A[a + c] = (float) work[w + c * ROWS + r] * inv;
                }
            }
        }
        return end;
    }

    /**
     * One group of rows [i, i + ROWS), their logits in the classes' columns of work from w: the
     * arg-maxes to argmax[i..], e_c rounded to float in place of Z_c, Σ to sums[i..].
     */
    private static void lanes(int C, int[] argmax, double[] sums, double[] work, int i, int w) {
        DoubleVector max = DoubleVector.fromArray(D, work, w), best = DoubleVector.zero(D);
        for (int c = 1; c < C; c++) {
            DoubleVector z = DoubleVector.fromArray(D, work, w + c * ROWS);
            VectorMask<Double> larger = z.compare(VectorOperators.GT, max);
            max = max.blend(z, larger);
            best = best.blend(c, larger);
        }
        DoubleVector sum = DoubleVector.zero(D);
        for (int c = 0, e = w; c < C; c++, e += ROWS) {  // e_c rounded to float, in place of Z_c
            DoubleVector x = DoubleVector.fromArray(D, work, e).sub(max);
            DoubleVector rounded = (DoubleVector) VectorExp.exp(x).convertShape(VectorOperators.D2F, VectorExp.FLOATS, 0)
                    .convertShape(VectorOperators.F2D, D, 0);  // (double) (float) e^x
            rounded.intoArray(work, e);
            sum = sum.add(rounded);
        }
        best.intoArray(sums, i);  // the arg-maxes pass through sums, as whole numbers
        for (int r = 0; r < ROWS; r++) argmax[i + r] = (int) sums[i + r];
        sum.intoArray(sums, i);
    }
}
