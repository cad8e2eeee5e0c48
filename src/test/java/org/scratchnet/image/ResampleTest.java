package org.scratchnet.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Area-average shrinking and linear enlarging, against values worked out by hand. */
class ResampleTest {

    @Test
    void halvingAveragesPairs() {
        Plane row = new Plane(6, 1, new float[] {1, 0, 0, 1, 1, 1});
        assertThat(Resample.resize(row, 3, 1).v()).containsExactly(new float[] {0.5f, 0.5f, 1f}, within(1e-6f));
    }

    @Test
    void threeToTwoSplitsTheMiddlePixel() {
        // s = 1.5: out0 = (0.3 + 0.6/2) / 1.5 = 0.4, out1 = (0.6/2 + 0.9) / 1.5 = 0.8
        Plane row = new Plane(3, 1, new float[] {0.3f, 0.6f, 0.9f});
        assertThat(Resample.resize(row, 2, 1).v()).containsExactly(new float[] {0.4f, 0.8f}, within(1e-6f));
    }

    @Test
    void columnsAreResampledLikeRows() {
        Plane column = new Plane(1, 3, new float[] {0.3f, 0.6f, 0.9f});
        assertThat(Resample.resize(column, 1, 2).v()).containsExactly(new float[] {0.4f, 0.8f}, within(1e-6f));
    }

    @Test
    void shrinkingKeepsTheTotalInkPerArea() {
        SplittableRandom rnd = new SplittableRandom(1);
        Plane p = new Plane(137, 53);
        double sum = 0;
        for (int k = 0; k < p.v().length; k++) {
            p.v()[k] = (float) rnd.nextDouble();
            sum += p.v()[k];
        }
        Plane small = Resample.resize(p, 20, 8);
        double smallSum = 0;
        for (float v : small.v()) smallSum += v;
        assertThat(smallSum * (137.0 / 20) * (53.0 / 8)).isCloseTo(sum, within(1e-3 * sum));
    }

    @Test
    void sameSizeIsTheIdentity() {
        Plane p = new Plane(3, 2, new float[] {1, 2, 3, 4, 5, 6});
        assertThat(Resample.resize(p, 3, 2).v()).containsExactly(p.v());
    }

    @Test
    void enlargingInterpolatesBetweenPixelCentres() {
        // Output centres in source coordinates: -0.25, 0.25, 0.75, 1.25, clamped to [0, 1].
        Plane row = new Plane(2, 1, new float[] {0, 1});
        assertThat(Resample.resize(row, 4, 1).v()).containsExactly(new float[] {0, 0.25f, 0.75f, 1}, within(1e-6f));
    }

    @Test
    void onePixelEnlargesToCopies() {
        Plane dot = new Plane(1, 1, new float[] {0.7f});
        assertThat(Resample.resize(dot, 3, 2).v()).containsOnly(0.7f);
    }
}
