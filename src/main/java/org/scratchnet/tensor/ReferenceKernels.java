package org.scratchnet.tensor;

/**
 * Plain-Java matrix products: the readable reference and the test oracle for faster kernels.
 *
 * <p>Every loop runs its innermost index over contiguous memory of the output row ("axpy" form:
 * {@code C[i,:] += a * B[p,:]}), which the JIT turns into SIMD code; a dot-product inner loop
 * would not vectorise because Java keeps float additions in order. Zero multipliers are skipped:
 * MNIST inputs are about 80% zero pixels and ReLU zeroes about half of the hidden units, so this
 * saves most of the work in the layers where it matters, and gives exactly the same result.
 */
public final class ReferenceKernels implements Kernels {

    /** Bᵀ for {@link #matmulTransB}; grows once to the largest weight matrix, then is reused. */
    private float[] transposed = new float[0];

    @Override
    public synchronized void matmulTransB(float[] A, float[] B, float[] bias, float[] C, int m, int k, int n) {
        if (transposed.length < k * n) transposed = new float[k * n];
        float[] Bt = transposed;
        // Bt[p, j] = B[j, p], so that the inner loop below walks rows of Bt contiguously.
        for (int j = 0; j < n; j++) {
            for (int p = 0; p < k; p++) Bt[p * n + j] = B[j * k + p];
        }
        for (int i = 0; i < m; i++) {
            int c = i * n;
            if (bias != null) System.arraycopy(bias, 0, C, c, n);
            else java.util.Arrays.fill(C, c, c + n, 0f);
            for (int p = 0; p < k; p++) {
                float a = A[i * k + p];
                if (a == 0f) continue;
                int b = p * n;
                for (int j = 0; j < n; j++) C[c + j] += a * Bt[b + j];
            }
        }
    }

    @Override
    public void matmul(float[] A, float[] B, float[] C, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            int c = i * n;
            java.util.Arrays.fill(C, c, c + n, 0f);
            for (int p = 0; p < k; p++) {
                float a = A[i * k + p];
                if (a == 0f) continue;
                int b = p * n;
                for (int j = 0; j < n; j++) C[c + j] += a * B[b + j];
            }
        }
    }

    @Override
    public void matmulTransA(float[] A, float[] B, float[] C, int k, int m, int n) {
        java.util.Arrays.fill(C, 0, m * n, 0f);
        for (int p = 0; p < k; p++) {
            int b = p * n;
            for (int i = 0; i < m; i++) {
                float a = A[p * m + i];
                if (a == 0f) continue;
                int c = i * n;
                for (int j = 0; j < n; j++) C[c + j] += a * B[b + j];
            }
        }
    }
}
