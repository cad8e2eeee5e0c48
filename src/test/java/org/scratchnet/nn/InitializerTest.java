package org.scratchnet.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.scratchnet.SplitMix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.scratchnet.UserException;

class InitializerTest {

    @ParameterizedTest
    @EnumSource(Initializer.class)
    void weightsHaveZeroMeanAndTheAdvertisedStd(Initializer init) {
        for (int[] shape : new int[][] {{784, 256}, {256, 10}}) {
            int in = shape[0], out = shape[1];
            float[] W = new float[in * out];
            float[] b = new float[out];
            java.util.Arrays.fill(b, 7f);
            init.initialise(W, b, in, out, new SplitMix(1));
            double sum = 0, sq = 0;
            for (float w : W) { sum += w; sq += (double) w * w; }
            double mean = sum / W.length;
            double std = Math.sqrt(sq / W.length - mean * mean);
            double expected = init.weightStd(in, out);
            assertThat(std).as("%s %dx%d std", init, in, out).isCloseTo(expected, within(0.02 * expected));
            // mean within ~4 standard errors of zero
            assertThat(Math.abs(mean)).as("%s mean", init).isLessThan(4 * expected / Math.sqrt(W.length));

            boolean uniform = init == Initializer.RANDOM || init == Initializer.XAVIER || init == Initializer.KAIMING_UNIFORM;
            if (uniform) {
                double bound = expected * Math.sqrt(3);  // U(-a,a): std = a/sqrt(3)
                for (float w : W) assertThat((double) Math.abs(w)).isLessThanOrEqualTo(bound + 1e-6);
            }
            if (init == Initializer.RANDOM) {
                boolean nonZero = false;
                for (float v : b) { assertThat(v).isBetween(-0.5f, 0.5f); nonZero |= v != 0f; }
                assertThat(nonZero).isTrue();
            } else {
                assertThat(b).containsOnly(0f);
            }
        }
    }

    @Test
    void handComputedStds() {
        // paper-xavier 784->10: sqrt(sqrt(6/794)) = sqrt(0.0075567) = 0.086929^... = 0.29483
        assertThat(Initializer.PAPER_XAVIER.weightStd(784, 10)).isCloseTo(0.2948, within(1e-4));
        // xavier 784->10: sqrt(2/794) = 0.050189
        assertThat(Initializer.XAVIER.weightStd(784, 10)).isCloseTo(0.0502, within(1e-4));
        assertThat(Initializer.XAVIER_NORMAL.weightStd(784, 10)).isCloseTo(0.0502, within(1e-4));
        // kaiming 784: sqrt(2/784) = 0.050508; paper-kaiming sqrt(0.050508) = 0.22474
        assertThat(Initializer.KAIMING.weightStd(784, 10)).isCloseTo(0.0505, within(1e-4));
        assertThat(Initializer.PAPER_KAIMING.weightStd(784, 10)).isCloseTo(0.2247, within(1e-4));
        assertThat(Initializer.RANDOM.weightStd(784, 10)).isCloseTo(0.288675, within(1e-6));
    }

    @ParameterizedTest
    @EnumSource(Initializer.class)
    void sameSeedSameWeightsDifferentSeedDifferent(Initializer init) {
        float[] w1 = new float[300], w2 = new float[300], w3 = new float[300];
        init.initialise(w1, new float[10], 30, 10, new SplitMix(5));
        init.initialise(w2, new float[10], 30, 10, new SplitMix(5));
        init.initialise(w3, new float[10], 30, 10, new SplitMix(6));
        assertThat(w2).containsExactly(w1);
        assertThat(w3).isNotEqualTo(w1);
    }

    @Test
    void parseRoundTripsIdsAndRejectsUnknown() {
        for (Initializer init : Initializer.values()) assertThat(Initializer.parse(init.id())).isEqualTo(init);
        assertThatThrownBy(() -> Initializer.parse("glorot"))
                .isInstanceOf(UserException.class).hasMessageContaining("glorot").hasMessageContaining("kaiming");
    }
}
