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
    /** Rows per register tile. */
    static final int MR = 4;
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
                    for (; i + MR <= i1; i += MR) tile4x2(A, ars, acs, B, ldb, bias, C, ldc, i, j, p0, p1, first);
                    for (; i < i1; i++) tile1x2(A, ars, acs, B, ldb, bias, C, ldc, i, j, p0, p1, first);
                } else {
                    int first1 = Math.min(w, L);
                    strip(A, ars, acs, B, ldb, bias, C, ldc, i0, i1, j, first1, p0, p1, first);
                    if (w > L) strip(A, ars, acs, B, ldb, bias, C, ldc, i0, i1, j + L, w - L, p0, p1, first);
                }
            }
        }
    }

    /** Columns j..j+w (w at most one vector) of rows i0..i1. */
    private static void strip(float[] A, int ars, int acs, float[] B, int ldb, float[] bias, float[] C, int ldc,
                              int i0, int i1, int j, int w, int p0, int p1, boolean first) {
        int i = i0;
        for (; i + MR <= i1; i += MR) tile4x1(A, ars, acs, B, ldb, bias, C, ldc, i, j, w, p0, p1, first);
        for (; i < i1; i++) tile1x1(A, ars, acs, B, ldb, bias, C, ldc, i, j, w, p0, p1, first);
    }

    private static void tile4x2(float[] A, int ars, int acs, float[] B, int ldb, float[] bias, float[] C, int ldc,
                                int i, int j, int p0, int p1, boolean first) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31;
        int c = i * ldc + j;
        if (!first) {
            c00 = FloatVector.fromArray(S, C, c);
            c01 = FloatVector.fromArray(S, C, c + L);
            c10 = FloatVector.fromArray(S, C, c + ldc);
            c11 = FloatVector.fromArray(S, C, c + ldc + L);
            c20 = FloatVector.fromArray(S, C, c + 2 * ldc);
            c21 = FloatVector.fromArray(S, C, c + 2 * ldc + L);
            c30 = FloatVector.fromArray(S, C, c + 3 * ldc);
            c31 = FloatVector.fromArray(S, C, c + 3 * ldc + L);
        } else if (bias != null) {
            c00 = c10 = c20 = c30 = FloatVector.fromArray(S, bias, j);
            c01 = c11 = c21 = c31 = FloatVector.fromArray(S, bias, j + L);
        } else {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = FloatVector.zero(S);
        }
        int a = i * ars + p0 * acs;
        int b = p0 * ldb + j;
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
        c00.intoArray(C, c);
        c01.intoArray(C, c + L);
        c10.intoArray(C, c + ldc);
        c11.intoArray(C, c + ldc + L);
        c20.intoArray(C, c + 2 * ldc);
        c21.intoArray(C, c + 2 * ldc + L);
        c30.intoArray(C, c + 3 * ldc);
        c31.intoArray(C, c + 3 * ldc + L);
    }

    private static void tile1x2(float[] A, int ars, int acs, float[] B, int ldb, float[] bias, float[] C, int ldc,
                                int i, int j, int p0, int p1, boolean first) {
        FloatVector c0, c1;
        int c = i * ldc + j;
        if (!first) {
            c0 = FloatVector.fromArray(S, C, c);
            c1 = FloatVector.fromArray(S, C, c + L);
        } else if (bias != null) {
            c0 = FloatVector.fromArray(S, bias, j);
            c1 = FloatVector.fromArray(S, bias, j + L);
        } else {
            c0 = c1 = FloatVector.zero(S);
        }
        int a = i * ars + p0 * acs;
        int b = p0 * ldb + j;
        for (int p = p0; p < p1; p++, a += acs, b += ldb) {
            FloatVector a0 = FloatVector.broadcast(S, A[a]);
            c0 = a0.fma(FloatVector.fromArray(S, B, b), c0);
            c1 = a0.fma(FloatVector.fromArray(S, B, b + L), c1);
        }
        c0.intoArray(C, c);
        c1.intoArray(C, c + L);
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
        float[] edge = EDGE.get();
        System.arraycopy(a, off, edge, 0, w);
        return FloatVector.fromArray(S, edge, 0);
    }

    /** Stores the first w (at most L) lanes of v at a[off..]. */
    static void store(FloatVector v, float[] a, int off, int w) {
        if (w == L) {
            v.intoArray(a, off);
        } else {
            float[] edge = EDGE.get();
            v.intoArray(edge, 0);
            System.arraycopy(edge, 0, a, off, w);
        }
    }
}
