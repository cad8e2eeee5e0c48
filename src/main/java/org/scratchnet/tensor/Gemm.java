package org.scratchnet.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one register-tiled product behind {@link VectorKernels}:
 * <pre>
 *   C[i, j] = bias[j] + Σ_p A(i, p) · B(p, j)      i in [i0, i1), j in [j0, j1), p in [0, k)
 *   A(i, p) = A[i·aRowStride + p·aColumnStride]   (strides k, 1 for A [m, k]; 1, m for A [k, m] read as Aᵀ)
 *   B(p, j) = B[p·bRowStride + j]                 row-major, or packed by {@link #pack} into panels of NR columns
 *   C(i, j) = C[i·cRowStride + j]
 * </pre>
 * A tile of up to six rows by two vectors of columns (twelve accumulators, two vectors of B and
 * one broadcast: the sixteen registers of AVX2) stays in registers while p runs over all of k; the
 * strip of B it reads (k x NR floats) stays in L2 while the tile moves down the rows. Every output
 * element is the same fma chain over p = 0..k-1 whichever tile computes it.
 *
 * <p>Vector loads always read whole vectors: B's last strip and the bias may be read up to NR
 * floats past their last column (the lanes past the edge compute values that are never stored),
 * so callers pass arrays with that much room ({@link VectorKernels} copies when they have not).
 * Tiles narrower than NR store through {@code edge}, a per-thread scratch of {@link #EDGE} floats.
 * No helper passes or returns a vector: a call the JIT does not inline would box it.
 */
final class Gemm {
    static final VectorSpecies<Float> S = VectorKernels.S;
    static final int L = S.length();
    /** Rows per register tile of the narrow shape (6-row tiles, or the wide shape's 12, then 4-row and 1-row tiles finish). */
    static final int MR = 6;
    /** Columns per register tile: two vectors. */
    static final int NR = 2 * L;
    /**
     * Whether to run the tile's loop on indices of the form {@code p + constant} (A row-major, B in
     * panels). JDK 25's JIT then drops the bounds checks and runs 20-30% faster, worth packing every
     * B; JDK 17's runs that loop a third slower than the pointer-bumping one, so it keeps that and
     * packs only the forward product's Wᵀ. The default of {@link VectorKernels}; same bits either way.
     */
    static final boolean INDEXED_LOOPS = Runtime.version().feature() >= 25;

    /** Scratch floats for the stores of one tile narrower than NR (the widest tile has {@link WideTiles#ROWS} rows). */
    static final int EDGE = WideTiles.ROWS * NR;

    private Gemm() {}

    /** Rows i0..i1, columns j0..j1 (j0 a multiple of NR) of C = bias + A·B, B row-major [k, bRowStride]. */
    static void run(float[] A, int aRowStride, int aColumnStride, float[] B, int bRowStride, float[] bias, float[] C,
                    int cRowStride, int k, int i0, int i1, int j0, int j1, float[] edge, TileShape tile) {
        for (int j = j0; j < j1; j += NR) {
            rows(A, aRowStride, aColumnStride, B, j, bRowStride, bias, C, cRowStride, k, i0, i1, j, Math.min(NR, j1 - j),
                    edge, false, tile);
        }
    }

    /** The same with B packed by {@link #pack}: panel q is [k, NR] at q·k·NR. */
    static void runPacked(float[] A, int aRowStride, int aColumnStride, float[] Bp, float[] bias, float[] C,
                          int cRowStride, int k, int i0, int i1, int j0, int j1, float[] edge, boolean indexed,
                          TileShape tile) {
        runPacked(A, aRowStride, aColumnStride, Bp, 0, bias, C, cRowStride, k, i0, i1, j0, j1, edge, indexed, tile);
    }

    /** The same with Bp holding the panels from {@code firstPanel} on (panel q at (q - firstPanel)·k·NR). */
    static void runPacked(float[] A, int aRowStride, int aColumnStride, float[] Bp, int firstPanel, float[] bias,
                          float[] C, int cRowStride, int k, int i0, int i1, int j0, int j1, float[] edge,
                          boolean indexed, TileShape tile) {
        for (int j = j0; j < j1; j += NR) {
            rows(A, aRowStride, aColumnStride, Bp, (j / NR - firstPanel) * k * NR, NR, bias, C, cRowStride, k, i0, i1, j,
                    Math.min(NR, j1 - j), edge, indexed, tile);
        }
    }

    /**
     * One strip of columns j..j+w down the rows i0..i1: tiles of 12 rows when the shape is the wide
     * one, then of 6 rows, then 4 (8 = 4 + 4), then 1.
     */
    private static void rows(float[] A, int aRowStride, int aColumnStride, float[] B, int bBase, int bRowStride,
                             float[] bias, float[] C, int cRowStride, int k, int i0, int i1, int j, int w, float[] edge,
                             boolean indexed, TileShape tile) {
        for (int i = i0, r = i1 - i0; r > 0; r = i1 - i) {
            if (tile == TileShape.TWELVE_BY_TWO && r >= WideTiles.ROWS) {
                if (indexed && aColumnStride == 1 && bRowStride == NR) {
                    WideTiles.tile12x2Packed(A, aRowStride, aColumnStride, B, bBase, bRowStride, bias, C, cRowStride, i, j, w, k, edge);
                } else {
                    WideTiles.tile12x2(A, aRowStride, aColumnStride, B, bBase, bRowStride, bias, C, cRowStride, i, j, w, k, edge);
                }
                i += WideTiles.ROWS;
            } else if (r >= 6 && r != 8) {
                if (indexed && aColumnStride == 1 && bRowStride == NR) {
                    tile6x2Packed(A, aRowStride, aColumnStride, B, bBase, bRowStride, bias, C, cRowStride, i, j, w, k, edge);
                } else {
                    tile6x2(A, aRowStride, aColumnStride, B, bBase, bRowStride, bias, C, cRowStride, i, j, w, k, edge);
                }
                i += 6;
            } else if (r >= 4) {
                if (indexed && aColumnStride == 1 && bRowStride == NR) {
                    tile4x2Packed(A, aRowStride, aColumnStride, B, bBase, bRowStride, bias, C, cRowStride, i, j, w, k, edge);
                } else {
                    tile4x2(A, aRowStride, aColumnStride, B, bBase, bRowStride, bias, C, cRowStride, i, j, w, k, edge);
                }
                i += 4;
            } else {
                tile1x2(A, aRowStride, aColumnStride, B, bBase, bRowStride, bias, C, cRowStride, i, j, w, k, edge);
                i++;
            }
        }
    }

    /** Size of the packed form of Wᵀ for W [n, k]. */
    static int packedSize(int k, int n) {
        return (n + NR - 1) / NR * NR * k;
    }

    /**
     * Packs the column panels q0..q1 of Wᵀ, for W [n, k] row-major: panel q holds
     * Bp[q·k·NR + p·NR + jj] = W[(q·NR + jj)·k + p], zero where q·NR + jj >= n.
     */
    static void pack(float[] W, float[] Bp, int k, int n, int q0, int q1) {
        pack(W, Bp, 0, k, n, q0, q1);
    }

    /** The same into Bp holding the panels from {@code firstPanel} on (panel q at (q - firstPanel)·k·NR). */
    static void pack(float[] W, float[] Bp, int firstPanel, int k, int n, int q0, int q1) {
        int panelStride = k * NR;
        for (int q = q0; q < q1; q++) {
            int base = (q - firstPanel) * panelStride;
            int j0 = q * NR;
            int w = Math.min(NR, n - j0);
            if (w < NR) {
                for (int p = 0; p < k; p++) java.util.Arrays.fill(Bp, base + p * NR + w, base + p * NR + NR, 0f);
            }
            int p = 0;
            if (w == NR && Transpose16.AVAILABLE) {  // 16 x 16 blocks in registers, two per row of blocks of the panel
                for (; p + Transpose16.N <= k; p += Transpose16.N) {
                    for (int jj = 0; jj < NR; jj += Transpose16.N) {
                        Transpose16.block(W, (j0 + jj) * k + p, k, Bp, base + p * NR + jj, NR);
                    }
                }
            }
            // Four columns of W at a time: each pass reads w rows of W along p and writes four
            // whole rows of the panel.
            for (; p + 4 <= k; p += 4) {
                int d = base + p * NR;
                for (int jj = 0, src = j0 * k + p; jj < w; jj++, src += k) {
                    Bp[d + jj] = W[src];
                    Bp[d + NR + jj] = W[src + 1];
                    Bp[d + 2 * NR + jj] = W[src + 2];
                    Bp[d + 3 * NR + jj] = W[src + 3];
                }
            }
            for (; p < k; p++) {
                int d = base + p * NR;
                for (int jj = 0, src = j0 * k + p; jj < w; jj++, src += k) Bp[d + jj] = W[src];
            }
        }
    }

    /**
     * Packs the column panels q0..q1 of B [k, n] row-major (a copy in panel order):
     * Bp[q·k·NR + p·NR + jj] = B[p·n + q·NR + jj], zero where q·NR + jj >= n.
     */
    static void packRows(float[] B, float[] Bp, int k, int n, int q0, int q1) {
        packRows(B, Bp, k, n, q0, q1, 0, k);
    }

    /** {@link #packRows} for the rows p0..p1 of B only. */
    static void packRows(float[] B, float[] Bp, int k, int n, int q0, int q1, int p0, int p1) {
        packRows(B, Bp, 0, k, n, q0, q1, p0, p1);
    }

    /** The same into Bp holding the panels from {@code firstPanel} on (panel q at (q - firstPanel)·k·NR). */
    static void packRows(float[] B, float[] Bp, int firstPanel, int k, int n, int q0, int q1, int p0, int p1) {
        for (int q = q0; q < q1; q++) {
            int j0 = q * NR;
            int w = Math.min(NR, n - j0);
            int dst = (q - firstPanel) * k * NR + p0 * NR;
            if (w == NR) {  // two vectors a row: a call of arraycopy per 32 floats cost more than the copy
                for (int p = p0, src = p0 * n + j0; p < p1; p++, dst += NR, src += n) {
                    FloatVector.fromArray(S, B, src).intoArray(Bp, dst);
                    FloatVector.fromArray(S, B, src + L).intoArray(Bp, dst + L);
                }
                continue;
            }
            for (int p = p0; p < p1; p++, dst += NR) {
                System.arraycopy(B, p * n + j0, Bp, dst, w);
                for (int jj = w; jj < NR; jj++) Bp[dst + jj] = 0f;
            }
        }
    }

    /** At[i·k + p] = A[p·m + i]: A [k, m] transposed to [m, k], in blocks of 16 x 16. */
    static void transpose(float[] A, float[] At, int m, int k) {
        transpose(A, At, m, k, 0, k);
    }

    /** Rows from..to of A into columns from..to of At (the threads share the rows of A). */
    static void transpose(float[] A, float[] At, int m, int k, int from, int to) {
        transposeColumnsOf(A, At, m, k, from, to, 0, m);
    }

    /**
     * At[i·k + p] = A[p·m + i] for the rows p0..p1 of A and its columns i0..i1: 16 x 16 blocks in
     * registers where they fit ({@link Transpose16}), the edges in blocks of 16 x 16 floats one at a time.
     */
    static void transposeColumnsOf(float[] A, float[] At, int m, int k, int p0, int p1, int i0, int i1) {
        int pFast = p0, iFast = i0;
        if (Transpose16.AVAILABLE) {
            int N = Transpose16.N;
            pFast = p0 + (p1 - p0) / N * N;
            iFast = i0 + (i1 - i0) / N * N;
            for (int p = p0; p < pFast; p += N) {
                for (int i = i0; i < iFast; i += N) Transpose16.block(A, p * m + i, m, At, i * k + p, k);
            }
        }
        // What the blocks left: the columns past iFast of every row, and the rows past pFast.
        scalarTranspose(A, At, m, k, p0, pFast, iFast, i1);
        scalarTranspose(A, At, m, k, pFast, p1, i0, i1);
    }

    private static void scalarTranspose(float[] A, float[] At, int m, int k, int from, int to, int iFrom, int iTo) {
        for (int p0 = from; p0 < to; p0 += 16) {
            int p1 = Math.min(to, p0 + 16);
            for (int i0 = iFrom; i0 < iTo; i0 += 16) {
                int i1 = Math.min(iTo, i0 + 16);
                for (int p = p0; p < p1; p++) {
                    for (int i = i0; i < i1; i++) At[i * k + p] = A[p * m + i];
                }
            }
        }
    }

    /** Copies the first w columns of a rows x NR tile from edge to C at c (row stride cRowStride). */
    static void copyEdge(float[] edge, float[] C, int c, int cRowStride, int rows, int w) {
        for (int r = 0; r < rows; r++) System.arraycopy(edge, r * NR, C, c + r * cRowStride, w);
    }

    private static void tile6x2(float[] A, int aRowStride, int aColumnStride, float[] B, int bBase, int bRowStride,
                                float[] bias, float[] C, int cRowStride, int i, int j, int w, int k, float[] edge) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        if (bias != null) {
            c00 = c10 = c20 = c30 = c40 = c50 = FloatVector.fromArray(S, bias, j);
            c01 = c11 = c21 = c31 = c41 = c51 = FloatVector.fromArray(S, bias, j + L);
        } else {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = FloatVector.zero(S);
        }
        int a = i * aRowStride;
        int b = bBase;
        for (int p = 0; p < k; p++, a += aColumnStride, b += bRowStride) {
            FloatVector b0 = FloatVector.fromArray(S, B, b);
            FloatVector b1 = FloatVector.fromArray(S, B, b + L);
            FloatVector a0 = FloatVector.broadcast(S, A[a]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, A[a + aRowStride]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, A[a + 2 * aRowStride]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, A[a + 3 * aRowStride]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, A[a + 4 * aRowStride]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, A[a + 5 * aRowStride]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
        }
        int c = i * cRowStride + j;
        if (w == NR) {
            c00.intoArray(C, c);
            c01.intoArray(C, c + L);
            c10.intoArray(C, c + cRowStride);
            c11.intoArray(C, c + cRowStride + L);
            c20.intoArray(C, c + 2 * cRowStride);
            c21.intoArray(C, c + 2 * cRowStride + L);
            c30.intoArray(C, c + 3 * cRowStride);
            c31.intoArray(C, c + 3 * cRowStride + L);
            c40.intoArray(C, c + 4 * cRowStride);
            c41.intoArray(C, c + 4 * cRowStride + L);
            c50.intoArray(C, c + 5 * cRowStride);
            c51.intoArray(C, c + 5 * cRowStride + L);
        } else {
            c00.intoArray(edge, 0 * L);
            c01.intoArray(edge, 1 * L);
            c10.intoArray(edge, 2 * L);
            c11.intoArray(edge, 3 * L);
            c20.intoArray(edge, 4 * L);
            c21.intoArray(edge, 5 * L);
            c30.intoArray(edge, 6 * L);
            c31.intoArray(edge, 7 * L);
            c40.intoArray(edge, 8 * L);
            c41.intoArray(edge, 9 * L);
            c50.intoArray(edge, 10 * L);
            c51.intoArray(edge, 11 * L);
            copyEdge(edge, C, c, cRowStride, 6, w);
        }
    }

    private static void tile6x2Packed(float[] A, int aRowStride, int aColumnStride, float[] B, int bBase, int bRowStride,
                                float[] bias, float[] C, int cRowStride, int i, int j, int w, int k, float[] edge) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        if (bias != null) {
            c00 = c10 = c20 = c30 = c40 = c50 = FloatVector.fromArray(S, bias, j);
            c01 = c11 = c21 = c31 = c41 = c51 = FloatVector.fromArray(S, bias, j + L);
        } else {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = FloatVector.zero(S);
        }
        // A row-major (aColumnStride = 1) and B packed (bRowStride = NR): every index is p plus a constant, so
        // the JIT can take the bounds checks out of the loop.
        int r0 = i * aRowStride, r1 = r0 + aRowStride, r2 = r1 + aRowStride;
        int r3 = r2 + aRowStride, r4 = r3 + aRowStride, r5 = r4 + aRowStride;
        for (int p = 0; p < k; p++) {
            int b = bBase + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, B, b);
            FloatVector b1 = FloatVector.fromArray(S, B, b + L);
            FloatVector a0 = FloatVector.broadcast(S, A[r0 + p]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, A[r1 + p]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, A[r2 + p]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, A[r3 + p]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, A[r4 + p]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, A[r5 + p]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
        }
        int c = i * cRowStride + j;
        if (w == NR) {
            c00.intoArray(C, c);
            c01.intoArray(C, c + L);
            c10.intoArray(C, c + cRowStride);
            c11.intoArray(C, c + cRowStride + L);
            c20.intoArray(C, c + 2 * cRowStride);
            c21.intoArray(C, c + 2 * cRowStride + L);
            c30.intoArray(C, c + 3 * cRowStride);
            c31.intoArray(C, c + 3 * cRowStride + L);
            c40.intoArray(C, c + 4 * cRowStride);
            c41.intoArray(C, c + 4 * cRowStride + L);
            c50.intoArray(C, c + 5 * cRowStride);
            c51.intoArray(C, c + 5 * cRowStride + L);
        } else {
            c00.intoArray(edge, 0 * L);
            c01.intoArray(edge, 1 * L);
            c10.intoArray(edge, 2 * L);
            c11.intoArray(edge, 3 * L);
            c20.intoArray(edge, 4 * L);
            c21.intoArray(edge, 5 * L);
            c30.intoArray(edge, 6 * L);
            c31.intoArray(edge, 7 * L);
            c40.intoArray(edge, 8 * L);
            c41.intoArray(edge, 9 * L);
            c50.intoArray(edge, 10 * L);
            c51.intoArray(edge, 11 * L);
            copyEdge(edge, C, c, cRowStride, 6, w);
        }
    }

    private static void tile4x2(float[] A, int aRowStride, int aColumnStride, float[] B, int bBase, int bRowStride,
                                float[] bias, float[] C, int cRowStride, int i, int j, int w, int k, float[] edge) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31;
        if (bias != null) {
            c00 = c10 = c20 = c30 = FloatVector.fromArray(S, bias, j);
            c01 = c11 = c21 = c31 = FloatVector.fromArray(S, bias, j + L);
        } else {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = FloatVector.zero(S);
        }
        int a = i * aRowStride;
        int b = bBase;
        for (int p = 0; p < k; p++, a += aColumnStride, b += bRowStride) {
            FloatVector b0 = FloatVector.fromArray(S, B, b);
            FloatVector b1 = FloatVector.fromArray(S, B, b + L);
            FloatVector a0 = FloatVector.broadcast(S, A[a]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, A[a + aRowStride]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, A[a + 2 * aRowStride]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, A[a + 3 * aRowStride]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
        }
        int c = i * cRowStride + j;
        if (w == NR) {
            c00.intoArray(C, c);
            c01.intoArray(C, c + L);
            c10.intoArray(C, c + cRowStride);
            c11.intoArray(C, c + cRowStride + L);
            c20.intoArray(C, c + 2 * cRowStride);
            c21.intoArray(C, c + 2 * cRowStride + L);
            c30.intoArray(C, c + 3 * cRowStride);
            c31.intoArray(C, c + 3 * cRowStride + L);
        } else {
            c00.intoArray(edge, 0 * L);
            c01.intoArray(edge, 1 * L);
            c10.intoArray(edge, 2 * L);
            c11.intoArray(edge, 3 * L);
            c20.intoArray(edge, 4 * L);
            c21.intoArray(edge, 5 * L);
            c30.intoArray(edge, 6 * L);
            c31.intoArray(edge, 7 * L);
            copyEdge(edge, C, c, cRowStride, 4, w);
        }
    }

    private static void tile4x2Packed(float[] A, int aRowStride, int aColumnStride, float[] B, int bBase, int bRowStride,
                                float[] bias, float[] C, int cRowStride, int i, int j, int w, int k, float[] edge) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31;
        if (bias != null) {
            c00 = c10 = c20 = c30 = FloatVector.fromArray(S, bias, j);
            c01 = c11 = c21 = c31 = FloatVector.fromArray(S, bias, j + L);
        } else {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = FloatVector.zero(S);
        }
        int r0 = i * aRowStride, r1 = r0 + aRowStride, r2 = r1 + aRowStride, r3 = r2 + aRowStride;  // as in tile6x2Packed
        for (int p = 0; p < k; p++) {
            int b = bBase + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, B, b);
            FloatVector b1 = FloatVector.fromArray(S, B, b + L);
            FloatVector a0 = FloatVector.broadcast(S, A[r0 + p]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, A[r1 + p]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, A[r2 + p]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, A[r3 + p]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
        }
        int c = i * cRowStride + j;
        if (w == NR) {
            c00.intoArray(C, c);
            c01.intoArray(C, c + L);
            c10.intoArray(C, c + cRowStride);
            c11.intoArray(C, c + cRowStride + L);
            c20.intoArray(C, c + 2 * cRowStride);
            c21.intoArray(C, c + 2 * cRowStride + L);
            c30.intoArray(C, c + 3 * cRowStride);
            c31.intoArray(C, c + 3 * cRowStride + L);
        } else {
            c00.intoArray(edge, 0 * L);
            c01.intoArray(edge, 1 * L);
            c10.intoArray(edge, 2 * L);
            c11.intoArray(edge, 3 * L);
            c20.intoArray(edge, 4 * L);
            c21.intoArray(edge, 5 * L);
            c30.intoArray(edge, 6 * L);
            c31.intoArray(edge, 7 * L);
            copyEdge(edge, C, c, cRowStride, 4, w);
        }
    }

    private static void tile1x2(float[] A, int aRowStride, int aColumnStride, float[] B, int bBase, int bRowStride,
                                float[] bias, float[] C, int cRowStride, int i, int j, int w, int k, float[] edge) {
        FloatVector c00, c01;
        if (bias != null) {
            c00 = FloatVector.fromArray(S, bias, j);
            c01 = FloatVector.fromArray(S, bias, j + L);
        } else {
            c00 = c01 = FloatVector.zero(S);
        }
        int a = i * aRowStride;
        int b = bBase;
        for (int p = 0; p < k; p++, a += aColumnStride, b += bRowStride) {
            FloatVector b0 = FloatVector.fromArray(S, B, b);
            FloatVector b1 = FloatVector.fromArray(S, B, b + L);
            FloatVector a0 = FloatVector.broadcast(S, A[a]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
        }
        int c = i * cRowStride + j;
        if (w == NR) {
            c00.intoArray(C, c);
            c01.intoArray(C, c + L);
        } else {
            c00.intoArray(edge, 0 * L);
            c01.intoArray(edge, 1 * L);
            copyEdge(edge, C, c, cRowStride, 1, w);
        }
    }
}
