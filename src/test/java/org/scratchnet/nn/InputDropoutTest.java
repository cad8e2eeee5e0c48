package org.scratchnet.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.scratchnet.UserException;
import org.scratchnet.data.Dataset;
import org.scratchnet.train.Mnist;

/** The reference input dropout: identity at rate 0 and at evaluation, p of the pixels kept, each times 1/p. */
class InputDropoutTest {

    private static float[] ones(int n) {
        float[] a = new float[n];
        Arrays.fill(a, 1f);
        return a;
    }

    @Test
    void rateZeroAndEvaluationAreTheIdentity() {
        float[] X = {0f, 0.5f, 1f, 0.25f};
        assertThat(new InputDropout(0f, 4, 1).forward(X, 1, true)).isSameAs(X);
        assertThat(new InputDropout(0.2f, 4, 1).forward(X, 1, false)).isSameAs(X);
        // A network with rate 0 has no input dropout layer at all: the same layers as before it existed.
        Network none = Network.builder(784).dense(16, Activation.RELU).softmax(10).reference().build();
        assertThat(none.layers()).noneMatch(l -> l instanceof InputMask);
        assertThat(none.dropoutGenerators()).isEmpty();
    }

    @Test
    void aShareOfOneMinusRateIsKeptEachScaledByItsInverse() {
        float rate = 0.2f;
        int n = 100, width = 784;
        InputDropout d = new InputDropout(rate, width, 42);
        float scale = 1f / (1f - rate);
        double keptShare = 0;
        for (int batch = 0; batch < 3; batch++) {
            float[] out = d.forward(ones(n * width), n, true);
            int kept = 0;
            double sum = 0;
            for (float v : out) {
                assertThat(v).isIn(0f, scale);
                if (v != 0f) kept++;
                sum += v;
            }
            keptShare = kept / (double) (n * width);
            assertThat(keptShare).as("batch %d", batch).isCloseTo(0.8, within(0.006));  // 78,400 pixels: sd 0.0014
            assertThat(sum / (n * width)).as("the mean pixel is unchanged").isCloseTo(1.0, within(0.01));
        }
    }

    @Test
    void realPixelsAreKeptAsTheyWereOrZeroed() {
        Dataset train = Mnist.get()[0];
        int n = 64;
        float[] X = Arrays.copyOf(train.x, n * 784);
        float rate = 0.2f;
        float[] out = new InputDropout(rate, 784, 7).forward(X, n, true);
        int nonzero = 0, kept = 0;
        for (int e = 0; e < n * 784; e++) {
            if (X[e] == 0f) {
                assertThat(out[e]).isZero();
                continue;
            }
            nonzero++;
            if (out[e] != 0f) {
                kept++;
                assertThat(out[e]).isEqualTo(X[e] * (1f / (1f - rate)));
            }
        }
        assertThat(kept / (double) nonzero).isCloseTo(0.8, within(0.02));  // about 9,600 nonzero pixels
    }

    @Test
    void eachBatchDrawsANewMaskUnlessFrozenAndTheSameSeedDrawsTheSameMasks() {
        InputDropout a = new InputDropout(0.3f, 200, 9), b = new InputDropout(0.3f, 200, 9);
        float[] first = a.forward(ones(200), 1, true).clone();
        assertThat(b.forward(ones(200), 1, true)).containsExactly(first);
        float[] second = a.forward(ones(200), 1, true).clone();
        assertThat(second).isNotEqualTo(first);
        a.freezeMask(true);
        assertThat(a.forward(ones(200), 1, true)).containsExactly(second);
        assertThat(a.backward(ones(200), 1)).as("no gradient for the data").isNull();
    }

    @Test
    void aRateOutsideZeroToOneIsRefused() {
        int[] sizes = {784, 16, 10};
        Activation[] relu = {Activation.RELU};
        for (float bad : new float[] {1f, -0.1f, Float.NaN, 2f}) {
            assertThatThrownBy(() -> new Architecture(sizes, relu, new float[] {0f}, bad))
                    .isInstanceOf(UserException.class).hasMessageContaining("input dropout rate must be in [0, 1)");
        }
        Architecture a = new Architecture(sizes, relu, new float[] {0.5f}, 0.2f);
        assertThat(Architecture.parse(a.sizesText(), a.activationsText(), a.dropoutText(), a.inputDropoutText())).isEqualTo(a);
        assertThat(a).isNotEqualTo(a.withInputDropout(0f));
        assertThat(a.toString()).endsWith("input dropout 0.2");
        assertThatThrownBy(() -> Architecture.parse("784-16-10", "relu,softmax", "0", "lots"))
                .isInstanceOf(UserException.class).hasMessageContaining("input_dropout 'lots' is not a number");
    }
}
