package org.scratchnet.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogTest {

    /** Error in units in the last place of StrictMath's result (of 1 ulp of the argument's scale where that is 0). */
    private static double ulps(double x) {
        double want = StrictMath.log(x);
        return Math.abs(Log.log(x) - want) / Math.ulp(want == 0 ? 1e-300 : want);
    }

    @Test
    void agreesWithStrictMathToOneUlpOverTheWholeRange() {
        SplittableRandom random = new SplittableRandom(5);
        double worst = 0, worstSigma = 0;
        for (int i = 0; i < 200_000; i++) {
            worst = Math.max(worst, ulps(Math.scalb(random.nextDouble(1, 2), random.nextInt(-1074, 1024))));
            worst = Math.max(worst, ulps(1 + random.nextDouble(-1, 1) * Math.scalb(1.0, -random.nextInt(1, 52))));  // next to 1
            worstSigma = Math.max(worstSigma, ulps(random.nextDouble(1, 10)));  // a softmax's Σ over ten classes
        }
        assertThat(worst).as("worst error in ulps").isLessThanOrEqualTo(1);
        assertThat(worstSigma).as("worst error in ulps over [1, 10)").isLessThanOrEqualTo(1);
    }

    @Test
    void edges() {
        assertThat(Log.log(1.0)).isEqualTo(0.0);
        assertThat(Log.log(Math.E)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(Log.log(2.0)).isEqualTo(StrictMath.log(2.0));
        assertThat(Log.log(0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Log.log(-0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Log.log(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Log.log(-1.0)).isNaN();
        assertThat(Log.log(Double.NEGATIVE_INFINITY)).isNaN();
        assertThat(Log.log(Double.NaN)).isNaN();
        assertThat(Log.log(Double.MIN_VALUE)).isCloseTo(StrictMath.log(Double.MIN_VALUE), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Log.log(Double.MAX_VALUE)).isCloseTo(StrictMath.log(Double.MAX_VALUE), org.assertj.core.data.Offset.offset(1e-12));
    }
}
