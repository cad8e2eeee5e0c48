package org.scratchnet.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The first layer's two products when its input X is mostly zeros, for {@link VectorKernels}:
 * <pre>
 *   forward   Z[i, :]   = b + Σ_{p : X[i,p] ≠ 0} X[i,p] · Wᵀ[p, :]     rows of X by {@link SparseRows}, Wᵀ row-major
 *   weights   dWᵀ[p, :] =     Σ_{i : X[i,p] ≠ 0} X[i,p] · dZ[i, :]     columns of X by {@link SparseRows}
 *   one example  z   = b + Σ_{p : x[p] ≠ 0} x[p] · Wᵀ[p, :]            {@link #vectorTimesMatrix}
 * </pre>
 * Each is a sum of whole vectors (axpy) over the nonzeros only. Wide outputs keep eight vectors
 * of accumulators in registers, one chain each; narrow ones (such as the paper's 10 outputs)
 * deal the nonzeros round-robin to four chains of two vectors and add the chains at the end, so
 * the FMA units never wait on one chain. The grouping depends only on the shapes, never on the
 * threads, so results are the same bits on any number of threads; they differ from the dense
 * product by rounding only. With 512-bit vectors {@link VectorKernels} computes the wide columns
 * of both batch products with {@link SparseTiles} instead, several images or pixels per tile
 * (the same bits); the narrow columns, one example and narrower vectors stay here.
 *
 * <p>As in {@link Gemm}, whole vectors are read: the narrow panels of Wᵀ are copied into panels
 * padded with zeros, the bias is padded to whole panels and dZ has room for NR floats past its
 * end; {@link VectorKernels} sees to it.
 */
final class SparseGemm {
    static final VectorSpecies<Float> S = VectorKernels.S;
    static final int L = S.length();
    static final int NR = Gemm.NR;
    /** Panels (of NR columns) per wide group: eight vectors of accumulators. */
    static final int GROUP = 4;

    /** Size of the scratch array each thread passes in. */
    static final int SCRATCH = GROUP * NR;

    private SparseGemm() {}

    /** Panel groups of an n-column output: the unit of work the threads share. */
    static int groups(int n) {
        int panels = (n + NR - 1) / NR;
        return (panels + GROUP - 1) / GROUP;
    }

    /**
     * Rows i0..i1, panel groups g0..g1 of C[m, n] = bias + X·Wᵀ with X listed by rows. A group whose
     * columns all lie within n reads Wᵀ [k, n] row-major (the eight vectors a nonzero needs lie
     * side by side); the panels past the last such group read {@code Wp}, Wᵀ in panels as
     * {@link Gemm#packRows} lays them out (zero-padded), where a row of a panel is NR floats from
     * the next: a stride the JIT sees as a constant, which made the narrow kernel some 15% faster
     * in a microbenchmark than a stride held in a variable (the paper's 10 outputs are one panel).
     */
    static void forward(SparseRows X, float[] Wt, float[] Wp, float[] bias, float[] C, int n, int i0, int i1, int g0,
                        int g1) {
        int panels = (n + NR - 1) / NR;
        int wideGroups = wideGroups(n);
        for (int g = g0; g < g1; g++) {
            int q0 = g * GROUP;
            if (g < wideGroups) {
                for (int i = i0; i < i1; i++) {  // row i, the GROUP panels from q0: eight vectors of sums
                    rowBlock(X.colIndex, X.rowValue, X.rowStart[i], X.rowStart[i + 1], Wt, bias, C, i * n, n, q0 * NR);
                }
            } else {
                for (int q = q0; q < Math.min(panels, q0 + GROUP); q++) {
                    for (int i = i0; i < i1; i++) forwardNarrow(X, Wp, bias, C, n, i, q);
                }
            }
        }
    }

    /** Groups of GROUP panels whose columns all lie within n: the wide kernel's share of an n-column output. */
    static int wideGroups(int n) {
        return n / (GROUP * NR);
    }

    /** Row i, panel q of Wp (in panels): two vectors, the nonzeros dealt to four chains. */
    private static void forwardNarrow(SparseRows X, float[] Wp, float[] bias, float[] C, int n, int i, int q) {
        int j = q * NR;
        int panel = q * X.cols * NR;
        FloatVector a0 = FloatVector.zero(S), a1 = a0, b0 = a0, b1 = a0, c0 = a0, c1 = a0, d0 = a0, d1 = a0;
        int[] index = X.colIndex;
        float[] value = X.rowValue;
        int t = X.rowStart[i], end = X.rowStart[i + 1];
        for (; t + 4 <= end; t += 4) {
            int o = panel + index[t] * NR;
            FloatVector x = FloatVector.broadcast(S, value[t]);
            a0 = x.fma(FloatVector.fromArray(S, Wp, o), a0);
            a1 = x.fma(FloatVector.fromArray(S, Wp, o + L), a1);
            o = panel + index[t + 1] * NR;
            x = FloatVector.broadcast(S, value[t + 1]);
            b0 = x.fma(FloatVector.fromArray(S, Wp, o), b0);
            b1 = x.fma(FloatVector.fromArray(S, Wp, o + L), b1);
            o = panel + index[t + 2] * NR;
            x = FloatVector.broadcast(S, value[t + 2]);
            c0 = x.fma(FloatVector.fromArray(S, Wp, o), c0);
            c1 = x.fma(FloatVector.fromArray(S, Wp, o + L), c1);
            o = panel + index[t + 3] * NR;
            x = FloatVector.broadcast(S, value[t + 3]);
            d0 = x.fma(FloatVector.fromArray(S, Wp, o), d0);
            d1 = x.fma(FloatVector.fromArray(S, Wp, o + L), d1);
        }
        for (; t < end; t++) {
            int o = panel + index[t] * NR;
            FloatVector x = FloatVector.broadcast(S, value[t]);
            a0 = x.fma(FloatVector.fromArray(S, Wp, o), a0);
            a1 = x.fma(FloatVector.fromArray(S, Wp, o + L), a1);
        }
        FloatVector s0 = a0.add(b0).add(c0.add(d0));
        FloatVector s1 = a1.add(b1).add(c1.add(d1));
        if (bias != null) {
            s0 = FloatVector.fromArray(S, bias, j).add(s0);
            s1 = FloatVector.fromArray(S, bias, j + L).add(s1);
        }
        int c = i * n + j;
        if (j + NR <= n) {
            s0.intoArray(C, c);
            s1.intoArray(C, c + L);
        } else {  // the last, partial panel: masked stores write only the columns within n
            s0.intoArray(C, c, S.indexInRange(j, n));
            s1.intoArray(C, c + L, S.indexInRange(j + L, n));
        }
    }

    /**
     * Rows p0..p1 of C[k, n] = Xᵀ·dZ (the first layer's dWᵀ), for dZ [m, n] row-major and X [m, k]
     * listed by columns: C[p, j] = Σ_i X[i, p] · dZ[i, j]. {@code lanes} is {@link #SCRATCH} floats.
     */
    static void weightGradient(float[] dZ, SparseRows X, float[] C, int n, int p0, int p1, float[] lanes) {
        weightGradient(dZ, X, C, n, p0, p1, lanes, false);
    }

    /** The same, or only its columns past the wide groups if {@code narrowOnly} ({@link SparseTiles} computes the others). */
    static void weightGradient(float[] dZ, SparseRows X, float[] C, int n, int p0, int p1, float[] lanes, boolean narrowOnly) {
        int k = X.cols;
        int wide = n / (2 * GROUP * L) * (2 * GROUP * L);
        // One block of rows for every column, then the next: the block's rows of dZ stay in cache.
        for (int b = 0; b < X.blocks; b++) {
            int key = b * k;
            boolean add = b > 0;  // the first block stores, later ones add
            for (int j = 0; j < (narrowOnly ? 0 : wide); j += 2 * GROUP * L) {
                for (int p = p0; p < p1; p++) gradientWide(dZ, X, C, n, key + p, p, j, add);
            }
            for (int j = wide; j < n; j += 2 * L) {
                for (int p = p0; p < p1; p++) gradientNarrow(dZ, X, C, n, key + p, p, j, lanes, add);
            }
        }
    }

    /** Blocks of rows for a weight gradient whose dZ is n wide: about 256 KiB of dZ per block. */
    static int gradientBlockRows(int n) {
        int width = (n + NR - 1) / NR * NR;
        return Math.max(64, (256 * 1024 / Float.BYTES) / width);
    }

    /** C[p, j..j+8L] (+)= eight vectors of accumulators over list {@code key}, the nonzeros of column p in one block. */
    private static void gradientWide(float[] dZ, SparseRows X, float[] C, int n, int key, int p, int j, boolean add) {
        FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
        int[] index = X.rowIndex;
        float[] value = X.colValue;
        for (int t = X.colStart[key], end = X.colStart[key + 1]; t < end; t++) {
            int o = index[t] * n + j;
            FloatVector x = FloatVector.broadcast(S, value[t]);
            c0 = x.fma(FloatVector.fromArray(S, dZ, o), c0);
            c1 = x.fma(FloatVector.fromArray(S, dZ, o + L), c1);
            c2 = x.fma(FloatVector.fromArray(S, dZ, o + 2 * L), c2);
            c3 = x.fma(FloatVector.fromArray(S, dZ, o + 3 * L), c3);
            c4 = x.fma(FloatVector.fromArray(S, dZ, o + 4 * L), c4);
            c5 = x.fma(FloatVector.fromArray(S, dZ, o + 5 * L), c5);
            c6 = x.fma(FloatVector.fromArray(S, dZ, o + 6 * L), c6);
            c7 = x.fma(FloatVector.fromArray(S, dZ, o + 7 * L), c7);
        }
        int out = p * n + j;
        if (add) {
            c0 = FloatVector.fromArray(S, C, out).add(c0);
            c1 = FloatVector.fromArray(S, C, out + L).add(c1);
            c2 = FloatVector.fromArray(S, C, out + 2 * L).add(c2);
            c3 = FloatVector.fromArray(S, C, out + 3 * L).add(c3);
            c4 = FloatVector.fromArray(S, C, out + 4 * L).add(c4);
            c5 = FloatVector.fromArray(S, C, out + 5 * L).add(c5);
            c6 = FloatVector.fromArray(S, C, out + 6 * L).add(c6);
            c7 = FloatVector.fromArray(S, C, out + 7 * L).add(c7);
        }
        c0.intoArray(C, out);
        c1.intoArray(C, out + L);
        c2.intoArray(C, out + 2 * L);
        c3.intoArray(C, out + 3 * L);
        c4.intoArray(C, out + 4 * L);
        c5.intoArray(C, out + 5 * L);
        c6.intoArray(C, out + 6 * L);
        c7.intoArray(C, out + 7 * L);
    }

    /** C[p, j..j+w] (+)= for w up to two vectors: list {@code key}'s nonzeros dealt to four chains. */
    private static void gradientNarrow(float[] dZ, SparseRows X, float[] C, int n, int key, int p, int j,
                                       float[] lanes, boolean add) {
        int w = Math.min(2 * L, n - j);
        FloatVector a0 = FloatVector.zero(S), a1 = a0, b0 = a0, b1 = a0, c0 = a0, c1 = a0, d0 = a0, d1 = a0;
        int[] index = X.rowIndex;
        float[] value = X.colValue;
        int t = X.colStart[key], end = X.colStart[key + 1];
        for (; t + 4 <= end; t += 4) {
            int o = index[t] * n + j;
            FloatVector x = FloatVector.broadcast(S, value[t]);
            a0 = x.fma(FloatVector.fromArray(S, dZ, o), a0);
            a1 = x.fma(FloatVector.fromArray(S, dZ, o + L), a1);
            o = index[t + 1] * n + j;
            x = FloatVector.broadcast(S, value[t + 1]);
            b0 = x.fma(FloatVector.fromArray(S, dZ, o), b0);
            b1 = x.fma(FloatVector.fromArray(S, dZ, o + L), b1);
            o = index[t + 2] * n + j;
            x = FloatVector.broadcast(S, value[t + 2]);
            c0 = x.fma(FloatVector.fromArray(S, dZ, o), c0);
            c1 = x.fma(FloatVector.fromArray(S, dZ, o + L), c1);
            o = index[t + 3] * n + j;
            x = FloatVector.broadcast(S, value[t + 3]);
            d0 = x.fma(FloatVector.fromArray(S, dZ, o), d0);
            d1 = x.fma(FloatVector.fromArray(S, dZ, o + L), d1);
        }
        for (; t < end; t++) {
            int o = index[t] * n + j;
            FloatVector x = FloatVector.broadcast(S, value[t]);
            a0 = x.fma(FloatVector.fromArray(S, dZ, o), a0);
            a1 = x.fma(FloatVector.fromArray(S, dZ, o + L), a1);
        }
        a0.add(b0).add(c0.add(d0)).intoArray(lanes, 0);
        a1.add(b1).add(c1.add(d1)).intoArray(lanes, L);
        int out = p * n + j;
        if (add) for (int jj = 0; jj < w; jj++) C[out + jj] += lanes[jj];
        else System.arraycopy(lanes, 0, C, out, w);
    }

    /** Columns per block of {@link #vectorTimesMatrix}: eight vectors of sums held in registers. */
    static final int ROW_BLOCK = 8 * L;

    /**
     * Columns j0..j1 of z = bias + Σ_t value[t] · Bt[index[t]·n ..], Bt [k, n] row-major (one example
     * through a layer). Blocks of eight vectors keep their sums in registers while t runs over
     * the nonzeros, so z is written once instead of read and written per nonzero; then single
     * vectors, then scalar fma for the last n mod L columns. Each z[j] is the same fma chain
     * (bias, then t in order) whichever block or thread computes it. (A list rather than a test
     * for zero inside the loop: JDK 17 boxes vectors that merge from two paths.)
     */
    static void vectorTimesMatrix(int[] index, float[] value, int count, float[] Bt, float[] bias, float[] z, int n,
                                  int j0, int j1) {
        int j = j0;
        for (; j + ROW_BLOCK <= j1; j += ROW_BLOCK) rowBlock(index, value, 0, count, Bt, bias, z, 0, n, j);
        for (; j + L <= j1; j += L) {
            FloatVector c = bias != null ? FloatVector.fromArray(S, bias, j) : FloatVector.zero(S);
            for (int t = 0; t < count; t++) {
                c = FloatVector.broadcast(S, value[t]).fma(FloatVector.fromArray(S, Bt, index[t] * n + j), c);
            }
            c.intoArray(z, j);
        }
        for (; j < j1; j++) {
            float c = bias != null ? bias[j] : 0f;
            for (int t = 0; t < count; t++) c = Math.fma(value[t], Bt[index[t] * n + j], c);
            z[j] = c;
        }
    }

    /**
     * out[at + j .. at + j + 8L) = bias + Σ_{t0 ≤ t < t1} value[t] · Bt[index[t]·n + j ..]: eight
     * vectors of sums in registers, one chain each. One example's block of columns
     * ({@link #vectorTimesMatrix}) and one row of a batch's wide group ({@link #forward}) alike.
     */
    static void rowBlock(int[] index, float[] value, int t0, int t1, float[] Bt, float[] bias, float[] out,
                                 int at, int n, int j) {
        FloatVector c0, c1, c2, c3, c4, c5, c6, c7;
        if (bias != null) {
            c0 = FloatVector.fromArray(S, bias, j);
            c1 = FloatVector.fromArray(S, bias, j + L);
            c2 = FloatVector.fromArray(S, bias, j + 2 * L);
            c3 = FloatVector.fromArray(S, bias, j + 3 * L);
            c4 = FloatVector.fromArray(S, bias, j + 4 * L);
            c5 = FloatVector.fromArray(S, bias, j + 5 * L);
            c6 = FloatVector.fromArray(S, bias, j + 6 * L);
            c7 = FloatVector.fromArray(S, bias, j + 7 * L);
        } else {
            c0 = c1 = c2 = c3 = c4 = c5 = c6 = c7 = FloatVector.zero(S);
        }
        for (int t = t0; t < t1; t++) {
            FloatVector x = FloatVector.broadcast(S, value[t]);
            int o = index[t] * n + j;
            c0 = x.fma(FloatVector.fromArray(S, Bt, o), c0);
            c1 = x.fma(FloatVector.fromArray(S, Bt, o + L), c1);
            c2 = x.fma(FloatVector.fromArray(S, Bt, o + 2 * L), c2);
            c3 = x.fma(FloatVector.fromArray(S, Bt, o + 3 * L), c3);
            c4 = x.fma(FloatVector.fromArray(S, Bt, o + 4 * L), c4);
            c5 = x.fma(FloatVector.fromArray(S, Bt, o + 5 * L), c5);
            c6 = x.fma(FloatVector.fromArray(S, Bt, o + 6 * L), c6);
            c7 = x.fma(FloatVector.fromArray(S, Bt, o + 7 * L), c7);
        }
        c0.intoArray(out, at + j);
        c1.intoArray(out, at + j + L);
        c2.intoArray(out, at + j + 2 * L);
        c3.intoArray(out, at + j + 3 * L);
        c4.intoArray(out, at + j + 4 * L);
        c5.intoArray(out, at + j + 5 * L);
        c6.intoArray(out, at + j + 6 * L);
        c7.intoArray(out, at + j + 7 * L);
    }
}
