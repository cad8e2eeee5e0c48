package org.scratchnet.augment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.scratchnet.SplitMix;
import org.scratchnet.data.Dataset;
import org.scratchnet.train.Mnist;

/**
 * The SIMD resampling against the scalar loops, to the bit: on real digits with a ramp added (no
 * zero region to hide a wrong neighbour), on the digits as they are (whose empty border the SIMD
 * form skips) and on a blank image, under drawn affine maps, elastic fields, both, and maps that
 * send points far outside the image (the clamps), on the side of MNIST and on sides that leave a
 * tail shorter than a vector.
 */
class ResamplingTest {
    @Test
    void theSimdResamplingGivesTheScalarLoopsBits() {
        Dataset d = Mnist.get()[0].head(40);
        SplitMix random = new SplitMix(5);
        for (int side : new int[] {28, 5, 13}) {
            Resampling simd = new VectorResampling(side);
            int n = side * side;
            float[] image = new float[n];
            float[] framed = new float[Bilinear.framed(side) * Bilinear.framed(side)];
            float[] expected = new float[n + 3];
            float[] actual = new float[n + 3];
            ElasticField field = new ElasticField(side, 4, 34);
            float[] dx = new float[n];
            float[] dy = new float[n];
            AugmentationSpec wide = AugmentationSpec.both().with(AugmentationSpec.Setting.SHIFT, 14)
                    .with(AugmentationSpec.Setting.SCALING, 0.9).with(AugmentationSpec.Setting.ROTATION, 180);
            for (int k = 0; k < d.size; k++) {
                int kind = k % 5;  // 0-2: a digit and a ramp, 3: the digit as it is, 4: nothing
                for (int p = 0; p < n; p++) {
                    float digit = kind == 4 ? 0f : d.x[k * 784 + (p % side) + 28 * (p / side) % 784];
                    image[p] = kind < 3 ? digit + 0.001f * p : digit;
                }
                Bilinear.frame(image, 0, side, framed);
                AffineMap m = new AffineMap().draw(k % 2 == 0 ? AugmentationSpec.both() : wide, random, side);
                field.draw(random, dx, dy);
                for (boolean elastic : new boolean[] {false, true}) {
                    Resampling.scalar().warp(framed, side, m, elastic ? dx : null, elastic ? dy : null, expected, 3);
                    simd.warp(framed, side, m, elastic ? dx : null, elastic ? dy : null, actual, 3);
                    assertThat(actual).as("side %d, image %d, elastic %s", side, k, elastic).isEqualTo(expected);
                }
            }
        }
        assertThat(Resampling.fastest(28)).isInstanceOf(VectorResampling.class);  // the tests run with the module, as the launcher does
    }
}
