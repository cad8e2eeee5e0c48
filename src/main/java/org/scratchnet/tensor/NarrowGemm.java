package org.scratchnet.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dense products whose rows of C fit one vector (n ≤ L: the paper's 10 x 10 second layer over
 * its 60,000 examples, on 512-bit machines), for {@link VectorKernels}:
 * <pre>
 *   rows      C[i, :] = bias + Σ_p A[i, p] · Bv[p, :]     A [m, k] row-major, k ≤ L; Bv [k, L]: B's rows, zero-padded
 *   aT·B      C[j, :] = Σ_p A[p, j] · B[p, :]             A [k, m] read as Aᵀ (m ≤ L), B [k, n]; C [m, n]
 * </pre>
 * {@link Gemm}'s tiles read B in panels of two vectors: for n = 10 a third of a panel's lanes are
 * used, and the weight gradient dZᵀ·A (m = 10 rows, k = 60,000 deep) fits neither a strip of
 * tile rows nor two panels, so it ran on one thread after copying A transposed and B into a
 * 60,000 x 32 panel (7.7 MB): 5.6 ms of a W1 iteration. Here each row of C is one vector and
 * each row of B one load, nothing is copied, and C is written with masked stores.
 *
 * <p>Each element of C is the same fma chain as in {@link Gemm}: from the bias (or zero), then
 * p = 0..k-1 in order. So the products give the tiles' bits, and threads (which split rows of C
 * only) change none.
 */
final class NarrowGemm {
    static final VectorSpecies<Float> S = VectorKernels.S;
    static final int L = S.length();

    private NarrowGemm() {}

    /** Whether rows of width n fit one vector. */
    static boolean fits(int n) {
        return n <= L;
    }

    /** B [k, n] into {@code Bv} [k, L] (zero past n), and B given as W [n, k] transposed the same way. */
    static void rowsOf(float[] B, float[] Bv, int k, int n) {
        for (int p = 0; p < k; p++) {
            System.arraycopy(B, p * n, Bv, p * L, n);
            java.util.Arrays.fill(Bv, p * L + n, (p + 1) * L, 0f);
        }
    }

    static void transposedRowsOf(float[] W, float[] Bv, int k, int n) {
        java.util.Arrays.fill(Bv, 0, k * L, 0f);
        for (int j = 0; j < n; j++) {
            for (int p = 0; p < k; p++) Bv[p * L + j] = W[j * k + p];
        }
    }

    /**
     * Rows i0..i1 of C [m, n] = bias + A·B, A [m, k] row-major, Bv [k, L] from {@link #rowsOf},
     * {@code biasV} L floats (zero past n) or null. Four rows at a time: four independent chains
     * share each row of B.
     */
    static void rows(float[] A, float[] Bv, float[] biasV, float[] C, int k, int n, int i0, int i1) {
        VectorMask<Float> store = S.indexInRange(0, n);
        FloatVector start = biasV == null ? FloatVector.zero(S) : FloatVector.fromArray(S, biasV, 0);
        int i = i0;
        for (; i + 4 <= i1; i += 4) {
            FloatVector c0 = start, c1 = start, c2 = start, c3 = start;
            int a = i * k;
            for (int p = 0; p < k; p++) {
                FloatVector b = FloatVector.fromArray(S, Bv, p * L);
                c0 = FloatVector.broadcast(S, A[a + p]).fma(b, c0);
                c1 = FloatVector.broadcast(S, A[a + k + p]).fma(b, c1);
                c2 = FloatVector.broadcast(S, A[a + 2 * k + p]).fma(b, c2);
                c3 = FloatVector.broadcast(S, A[a + 3 * k + p]).fma(b, c3);
            }
            c0.intoArray(C, i * n, store);
            c1.intoArray(C, (i + 1) * n, store);
            c2.intoArray(C, (i + 2) * n, store);
            c3.intoArray(C, (i + 3) * n, store);
        }
        for (; i < i1; i++) {
            FloatVector c0 = start;
            for (int p = 0, a = i * k; p < k; p++) c0 = FloatVector.broadcast(S, A[a + p]).fma(FloatVector.fromArray(S, Bv, p * L), c0);
            c0.intoArray(C, i * n, store);
        }
    }

    /** Rows of C computed in one pass over A and B: eight chains cover the FMA latency of two pipes. */
    static final int GROUP = 8;

    /**
     * Rows j0..j1 of C [m, n] = Aᵀ·B for A [k, m], B [k, n], n ≤ L, and the column sums of A
     * for those rows into {@code sums} (null: none; each Σ_p A[p, j] added in row order, as
     * {@link VectorKernels#columnSums} does). The rows go in as few groups of at most
     * {@link #GROUP} as there can be, of about equal size, each group one pass over A and B with a
     * chain per row over all k rows of B: W1's ten rows are two passes of five on one thread, one
     * on each of two (groups of four, then one row at a time, took two passes a thread; one path
     * now where there were three). Measured on W1 (Zen 5, 2 threads): 292-304 -> 272-293 us a
     * step, a few percent: a pass is bound by the instructions around each FMA (eight scalar loads
     * with their bounds checks, eight broadcasts, the sums), not by streaming A and B.
     */
    static void transposedTimes(float[] A, float[] B, float[] C, float[] sums, int m, int k, int n, int j0, int j1) {
        int groups = (j1 - j0 + GROUP - 1) / GROUP;
        for (int g = 0; g < groups; g++) {
            group(A, B, C, sums, m, k, n, j0 + (j1 - j0) * g / groups, j0 + (j1 - j0) * (g + 1) / groups);
        }
    }

    /**
     * Rows j..j+rows (rows ≤ {@link #GROUP}) of {@link #transposedTimes}: eight chains always, the
     * ones past the group's rows repeating its last row's column of A (so that no branch and no
     * read past A is needed) and never stored.
     */
    private static void group(float[] A, float[] B, float[] C, float[] sums, int m, int k, int n, int j, int end) {
        VectorMask<Float> store = S.indexInRange(0, n);
        int rows = end - j, last = rows - 1;
        int o1 = Math.min(1, last), o2 = Math.min(2, last), o3 = Math.min(3, last);
        int o4 = Math.min(4, last), o5 = Math.min(5, last), o6 = Math.min(6, last), o7 = Math.min(7, last);
        // Rows of B are read as whole vectors (lanes past n belong to the next row and are never
        // stored) while one fits in B; the last ones through the mask.
        int whole = B.length < L ? 0 : Math.min(k, (B.length - L) / n + 1);
        FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
        int p = 0;
        for (int a = j, b = 0; p < k; p++, a += m, b += n) {
            FloatVector row = p < whole ? FloatVector.fromArray(S, B, b) : FloatVector.fromArray(S, B, b, store);
            float a0 = A[a], a1 = A[a + o1], a2 = A[a + o2], a3 = A[a + o3];
            float a4 = A[a + o4], a5 = A[a + o5], a6 = A[a + o6], a7 = A[a + o7];
            c0 = FloatVector.broadcast(S, a0).fma(row, c0);
            c1 = FloatVector.broadcast(S, a1).fma(row, c1);
            c2 = FloatVector.broadcast(S, a2).fma(row, c2);
            c3 = FloatVector.broadcast(S, a3).fma(row, c3);
            c4 = FloatVector.broadcast(S, a4).fma(row, c4);
            c5 = FloatVector.broadcast(S, a5).fma(row, c5);
            c6 = FloatVector.broadcast(S, a6).fma(row, c6);
            c7 = FloatVector.broadcast(S, a7).fma(row, c7);
            s0 += a0;
            s1 += a1;
            s2 += a2;
            s3 += a3;
            s4 += a4;
            s5 += a5;
            s6 += a6;
            s7 += a7;
        }
        c0.intoArray(C, j * n, store);
        if (rows > 1) c1.intoArray(C, (j + 1) * n, store);
        if (rows > 2) c2.intoArray(C, (j + 2) * n, store);
        if (rows > 3) c3.intoArray(C, (j + 3) * n, store);
        if (rows > 4) c4.intoArray(C, (j + 4) * n, store);
        if (rows > 5) c5.intoArray(C, (j + 5) * n, store);
        if (rows > 6) c6.intoArray(C, (j + 6) * n, store);
        if (rows > 7) c7.intoArray(C, (j + 7) * n, store);
        if (sums != null) {  // stored as C's rows are: nothing allocated
            sums[j] = s0;
            if (rows > 1) sums[j + 1] = s1;
            if (rows > 2) sums[j + 2] = s2;
            if (rows > 3) sums[j + 3] = s3;
            if (rows > 4) sums[j + 4] = s4;
            if (rows > 5) sums[j + 5] = s5;
            if (rows > 6) sums[j + 6] = s6;
            if (rows > 7) sums[j + 7] = s7;
        }
    }
}
