package org.scratchnet.tensor;

import java.util.Arrays;

/**
 * Plain-Java matrix products: the readable reference and the test oracle for faster kernels.
 *
 * <p>Every loop runs its innermost index over contiguous memory of the output row ("axpy" form:
 * {@code C[i,:] += a * B[p,:]}), which the JIT turns into SIMD code; a dot-product inner loop
 * would not vectorise because Java keeps float additions in order. Zero multipliers are skipped:
 * MNIST inputs are about 80% zero pixels and ReLU zeroes about half of the hidden units, so this
 * saves most of the work in the layers where it matters, and gives exactly the same result.
 *
 * <p>Each product is written over a range of output rows {@code [i0, i1)}, so that
 * {@link ParallelKernels} can hand the rows to several threads and still compute every output
 * element with the same operations in the same order: its results equal these bit for bit.
 */
public final class ReferenceKernels implements Kernels {

    /** Bᵀ for {@link #aTimesBTransposed}; grows once to the largest weight matrix, then is reused. */
    private float[] transposed = new float[0];

    @Override
    public String describe() {
        return "scalar reference, 1 thread";
    }

    @Override
    public synchronized void aTimesBTransposed(float[] A, float[] B, float[] bias, float[] C, int m, int k, int n) {
        if (transposed.length < k * n) transposed = new float[k * n];
        transpose(B, transposed, n, k);
        rowsOfATimesB(A, transposed, bias, C, k, n, 0, m);  // A · (Bᵀ)
    }

    @Override
    public void aTimesB(float[] A, float[] B, float[] C, int m, int k, int n) {
        rowsOfATimesB(A, B, null, C, k, n, 0, m);
    }

    @Override
    public void aTimesB(float[] A, float[] B, float[] bias, float[] C, int m, int k, int n) {
        rowsOfATimesB(A, B, bias, C, k, n, 0, m);
    }

    @Override
    public void aTransposedTimesB(float[] A, float[] B, float[] C, int m, int k, int n) {
        rowsOfATransposedTimesB(A, B, C, m, k, n, 0, m);
    }

    /** Bt[p, j] = B[j, p] for B [rows, cols], so that row-wise loops walk Bt contiguously. */
    static void transpose(float[] B, float[] Bt, int rows, int cols) {
        for (int j = 0; j < rows; j++) {
            for (int p = 0; p < cols; p++) Bt[p * rows + j] = B[j * cols + p];
        }
    }

    /**
     * Rows i0..i1 of C[m,n] = A[m,k] · B[k,n] + bias[n] (bias null: none). C's row count m is
     * not needed: the rows are i0..i1.
     */
    static void rowsOfATimesB(float[] A, float[] B, float[] bias, float[] C, int k, int n, int i0, int i1) {
        for (int i = i0; i < i1; i++) {
            int c = i * n;
            if (bias != null) System.arraycopy(bias, 0, C, c, n);
            else Arrays.fill(C, c, c + n, 0f);
            for (int p = 0; p < k; p++) {
                float a = A[i * k + p];
                if (a == 0f) continue;
                int b = p * n;
                for (int j = 0; j < n; j++) C[c + j] += a * B[b + j];
            }
        }
    }

    /** Rows i0..i1 of C[m,n] = A[k,m]ᵀ · B[k,n], accumulating over p in order for every row. */
    static void rowsOfATransposedTimesB(float[] A, float[] B, float[] C, int m, int k, int n, int i0, int i1) {
        Arrays.fill(C, i0 * n, i1 * n, 0f);
        for (int p = 0; p < k; p++) {
            int b = p * n;
            for (int i = i0; i < i1; i++) {
                float a = A[p * m + i];
                if (a == 0f) continue;
                int c = i * n;
                for (int j = 0; j < n; j++) C[c + j] += a * B[b + j];
            }
        }
    }
}
