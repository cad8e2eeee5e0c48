package org.scratchnet.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.scratchnet.data.Dataset;
import org.scratchnet.tensor.Kernels;
import org.scratchnet.tensor.ReferenceKernels;

class MiniBatchTest {

    @Test
    void gathersTheExamplesOfTheOrderOnEveryThreadCount() {
        int n = 500, f = 7;
        float[] x = new float[n * f];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
            for (int c = 0; c < f; c++) x[i * f + c] = i + c / 10f;
        }
        Dataset data = new Dataset(x, labels, n, f, 10, "rows numbered");
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = (i * 37 + 11) % n;  // a permutation (37 is prime to 500)

        for (int threads : new int[] {1, 2, 3}) {
            MiniBatch batch = new MiniBatch(data, 128, Kernels.create(threads));
            batch.gather(order, 256, 128);
            for (int r = 0; r < 128; r++) {
                int i = order[256 + r];
                assertThat(Arrays.copyOfRange(batch.x, r * f, r * f + f)).as("row %d on %d threads", r, threads)
                        .containsExactly(Arrays.copyOfRange(x, i * f, i * f + f));
                assertThat(batch.y[r]).isEqualTo(labels[i]);
            }
            batch.gather(order, 490, 10);  // a last, partial batch fills the first rows only
            assertThat(batch.x[9 * f]).isEqualTo(x[order[499] * f]);
            assertThat(batch.x[10 * f]).as("row 10 keeps the previous batch's example").isEqualTo(x[order[266] * f]);
        }
    }

    @Test
    void refusesABatchLargerThanItsArrays() {
        Dataset data = new Dataset(new float[20], new int[10], 10, 2, 10, "ten");
        MiniBatch batch = new MiniBatch(data, 4, new ReferenceKernels());
        assertThatThrownBy(() -> batch.gather(new int[10], 0, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
