package org.scratchnet.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The SIMD kernels against the reference: equal within float rounding on awkward shapes (sizes
 * that are not multiples of the vector width, single rows and columns, fewer rows than threads,
 * depths longer than a cache block), and the same bits on any number of threads.
 */
class VectorKernelsTest {

    private static final int[][] SHAPES = {  // m, k, n
            {1, 1, 1}, {1, 784, 10}, {2, 3, 5}, {3, 1, 7}, {7, 13, 5}, {33, 17, 1}, {1, 5, 33}, {5, 1, 100},
            {9, 300, 17}, {128, 784, 256}, {128, 512, 10}, {31, 600, 47}, {300, 64, 10}, {5, 300, 300},
            {1000, 10, 10}, {2, 1100, 3}, {64, 257, 65}, {17, 33, 31}};

    static Kernels vector(int threads) {
        Kernels k = VectorSupport.create(threads);
        assertThat(k).as("the test JVM has the Vector API module").isNotNull();
        return k;
    }

    @Test
    void everyProductAgreesWithTheReferenceWithinRounding() {
        ReferenceKernels reference = new ReferenceKernels();
        Kernels fast = vector(2);
        SplittableRandom random = new SplittableRandom(11);
        for (int[] s : SHAPES) {
            int m = s[0], k = s[1], n = s[2];
            float[] A = sparseRandom(m * k, random);
            float[] B = sparseRandom(n * k, random);
            float[] bias = sparseRandom(n, random);
            float[] expected = new float[m * n];
            float[] actual = new float[m * n];
            reference.aTimesBTransposed(A, B, bias, expected, m, k, n);
            fast.aTimesBTransposed(A, B, bias, actual, m, k, n);
            assertClose(actual, expected, k, "A·Bᵀ+b " + m + "x" + k + "x" + n);
            reference.aTimesBTransposed(A, B, null, expected, m, k, n);
            fast.aTimesBTransposed(A, B, null, actual, m, k, n);
            assertClose(actual, expected, k, "A·Bᵀ " + m + "x" + k + "x" + n);

            float[] B2 = sparseRandom(k * n, random);
            reference.aTimesB(A, B2, expected, m, k, n);
            fast.aTimesB(A, B2, actual, m, k, n);
            assertClose(actual, expected, k, "A·B " + m + "x" + k + "x" + n);

            float[] At = sparseRandom(k * m, random);
            reference.aTransposedTimesB(At, B2, expected, m, k, n);
            fast.aTransposedTimesB(At, B2, actual, m, k, n);
            assertClose(actual, expected, k, "Aᵀ·B " + m + "x" + k + "x" + n);
        }
    }

    @Test
    void theNumberOfThreadsDoesNotChangeASingleBit() {
        Kernels[] kernels = {vector(1), vector(2), vector(3)};
        SplittableRandom random = new SplittableRandom(5);
        for (int[] s : SHAPES) {
            int m = s[0], k = s[1], n = s[2];
            float[] A = sparseRandom(m * k, random);
            float[] B = sparseRandom(n * k, random);
            float[] bias = sparseRandom(n, random);
            float[][] out = new float[3][m * n];
            for (int t = 0; t < 3; t++) kernels[t].aTimesBTransposed(A, B, bias, out[t], m, k, n);
            assertThat(out[1]).as("A·Bᵀ+b %dx%dx%d, 2 threads", m, k, n).isEqualTo(out[0]);
            assertThat(out[2]).as("A·Bᵀ+b %dx%dx%d, 3 threads", m, k, n).isEqualTo(out[0]);
            for (int t = 0; t < 3; t++) kernels[t].aTimesB(A, B, out[t], m, k, n);
            assertThat(out[1]).as("A·B %dx%dx%d, 2 threads", m, k, n).isEqualTo(out[0]);
            assertThat(out[2]).as("A·B %dx%dx%d, 3 threads", m, k, n).isEqualTo(out[0]);
            float[] At = sparseRandom(k * m, random);
            for (int t = 0; t < 3; t++) kernels[t].aTransposedTimesB(At, B, out[t], m, k, n);
            assertThat(out[1]).as("Aᵀ·B %dx%dx%d, 2 threads", m, k, n).isEqualTo(out[0]);
            assertThat(out[2]).as("Aᵀ·B %dx%dx%d, 3 threads", m, k, n).isEqualTo(out[0]);
        }
    }

    @Test
    void theIndexedLoopsGiveTheSameBits() {
        Kernels plain = new VectorKernels(2, false), indexed = new VectorKernels(2, true);
        ReferenceKernels reference = new ReferenceKernels();
        SplittableRandom random = new SplittableRandom(8);
        for (int[] s : SHAPES) {
            int m = s[0], k = s[1], n = s[2];
            float[] A = sparseRandom(m * k, random);
            float[] B = sparseRandom(n * k, random);
            float[] bias = sparseRandom(n, random);
            float[] a = new float[m * n], b = new float[m * n], r = new float[m * n];
            plain.aTimesBTransposed(A, B, bias, a, m, k, n);
            indexed.aTimesBTransposed(A, B, bias, b, m, k, n);
            assertThat(b).as("A·Bᵀ+b %dx%dx%d", m, k, n).isEqualTo(a);
            plain.aTimesB(A, B, a, m, k, n);
            indexed.aTimesB(A, B, b, m, k, n);
            reference.aTimesB(A, B, r, m, k, n);
            assertThat(b).as("A·B %dx%dx%d", m, k, n).isEqualTo(a);
            assertClose(b, r, k, "A·B indexed " + m + "x" + k + "x" + n);
            float[] At = sparseRandom(k * m, random);
            plain.aTransposedTimesB(At, B, a, m, k, n);
            indexed.aTransposedTimesB(At, B, b, m, k, n);
            reference.aTransposedTimesB(At, B, r, m, k, n);
            assertThat(b).as("Aᵀ·B %dx%dx%d", m, k, n).isEqualTo(a);
            assertClose(b, r, k, "Aᵀ·B indexed " + m + "x" + k + "x" + n);
        }
    }

    @Test
    void oneExampleThroughALayerAgreesWithTheReferenceAndIsTheSameOnAnyThreads() {
        Kernels[] kernels = {vector(1), vector(2), vector(3)};
        ReferenceKernels reference = new ReferenceKernels();
        SplittableRandom random = new SplittableRandom(12);
        // widths below one block, exactly the W2 layer's 512 (shared among threads), and ragged ones
        int[][] shapes = {{784, 512}, {784, 520}, {512, 512}, {512, 10}, {40, 1}, {300, 130}, {784, 1000}, {3, 700}};
        for (int[] s : shapes) {
            int k = s[0], n = s[1];
            float[] Bt = sparseRandom(k * n, random);
            float[] bias = sparseRandom(n, random);
            int[] index = new int[k];
            float[] value = new float[k];
            int count = 0;
            for (int p = 0; p < k; p++) {
                if (random.nextInt(4) == 0) continue;  // about a quarter of the inputs are zero: not listed
                index[count] = p;
                value[count++] = (float) random.nextDouble(-1, 1);
            }
            for (float[] b : new float[][] {bias, null}) {
                float[] expected = new float[n];
                reference.vectorTimesMatrix(index, value, count, Bt, b, expected, n);
                float[][] out = new float[3][n];
                for (int t = 0; t < 3; t++) kernels[t].vectorTimesMatrix(index, value, count, Bt, b, out[t], n);
                String what = "x·Wᵀ" + (b != null ? "+b " : " ") + k + "x" + n;
                assertClose(out[0], expected, count, what);
                assertThat(out[1]).as("%s, 2 threads", what).isEqualTo(out[0]);
                assertThat(out[2]).as("%s, 3 threads", what).isEqualTo(out[0]);
            }
        }
    }

    @Test
    void reluBackwardOnManyThreadsPassesExactlyTheGradientsOfActiveUnits() {
        SplittableRandom random = new SplittableRandom(4);
        int size = 100_003;  // large enough to be shared, and not a whole number of vectors
        float[] A = sparseRandom(size, random), dA = sparseRandom(size, random);
        for (int i = 0; i < size; i += 3) A[i] = -A[i];
        float[] expected = new float[size], actual = new float[size];
        new ReferenceKernels().reluBackward(A, dA, expected, size);
        vector(2).reluBackward(A, dA, actual, size);
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void describesItself() {
        assertThat(vector(2).describe()).matches("vector \\d+-bit, 2 threads");
        assertThat(new ReferenceKernels().describe()).contains("scalar");
        assertThat(Kernels.create(2).describe()).startsWith("vector");
    }

    /**
     * |actual - expected| within a few float roundings of the size of the sum: k products, each
     * term below 25 (|a|, |b| < 5 in practice), so the allowance grows with k.
     */
    static void assertClose(float[] actual, float[] expected, int k, String what) {
        float tolerance = 1e-5f * (float) Math.max(1, Math.sqrt(k)) * 8f;
        int worst = -1;  // one assertion per array: per-element assertions would take seconds
        float worstExcess = 0f;
        for (int i = 0; i < expected.length; i++) {
            float scale = Math.max(1f, Math.abs(expected[i]));
            float excess = Math.abs(actual[i] - expected[i]) / scale - tolerance;
            if (!(excess <= worstExcess)) {
                worst = i;
                worstExcess = excess;
            }
        }
        if (worst >= 0) {
            assertThat(actual[worst]).as("%s at %d (relative tolerance %s)", what, worst, tolerance)
                    .isEqualTo(expected[worst]);
        }
    }

    /** Random values with about half of them exactly zero, as ReLU outputs and MNIST pixels have. */
    static float[] sparseRandom(int size, SplittableRandom random) {
        float[] a = new float[size];
        for (int i = 0; i < size; i++) a[i] = random.nextBoolean() ? 0f : (float) random.nextGaussian();
        return a;
    }
}
