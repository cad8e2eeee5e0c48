package org.scratchnet.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one register-tiled product behind {@link VectorKernels}:
 * <pre>
 *   C[i, j] = init[j] + Σ_p A(i, p) · B[p, j]      i in [i0, i1), j in [j0, j1), p in [0, k)
 *   A(i, p) = A[i·ars + p·acs]   (ars = k, acs = 1 for A [m, k]; ars = 1, acs = m for Aᵀ)
 *   B [k, ldb] and C [., ldc] row-major; init = bias, or 0 when bias is null
 * </pre>
 * A tile of {@link #MR} rows by two vectors of columns lives in registers while p runs over a
 * block of {@link #KC}; that block of B (KC x 2 vectors) stays in L1 while the tile moves down
 * the rows. Column edges narrower than a vector use the same vector code on a partial vector
 * (lanes past the edge compute garbage that is never stored). Every output element is the same
 * fma chain over p = 0..k-1 whichever tile, edge or block computes it.
 */
final class Gemm {
    static final VectorSpecies<Float> S = VectorKernels.S;
    static final int L = S.length();
    /** Rows per register tile (the row split among threads uses multiples of it). */
    static final int MR = 6;
    /** Columns per register tile: two vectors. */
    static final int NR = 2 * L;
    /** Depth of a block of B: KC x NR floats fill half of a 32 KiB L1. */
    static final int KC = 16384 / (NR * 4);

    private static final ThreadLocal<float[]> EDGE = ThreadLocal.withInitial(() -> new float[L]);

    private Gemm() {}

    static void run(float[] A, int ars, int acs, float[] B, int ldb, float[] bias, float[] C, int ldc,
                    int k, int i0, int i1, int j0, int j1) {
        for (int p0 = 0; p0 < k; p0 += KC) {
            int p1 = Math.min(k, p0 + KC);
            boolean first = p0 == 0;
            for (int j = j0; j < j1; j += NR) {
                int w = Math.min(NR, j1 - j);
                if (w == NR) {
                    int i = i0;
                    for (; i + 6 <= i1; i += 6) tile6x2(A, ars, acs, B, j, ldb, bias, C, ldc, i, j, NR, p0, p1, first);
                    for (; i + 4 <= i1; i += 4) tile4x2(A, ars, acs, B, j, ldb, bias, C, ldc, i, j, NR, p0, p1, first);
                    for (; i < i1; i++) tile1x2(A, ars, acs, B, j, ldb, bias, C, ldc, i, j, NR, p0, p1, first);
                } else {
                    int first1 = Math.min(w, L);
                    strip(A, ars, acs, B, ldb, bias, C, ldc, i0, i1, j, first1, p0, p1, first);
                    if (w > L) strip(A, ars, acs, B, ldb, bias, C, ldc, i0, i1, j + L, w - L, p0, p1, first);
                }
            }
        }
    }

    /**
     * The same product with B packed by {@link #pack}: panels of NR columns, each [k, NR]
     * contiguous and padded with zeros, so every load of B is a whole vector from one stream.
     * {@code j0} must be a multiple of NR.
     */
    static void runPacked(float[] A, int ars, int acs, float[] Bp, float[] bias, float[] C, int ldc,
                          int k, int i0, int i1, int j0, int j1) {
        for (int p0 = 0; p0 < k; p0 += KC) {
            int p1 = Math.min(k, p0 + KC);
            boolean first = p0 == 0;
            for (int j = j0; j < j1; j += NR) {
                int w = Math.min(NR, j1 - j);
                int panel = j / NR * k * NR;
                int i = i0;
                for (; i + 6 <= i1; i += 6) tile6x2(A, ars, acs, Bp, panel, NR, bias, C, ldc, i, j, w, p0, p1, first);
                for (; i + 4 <= i1; i += 4) tile4x2(A, ars, acs, Bp, panel, NR, bias, C, ldc, i, j, w, p0, p1, first);
                for (; i < i1; i++) tile1x2(A, ars, acs, Bp, panel, NR, bias, C, ldc, i, j, w, p0, p1, first);
            }
        }
    }

    /** Size of the packed form of a matrix with k rows and n columns. */
    static int packedSize(int k, int n) {
        return (n + NR - 1) / NR * NR * k;
    }

    /**
     * Packs the column panels q0..q1 of Wᵀ, for W [n, k] row-major: panel q holds
     * Bp[q·k·NR + p·NR + jj] = W[(q·NR + jj)·k + p], zero where q·NR + jj >= n.
     */
    static void pack(float[] W, float[] Bp, int n, int k, int q0, int q1) {
        for (int q = q0; q < q1; q++) {
            int base = q * k * NR;
            int j0 = q * NR;
            int w = Math.min(NR, n - j0);
            for (int jj = 0; jj < NR; jj++) {
                int dst = base + jj;
                if (jj >= w) {
                    for (int p = 0; p < k; p++) Bp[dst + p * NR] = 0f;
                    continue;
                }
                int src = (j0 + jj) * k;
                for (int p = 0; p < k; p++) Bp[dst + p * NR] = W[src + p];
            }
        }
    }

    /** Columns j..j+w (w at most one vector) of rows i0..i1. */
    private static void strip(float[] A, int ars, int acs, float[] B, int ldb, float[] bias, float[] C, int ldc,
                              int i0, int i1, int j, int w, int p0, int p1, boolean first) {
        int i = i0;
        for (; i + 4 <= i1; i += 4) tile4x1(A, ars, acs, B, ldb, bias, C, ldc, i, j, w, p0, p1, first);
        for (; i < i1; i++) tile1x1(A, ars, acs, B, ldb, bias, C, ldc, i, j, w, p0, p1, first);
    }

    /**
     * Rows i..i+6, columns j..j+w (w at most NR; the two vectors of B are read whole) over p0..p1.
     * B(p, j + jj) = B[bBase + p·ldb + jj]. Twelve accumulators, two vectors of B and one
     * broadcast fill the sixteen registers of AVX2.
     */
    private static void tile6x2(float[] A, int ars, int acs, float[] B, int bBase, int ldb, float[] bias,
                                float[] C, int ldc, int i, int j, int w, int p0, int p1, boolean first) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        int c = i * ldc + j;
        int w0 = Math.min(w, L), w1 = w - L;
        if (!first) {
            c00 = load(C, c, w0);
            c01 = load(C, c + L, w1);
            c10 = load(C, c + ldc, w0);
            c11 = load(C, c + ldc + L, w1);
            c20 = load(C, c + 2 * ldc, w0);
            c21 = load(C, c + 2 * ldc + L, w1);
            c30 = load(C, c + 3 * ldc, w0);
            c31 = load(C, c + 3 * ldc + L, w1);
            c40 = load(C, c + 4 * ldc, w0);
            c41 = load(C, c + 4 * ldc + L, w1);
            c50 = load(C, c + 5 * ldc, w0);
            c51 = load(C, c + 5 * ldc + L, w1);
        } else if (bias != null) {
            c00 = c10 = c20 = c30 = c40 = c50 = load(bias, j, w0);
            c01 = c11 = c21 = c31 = c41 = c51 = load(bias, j + L, w1);
        } else {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = FloatVector.zero(S);
        }
        int a = i * ars + p0 * acs;
        int b = bBase + p0 * ldb;
        for (int p = p0; p < p1; p++, a += acs, b += ldb) {
            FloatVector b0 = FloatVector.fromArray(S, B, b);
            FloatVector b1 = FloatVector.fromArray(S, B, b + L);
            FloatVector a0 = FloatVector.broadcast(S, A[a]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, A[a + ars]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, A[a + 2 * ars]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, A[a + 3 * ars]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, A[a + 4 * ars]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, A[a + 5 * ars]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
        }
        store(c00, C, c, w0);
        store(c01, C, c + L, w1);
        store(c10, C, c + ldc, w0);
        store(c11, C, c + ldc + L, w1);
        store(c20, C, c + 2 * ldc, w0);
        store(c21, C, c + 2 * ldc + L, w1);
        store(c30, C, c + 3 * ldc, w0);
        store(c31, C, c + 3 * ldc + L, w1);
        store(c40, C, c + 4 * ldc, w0);
        store(c41, C, c + 4 * ldc + L, w1);
        store(c50, C, c + 5 * ldc, w0);
        store(c51, C, c + 5 * ldc + L, w1);
    }

    /**
     * Rows i..i+4, columns j..j+w (w at most NR; the two vectors of B are read whole) over p0..p1.
     * B(p, j + jj) = B[bBase + p·ldb + jj].
     */
    private static void tile4x2(float[] A, int ars, int acs, float[] B, int bBase, int ldb, float[] bias,
                                float[] C, int ldc, int i, int j, int w, int p0, int p1, boolean first) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31;
        int c = i * ldc + j;
        int w0 = Math.min(w, L), w1 = w - L;
        if (!first) {
            c00 = load(C, c, w0);
            c01 = load(C, c + L, w1);
            c10 = load(C, c + ldc, w0);
            c11 = load(C, c + ldc + L, w1);
            c20 = load(C, c + 2 * ldc, w0);
            c21 = load(C, c + 2 * ldc + L, w1);
            c30 = load(C, c + 3 * ldc, w0);
            c31 = load(C, c + 3 * ldc + L, w1);
        } else if (bias != null) {
            c00 = c10 = c20 = c30 = load(bias, j, w0);
            c01 = c11 = c21 = c31 = load(bias, j + L, w1);
        } else {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = FloatVector.zero(S);
        }
        int a = i * ars + p0 * acs;
        int b = bBase + p0 * ldb;
        for (int p = p0; p < p1; p++, a += acs, b += ldb) {
            FloatVector b0 = FloatVector.fromArray(S, B, b);
            FloatVector b1 = FloatVector.fromArray(S, B, b + L);
            FloatVector a0 = FloatVector.broadcast(S, A[a]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, A[a + ars]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, A[a + 2 * ars]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, A[a + 3 * ars]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
        }
        store(c00, C, c, w0);
        store(c01, C, c + L, w1);
        store(c10, C, c + ldc, w0);
        store(c11, C, c + ldc + L, w1);
        store(c20, C, c + 2 * ldc, w0);
        store(c21, C, c + 2 * ldc + L, w1);
        store(c30, C, c + 3 * ldc, w0);
        store(c31, C, c + 3 * ldc + L, w1);
    }

    private static void tile1x2(float[] A, int ars, int acs, float[] B, int bBase, int ldb, float[] bias,
                                float[] C, int ldc, int i, int j, int w, int p0, int p1, boolean first) {
        FloatVector c0, c1;
        int c = i * ldc + j;
        int w0 = Math.min(w, L), w1 = w - L;
        if (!first) {
            c0 = load(C, c, w0);
            c1 = load(C, c + L, w1);
        } else if (bias != null) {
            c0 = load(bias, j, w0);
            c1 = load(bias, j + L, w1);
        } else {
            c0 = c1 = FloatVector.zero(S);
        }
        int a = i * ars + p0 * acs;
        int b = bBase + p0 * ldb;
        for (int p = p0; p < p1; p++, a += acs, b += ldb) {
            FloatVector a0 = FloatVector.broadcast(S, A[a]);
            c0 = a0.fma(FloatVector.fromArray(S, B, b), c0);
            c1 = a0.fma(FloatVector.fromArray(S, B, b + L), c1);
        }
        store(c0, C, c, w0);
        store(c1, C, c + L, w1);
    }

    private static void tile4x1(float[] A, int ars, int acs, float[] B, int ldb, float[] bias, float[] C, int ldc,
                                int i, int j, int w, int p0, int p1, boolean first) {
        FloatVector c0, c1, c2, c3;
        int c = i * ldc + j;
        if (!first) {
            c0 = load(C, c, w);
            c1 = load(C, c + ldc, w);
            c2 = load(C, c + 2 * ldc, w);
            c3 = load(C, c + 3 * ldc, w);
        } else if (bias != null) {
            c0 = c1 = c2 = c3 = load(bias, j, w);
        } else {
            c0 = c1 = c2 = c3 = FloatVector.zero(S);
        }
        int a = i * ars + p0 * acs;
        int b = p0 * ldb + j;
        int safeEnd = B.length - L;  // loads at or below this offset may read a whole vector
        for (int p = p0; p < p1; p++, a += acs, b += ldb) {
            FloatVector b0 = b <= safeEnd ? FloatVector.fromArray(S, B, b) : load(B, b, w);
            c0 = FloatVector.broadcast(S, A[a]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, A[a + ars]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, A[a + 2 * ars]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, A[a + 3 * ars]).fma(b0, c3);
        }
        store(c0, C, c, w);
        store(c1, C, c + ldc, w);
        store(c2, C, c + 2 * ldc, w);
        store(c3, C, c + 3 * ldc, w);
    }

    private static void tile1x1(float[] A, int ars, int acs, float[] B, int ldb, float[] bias, float[] C, int ldc,
                                int i, int j, int w, int p0, int p1, boolean first) {
        FloatVector c0;
        int c = i * ldc + j;
        if (!first) c0 = load(C, c, w);
        else if (bias != null) c0 = load(bias, j, w);
        else c0 = FloatVector.zero(S);
        int a = i * ars + p0 * acs;
        int b = p0 * ldb + j;
        int safeEnd = B.length - L;
        for (int p = p0; p < p1; p++, a += acs, b += ldb) {
            FloatVector b0 = b <= safeEnd ? FloatVector.fromArray(S, B, b) : load(B, b, w);
            c0 = FloatVector.broadcast(S, A[a]).fma(b0, c0);
        }
        store(c0, C, c, w);
    }

    /** The w (at most L) floats at a[off..], as a vector whose other lanes are unspecified. */
    static FloatVector load(float[] a, int off, int w) {
        if (off + L <= a.length) return FloatVector.fromArray(S, a, off);
        if (w <= 0) return FloatVector.zero(S);
        float[] edge = EDGE.get();
        System.arraycopy(a, off, edge, 0, w);
        return FloatVector.fromArray(S, edge, 0);
    }

    /** Stores the first w (at most L) lanes of v at a[off..]. */
    static void store(FloatVector v, float[] a, int off, int w) {
        if (w >= L) {
            v.intoArray(a, off);
        } else if (w > 0) {
            float[] edge = EDGE.get();
            v.intoArray(edge, 0);
            System.arraycopy(edge, 0, a, off, w);
        }
    }
}
