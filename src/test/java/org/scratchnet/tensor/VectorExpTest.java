package org.scratchnet.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VectorExpTest {

    /** The softmax's exponentials in SIMD lanes and on several threads are the scalar {@link Exp#exp}'s bits. */
    @Test
    void givesTheScalarBitsEverywhere() {
        SplittableRandom random = new SplittableRandom(5);
        double[] special = {0.0, -0.0, 1.0, -1.0, 709.0, 709.5, 710.0, -708.0, -708.5, -745.2, -800.0,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE,
                Math.log(2) / 2, -Math.log(2) / 2, 1.5 * Math.log(2), -2.5 * Math.log(2), 1e-300, -1e300};
        int size = 100_003;  // ragged: not a whole number of lanes, and enough to be shared among threads
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = i < special.length ? special[i]
                    : i % 3 == 0 ? -random.nextDouble() * 30          // where a softmax's shifted logits lie
                    : i % 3 == 1 ? (float) (random.nextDouble() * -80)  // float logits made double
                    : random.nextDouble(-750, 712);
        }
        for (Kernels kernels : new Kernels[] {VectorKernelsTest.vector(1), VectorKernelsTest.vector(2), VectorKernelsTest.vector(3)}) {
            float[] E = new float[size];
            kernels.exp(x, E, size);
            for (int i = 0; i < size; i++) {
                float want = (float) Exp.exp(x[i]);
                assertThat(Float.floatToRawIntBits(E[i])).as("e^%s on %s", x[i], kernels.describe())
                        .isEqualTo(Float.floatToRawIntBits(want));
            }
        }
    }
}
