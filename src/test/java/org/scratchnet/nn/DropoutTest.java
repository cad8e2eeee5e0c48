package org.scratchnet.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DropoutTest {

    private static float[] ones(int n) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, 1f);
        return a;
    }

    @Test
    void evalModeIsIdentity() {
        Dropout d = new Dropout(0.5f, 4, 1);
        float[] x = {1, 2, 3, 4};
        assertThat(d.forward(x, 1, false)).isSameAs(x);
        assertThat(d.backward(x, 1)).isSameAs(x);
        assertThat(new Dropout(0f, 4, 1).forward(x, 1, true)).isSameAs(x);
    }

    @Test
    void trainingKeepsOneMinusRateScaledUp() {
        float rate = 0.3f;
        int n = 100, width = 1000;  // 100k units
        Dropout d = new Dropout(rate, width, 42);
        float[] out = d.forward(ones(n * width), n, true);
        int kept = 0;
        double sum = 0;
        float scale = 1f / (1f - rate);
        for (int i = 0; i < n * width; i++) {
            assertThat(out[i]).isIn(0f, scale);
            if (out[i] != 0f) kept++;
            sum += out[i];
        }
        assertThat(kept / 100_000.0).isCloseTo(0.7, within(0.01));
        assertThat(sum / 100_000.0).as("mean preserved").isCloseTo(1.0, within(0.02));
    }

    @Test
    void backwardUsesTheForwardMask() {
        Dropout d = new Dropout(0.5f, 50, 7);
        float[] x = new float[2 * 50];
        for (int i = 0; i < x.length; i++) x[i] = i + 1;
        float[] out = d.forward(x, 2, true).clone();
        float[] g = d.backward(ones(100), 2);
        for (int i = 0; i < 100; i++) assertThat(g[i]).isEqualTo(out[i] / x[i]);
    }

    @Test
    void sameSeedSameMaskAndFreezeKeepsIt() {
        Dropout a = new Dropout(0.4f, 200, 9), b = new Dropout(0.4f, 200, 9), c = new Dropout(0.4f, 200, 10);
        float[] ma = a.forward(ones(200), 1, true).clone();
        assertThat(b.forward(ones(200), 1, true)).containsExactly(ma);
        assertThat(c.forward(ones(200), 1, true)).isNotEqualTo(ma);
        // unfrozen: the next pass draws a new mask; frozen: it repeats
        a.freezeMask(true);
        assertThat(a.forward(ones(200), 1, true)).containsExactly(ma);
        a.freezeMask(false);
        assertThat(a.forward(ones(200), 1, true)).isNotEqualTo(ma);
    }
}
