package org.scratchnet.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.scratchnet.nn.Log;

/** The SIMD logarithms give the reference's scalar bits, everywhere the scalar is defined. */
class VectorLogTest {

    private static void assertSameBits(double[] x) {
        for (int length : new int[] {x.length, x.length - 1, 3, 1, 0}) {  // whole vectors and the tails left to the scalar
            double[] scalar = x.clone(), vector = x.clone();
            Log.log(scalar, 0, length);
            VectorLog.log(vector, 0, length);
            for (int i = 0; i < x.length; i++) {
                assertThat(Double.doubleToRawLongBits(vector[i])).as("ln %s (length %d): %s against %s", x[i], length,
                        vector[i], scalar[i]).isEqualTo(Double.doubleToRawLongBits(scalar[i]));
            }
        }
    }

    @Test
    void aMillionValuesOverTheWholeRangeGiveTheScalarBits() {
        SplittableRandom random = new SplittableRandom(23);
        double[] x = new double[1_000_003];
        for (int i = 0; i < x.length; i++) {
            x[i] = switch (i % 4) {
                case 0 -> Math.scalb(random.nextDouble(1, 2), random.nextInt(-1074, 1024));  // every exponent, subnormals too
                case 1 -> random.nextDouble(1, 10);                                          // a softmax's Σ for ten classes
                case 2 -> 1 + random.nextDouble(-1, 1) * 1e-9;                               // next to 1, on both sides
                default -> Math.sqrt(2) * (1 + random.nextDouble(-1, 1) * 1e-15) * Math.scalb(1.0, random.nextInt(-5, 5));
            };
        }
        assertSameBits(x);
    }

    @Test
    void theEdgesGiveTheScalarBits() {
        assertSameBits(new double[] {0.0, -0.0, 1.0, -1.0, 2.0, 0.5, 10.0, Math.E, Math.sqrt(2), Math.nextUp(Math.sqrt(2)),
                Math.nextDown(Math.sqrt(2)), Math.sqrt(0.5), Double.NaN, -Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL),
                Double.MAX_VALUE, Math.nextUp(1.0), Math.nextDown(1.0), 1e-300, 1e300});
    }
}
