package org.scratchnet.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The three products against a naive double-precision triple loop, on awkward shapes with zeros. */
class ReferenceKernelsTest {

    private static float[] random(int size, Random r) {
        float[] a = new float[size];
        for (int i = 0; i < size; i++) a[i] = r.nextInt(4) == 0 ? 0f : (float) r.nextGaussian();
        return a;
    }

    /** |actual - expected| <= 1e-4 * (|expected| + sum |terms|) : relative to the magnitude of the sum. */
    private static void assertClose(float[] actual, double[] expected, double[] scale) {
        for (int i = 0; i < expected.length; i++) {
            assertThat(Math.abs(actual[i] - expected[i])).as("element %d", i)
                    .isLessThanOrEqualTo(1e-4 * Math.max(scale[i], 1e-6));
        }
    }

    @ParameterizedTest(name = "m={0} k={1} n={2}")
    @CsvSource({"1,1,1", "1,784,10", "7,13,5", "33,17,1", "1,5,9", "9,1,4", "16,64,32"})
    void allThreeProductsMatchNaiveLoops(int m, int k, int n) {
        Random r = new Random(31L * m + 7L * k + n);
        Kernels kernels = new ReferenceKernels();

        // aTimesBTransposed: C[m,n] = A[m,k] . B[n,k]^T + bias
        float[] A = random(m * k, r);
        float[] B = random(n * k, r);
        float[] bias = random(n, r);
        float[] C = new float[m * n];
        java.util.Arrays.fill(C, 123f);  // outputs are overwritten, not accumulated
        kernels.aTimesBTransposed(A, B, bias, C, m, k, n);
        double[] e = new double[m * n];
        double[] s = new double[m * n];
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) {
            double sum = bias[j], abs = Math.abs(bias[j]);
            for (int p = 0; p < k; p++) { double t = (double) A[i * k + p] * B[j * k + p]; sum += t; abs += Math.abs(t); }
            e[i * n + j] = sum; s[i * n + j] = abs;
        }
        assertClose(C, e, s);

        // without bias
        kernels.aTimesBTransposed(A, B, null, C, m, k, n);
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) {
            double sum = 0, abs = 0;
            for (int p = 0; p < k; p++) { double t = (double) A[i * k + p] * B[j * k + p]; sum += t; abs += Math.abs(t); }
            e[i * n + j] = sum; s[i * n + j] = abs;
        }
        assertClose(C, e, s);

        // aTimesB: C[m,n] = A[m,k] . B2[k,n]
        float[] B2 = random(k * n, r);
        java.util.Arrays.fill(C, -7f);
        kernels.aTimesB(A, B2, C, m, k, n);
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) {
            double sum = 0, abs = 0;
            for (int p = 0; p < k; p++) { double t = (double) A[i * k + p] * B2[p * n + j]; sum += t; abs += Math.abs(t); }
            e[i * n + j] = sum; s[i * n + j] = abs;
        }
        assertClose(C, e, s);

        // aTransposedTimesB: C[m,n] = A2[k,m]^T . B2[k,n]
        float[] A2 = random(k * m, r);
        java.util.Arrays.fill(C, 5f);
        kernels.aTransposedTimesB(A2, B2, C, m, k, n);
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) {
            double sum = 0, abs = 0;
            for (int p = 0; p < k; p++) { double t = (double) A2[p * m + i] * B2[p * n + j]; sum += t; abs += Math.abs(t); }
            e[i * n + j] = sum; s[i * n + j] = abs;
        }
        assertClose(C, e, s);
    }

    @org.junit.jupiter.api.Test
    void allZeroInputGivesBiasOnly() {
        Kernels kernels = new ReferenceKernels();
        float[] C = {9f, 9f, 9f, 9f};
        kernels.aTimesBTransposed(new float[6], new float[]{1, 2, 3, 4, 5, 6}, new float[]{0.5f, -1f}, C, 2, 3, 2);
        assertThat(C).containsExactly(0.5f, -1f, 0.5f, -1f);
        kernels.aTimesB(new float[6], new float[6], C, 2, 3, 2);
        assertThat(C).containsExactly(0f, 0f, 0f, 0f);
    }

    @org.junit.jupiter.api.Test
    void smallHandComputedProduct() {
        // A = [[1,2],[3,4]], B = [[5,6],[7,8]] -> A.B^T = [[17,23],[39,53]]
        float[] C = new float[4];
        new ReferenceKernels().aTimesBTransposed(new float[]{1, 2, 3, 4}, new float[]{5, 6, 7, 8}, null, C, 2, 2, 2);
        assertThat(C).containsExactly(17f, 23f, 39f, 53f);
        // A.B = [[19,22],[43,50]]
        new ReferenceKernels().aTimesB(new float[]{1, 2, 3, 4}, new float[]{5, 6, 7, 8}, C, 2, 2, 2);
        assertThat(C).containsExactly(19f, 22f, 43f, 50f);
        // A^T.B = [[26,30],[38,44]]
        new ReferenceKernels().aTransposedTimesB(new float[]{1, 2, 3, 4}, new float[]{5, 6, 7, 8}, C, 2, 2, 2);
        assertThat(C).containsExactly(26f, 30f, 38f, 44f);
    }
}
