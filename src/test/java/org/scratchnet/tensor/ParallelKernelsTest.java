package org.scratchnet.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The parallel kernels must give exactly the reference kernels' bits, for any shape and thread count. */
class ParallelKernelsTest {

    private static final int[][] SHAPES = {  // m, k, n
            {1, 1, 1}, {1, 784, 10}, {2, 3, 5}, {3, 1, 7}, {7, 13, 5}, {33, 17, 1}, {128, 784, 256},
            {300, 64, 10}, {5, 300, 300}, {1000, 10, 10}};

    @Test
    void everyProductMatchesTheReferenceBitForBit() {
        ReferenceKernels reference = new ReferenceKernels();
        for (int threads : new int[] {1, 2, 3}) {
            ParallelKernels parallel = new ParallelKernels(threads);
            SplittableRandom random = new SplittableRandom(threads);
            for (int[] s : SHAPES) {
                int m = s[0], k = s[1], n = s[2];
                float[] A = sparseRandom(m * k, random);
                float[] B = sparseRandom(n * k, random);
                float[] bias = sparseRandom(n, random);
                float[] expected = new float[m * n];
                float[] actual = new float[m * n];
                reference.aTimesBTransposed(A, B, bias, expected, m, k, n);
                parallel.aTimesBTransposed(A, B, bias, actual, m, k, n);
                assertThat(actual).as("A·Bᵀ+b %dx%dx%d on %d threads", m, k, n, threads).containsExactly(expected);

                float[] B2 = sparseRandom(k * n, random);
                reference.aTimesB(A, B2, expected, m, k, n);
                parallel.aTimesB(A, B2, actual, m, k, n);
                assertThat(actual).as("A·B %dx%dx%d on %d threads", m, k, n, threads).containsExactly(expected);

                float[] At = sparseRandom(k * m, random);
                reference.aTransposedTimesB(At, B2, expected, m, k, n);
                parallel.aTransposedTimesB(At, B2, actual, m, k, n);
                assertThat(actual).as("Aᵀ·B %dx%dx%d on %d threads", m, k, n, threads).containsExactly(expected);
            }
        }
    }

    /** Random values with about half of them exactly zero, as ReLU outputs and MNIST pixels have. */
    private static float[] sparseRandom(int size, SplittableRandom random) {
        float[] a = new float[size];
        for (int i = 0; i < size; i++) a[i] = random.nextBoolean() ? 0f : (float) random.nextGaussian();
        return a;
    }
}
