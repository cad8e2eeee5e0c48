package org.scratchnet.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.scratchnet.nn.Exp;

/** The SIMD exponentials give the reference's scalar bits, everywhere the scalar is defined. */
class VectorExpTest {

    private static void assertSameBits(double[] x) {
        for (int length : new int[] {x.length, x.length - 1, 3, 1, 0}) {  // whole vectors and masked tails
            double[] scalar = x.clone(), vector = x.clone();
            Exp.exp(scalar, 0, length);
            VectorExp.exp(vector, 0, length);
            for (int i = 0; i < x.length; i++) {
                assertThat(Double.doubleToRawLongBits(vector[i])).as("e^%s (length %d): %s against %s", x[i], length,
                        vector[i], scalar[i]).isEqualTo(Double.doubleToRawLongBits(scalar[i]));
            }
        }
    }

    @Test
    void aMillionValuesOverTheWholeRangeGiveTheScalarBits() {
        SplittableRandom random = new SplittableRandom(17);
        double[] x = new double[1_000_003];
        for (int i = 0; i < x.length; i++) {
            x[i] = switch (i % 4) {
                case 0 -> random.nextDouble(-750, 750);        // past both ends of the range
                case 1 -> random.nextDouble(-30, 0.001);       // a softmax's shifted logits
                case 2 -> random.nextDouble(-1, 1) * 1e-12;    // k = 0, and the sign of a zero k
                default -> (random.nextInt(-1100, 1100) + 0.5) / 1.4426950408889634;  // halfway between two k
            };
        }
        assertSameBits(x);
    }

    @Test
    void theEdgesGiveTheScalarBits() {
        assertSameBits(new double[] {0.0, -0.0, 1.0, -1.0, 709.0, Math.nextUp(709.0), Math.nextDown(709.0), -708.0,
                Math.nextDown(-708.0), Math.nextUp(-708.0), Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 0.34657359027997264,
                -0.34657359027997264, 1e-300, -1e-300, 88.7, -87.3, -103.9, 700.5, -700.5, Math.log(2), -Math.log(2)});
    }
}
