package org.scratchnet.tensor;

/**
 * The operands of one dense product of {@link VectorKernels}, and the tiles of it that a thread
 * computes:
 * <pre>
 *   C[i, j] = bias[j] + Σ_p A(i, p) · B(p, j)      C [m, n], p in [0, k)
 *   A(i, p) = A[i·aRowStride + p·aColumnStride]   (k, 1 for A [m, k]; 1, m for A [k, m] read as Aᵀ)
 *   B [k, n] row-major, or in column panels ({@code packed}, see {@link Gemm#pack}); null while
 *         each thread packs its own panels ({@link #panel})
 * </pre>
 * One is made per call and handed to the threads, so the tiles read only the operands of their
 * own call. {@code then} (null for none) is applied to each block of C right after the thread
 * that computed it wrote it ({@link Epilogue}). {@code indexed} chooses the loop shape of {@link Gemm#INDEXED_LOOPS}, {@code tile} the
 * register tile ({@link TileShape}); neither changes a bit of C.
 */
record Product(float[] A, int aRowStride, int aColumnStride, float[] B, boolean packed, float[] bias, float[] C,
               int m, int k, int n, boolean indexed, TileShape tile, Epilogue then) {

    /** Units of work the threads share: strips of the tile's rows, or panels of {@link Gemm#NR} columns. */
    int rowStrips() {
        return (m + tile.rows - 1) / tile.rows;
    }

    int columnPanels() {
        return (n + Gemm.NR - 1) / Gemm.NR;
    }

    /** Rows i0..i1, columns j0..j1 (j0 a multiple of NR) of C; tiles narrower than a panel store through {@code edge}. */
    void tiles(int i0, int i1, int j0, int j1, float[] edge) {
        if (packed) Gemm.runPacked(A, aRowStride, aColumnStride, B, bias, C, n, k, i0, i1, j0, j1, edge, indexed, tile);
        else Gemm.run(A, aRowStride, aColumnStride, B, n, bias, C, n, k, i0, i1, j0, j1, edge, tile);
        if (then != null) VectorEpilogue.apply(then, C, n, i0, i1, j0, Math.min(n, j1));
    }

    /** The same product with B packed in panels in {@code Bp}. */
    Product packedIn(float[] Bp) {
        return new Product(A, aRowStride, aColumnStride, Bp, true, bias, C, m, k, n, indexed, tile, then);
    }

    /** Column panel q, all rows, from {@code Bp} holding that panel alone (packed, k x NR). */
    void panel(float[] Bp, int q, float[] edge) {
        int j0 = q * Gemm.NR, j1 = Math.min(n, (q + 1) * Gemm.NR);
        Gemm.runPacked(A, aRowStride, aColumnStride, Bp, q, bias, C, n, k, 0, m, j0, j1, edge, indexed, tile);
        if (then != null) VectorEpilogue.apply(then, C, n, 0, m, j0, j1);
    }

    /** The row strips s0..s1, all columns. */
    void rowStrips(int s0, int s1, float[] edge) {
        tiles(s0 * tile.rows, Math.min(m, s1 * tile.rows), 0, n, edge);
    }

    /** The column panels q0..q1, all rows. */
    void columnPanels(int q0, int q1, float[] edge) {
        tiles(0, m, q0 * Gemm.NR, Math.min(n, q1 * Gemm.NR), edge);
    }
}
