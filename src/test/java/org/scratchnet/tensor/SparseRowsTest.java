package org.scratchnet.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scratchnet.tensor.VectorKernelsTest.vector;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The lists of nonzeros, by row and by column, on one thread or several (their products: {@link KernelContractTest}). */
class SparseRowsTest {

    /** About 80% zeros, like MNIST pixels. */
    private static float[] pixels(int size, SplittableRandom random) {
        float[] a = new float[size];
        for (int i = 0; i < size; i++) a[i] = random.nextInt(5) == 0 ? (float) random.nextDouble() : 0f;
        return a;
    }

    @Test
    void listsEveryNonzeroByRowAndByColumn() {
        float[] X = {0, 1, 0, 2, 0, 0, 3, 0, 0};
        SparseRows s = new SparseRows();
        assertThat(s.index(new ReferenceKernels(), X, 3, 3, 1f)).isTrue();
        assertThat(s.nonzeros).isEqualTo(3);
        s.listColumns(Integer.MAX_VALUE, new ReferenceKernels());
        assertThat(java.util.Arrays.copyOf(s.rowStart, 4)).containsExactly(0, 1, 2, 3);
        assertThat(java.util.Arrays.copyOf(s.colIndex, 3)).containsExactly(1, 0, 0);
        assertThat(java.util.Arrays.copyOf(s.colStart, 4)).containsExactly(0, 2, 3, 3);
        assertThat(java.util.Arrays.copyOf(s.rowIndex, 3)).containsExactly(1, 2, 0);
        assertThat(java.util.Arrays.copyOf(s.colValue, 3)).containsExactly(2f, 3f, 1f);
        assertThat(s.density()).isEqualTo(1f / 3);
        s.listColumns(2, new ReferenceKernels());  // rows 0-1, then row 2: lists per (block, column)
        assertThat(s.blocks).isEqualTo(2);
        assertThat(java.util.Arrays.copyOf(s.colStart, 7)).containsExactly(0, 1, 2, 2, 3, 3, 3);
        assertThat(java.util.Arrays.copyOf(s.rowIndex, 3)).containsExactly(1, 0, 2);
        assertThat(java.util.Arrays.copyOf(s.colValue, 3)).containsExactly(2f, 1f, 3f);
    }

    @Test
    void aBatchListedOnSeveralThreadsGivesTheSameListsAsOneThread() {
        SplittableRandom random = new SplittableRandom(9);
        int m = 300, k = 95;  // 95: a ragged run of pixels at the end of each row
        float[] X = pixels(m * k, random);
        java.util.Arrays.fill(X, 7 * k, 8 * k, 0f);  // an empty row
        java.util.Arrays.fill(X, 9 * k, 10 * k, 0.5f);  // a full one
        SparseRows one = new SparseRows(), two = new SparseRows();
        assertThat(one.index(new ReferenceKernels(), X, m, k, 0.5f)).isTrue();
        Kernels twoThreads = vector(2);
        assertThat(two.index(twoThreads, X, m, k, 0.5f)).isTrue();
        assertThat(two.index(twoThreads, X, m, k, 0.01f)).as("too dense for 1%").isFalse();
        assertThat(two.index(twoThreads, X, m, k, 0.5f)).isTrue();
        assertThat(two.nonzeros).isEqualTo(one.nonzeros);
        assertThat(java.util.Arrays.copyOf(two.rowStart, m + 1)).containsExactly(java.util.Arrays.copyOf(one.rowStart, m + 1));
        assertThat(java.util.Arrays.copyOf(two.colIndex, one.nonzeros)).containsExactly(java.util.Arrays.copyOf(one.colIndex, one.nonzeros));
        assertThat(java.util.Arrays.copyOf(two.rowValue, one.nonzeros)).containsExactly(java.util.Arrays.copyOf(one.rowValue, one.nonzeros));
        assertThat(two.rowStart[8] - two.rowStart[7]).isZero();
        assertThat(two.rowStart[10] - two.rowStart[9]).isEqualTo(k);

        // By column, in blocks of 64 rows: threads that share the columns make the same lists.
        assertThat(one.nonzeros).as("enough to list on several threads").isGreaterThan(4096);
        one.listColumns(64, new ReferenceKernels());
        two.listColumns(64, vector(2));
        int keys = one.blocks * k;
        assertThat(two.blocks).isEqualTo(5);
        assertThat(java.util.Arrays.copyOf(two.colStart, keys + 1)).containsExactly(java.util.Arrays.copyOf(one.colStart, keys + 1));
        assertThat(java.util.Arrays.copyOf(two.rowIndex, one.nonzeros)).containsExactly(java.util.Arrays.copyOf(one.rowIndex, one.nonzeros));
        assertThat(java.util.Arrays.copyOf(two.colValue, one.nonzeros)).containsExactly(java.util.Arrays.copyOf(one.colValue, one.nonzeros));
        for (int t = two.colStart[3 * k + 94]; t < two.colStart[3 * k + 95]; t++) {
            assertThat(two.rowIndex[t]).as("block 3 lists rows 192-255").isBetween(192, 255);
            assertThat(X[two.rowIndex[t] * k + 94]).isEqualTo(two.colValue[t]);
        }
    }

    @Test
    void givesUpOnADenseMatrix() {
        float[] X = {1, 1, 1, 0};
        SparseRows s = new SparseRows();
        assertThat(s.index(new ReferenceKernels(), X, 2, 2, 0.5f)).isFalse();
        assertThat(s.density()).isEqualTo(1f);
        assertThat(s.index(new ReferenceKernels(), X, 2, 2, 0.75f)).isTrue();
    }
}
