package org.scratchnet.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExpTest {

    @Test
    void agreesWithStrictMathToAFewUlpsOverTheWholeRange() {
        SplittableRandom random = new SplittableRandom(3);
        double worst = 0;
        for (int i = 0; i < 200_000; i++) {
            double x = -708 + random.nextDouble() * (709 + 708);
            if (i % 2 == 0) x /= 100;  // and densely around zero, where activations live
            double want = StrictMath.exp(x);
            worst = Math.max(worst, Math.abs(Exp.exp(x) - want) / Math.ulp(want));
        }
        assertThat(worst).as("worst error in ulps").isLessThan(8);
    }

    @Test
    void edges() {
        assertThat(Exp.exp(0)).isEqualTo(1.0);
        assertThat(Exp.exp(1)).isCloseTo(Math.E, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(Exp.exp(710)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Exp.exp(-750)).isEqualTo(0.0);
        assertThat(Exp.exp(Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
        assertThat(Exp.exp(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Exp.exp(Double.NaN)).isNaN();
    }

    @Test
    void sigmoidAndTanhMatchTheirDefinitions() {
        for (double z = -40; z <= 40; z += 0.01) {
            assertThat(Exp.sigmoid(z)).as("sigmoid(%s)", z).isCloseTo(1 / (1 + StrictMath.exp(-z)),
                    org.assertj.core.data.Offset.offset(1e-15));
            assertThat(Exp.tanh(z)).as("tanh(%s)", z).isCloseTo(StrictMath.tanh(z), org.assertj.core.data.Offset.offset(1e-15));
        }
        assertThat(Exp.tanh(-0.0)).isEqualTo(-0.0);
        assertThat(Exp.tanh(1e-9)).isCloseTo(1e-9, org.assertj.core.data.Offset.offset(1e-17));
        assertThat(Exp.sigmoid(-800)).isEqualTo(0.0);
        assertThat(Exp.sigmoid(800)).isEqualTo(1.0);
    }
}
