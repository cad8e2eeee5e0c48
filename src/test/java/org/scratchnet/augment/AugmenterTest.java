package org.scratchnet.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scratchnet.SplitMix;
import org.scratchnet.data.Dataset;
import org.scratchnet.train.Mnist;

/**
 * The distortions on real MNIST digits: no strength is no change, to the bit; a shift moves the
 * ink's centre of mass by the shift; a quarter turn is the hand-made quarter turn; the same seed
 * is the same image, another seed another one.
 */
class AugmenterTest {
    private static final int SIDE = 28;
    private static final int N = SIDE * SIDE;

    private static Dataset digits() {
        return Mnist.get()[0].head(200);
    }

    @Test
    void noStrengthIsTheIdentityToTheBit() {
        Dataset d = digits();
        List<AugmentationSpec> zero = List.of(
                new AugmentationSpec("affine", 0, 0, 0, 0, 0, 0),
                new AugmentationSpec("elastic", 0, 0, 0, 0, 4, 0),
                new AugmentationSpec("both", 0, 0, 0, 0, 4, 0),
                AugmentationSpec.none());
        for (AugmentationSpec spec : zero) {
            Augmenter a = new Augmenter(spec, N);
            float[] out = new float[N];
            for (int i = 0; i < d.size; i++) {
                a.augment(d.x, i * N, out, 0, Augmenter.exampleSeed(42, 1, i));
                assertThat(out).as("%s, digit %d", spec.describe(), i).isEqualTo(java.util.Arrays.copyOfRange(d.x, i * N, (i + 1) * N));
            }
        }
    }

    @Test
    void aShiftMovesTheCentreOfMassByTheShift() {
        Dataset d = digits();
        double[][] shifts = {{1.5, -2.25}, {-3, 0.5}, {0.3, 2.7}};
        float[] framed = new float[Bilinear.framed(SIDE) * Bilinear.framed(SIDE)];
        float[] out = new float[N];
        int checked = 0;
        for (int i = 0; i < d.size; i++) {
            if (!inkWithin(d.x, i * N, 3)) continue;  // no ink may leave the image for the moment to be kept
            double[] before = centreOfMass(d.x, i * N);
            for (double[] s : shifts) {
                Bilinear.frame(d.x, i * N, SIDE, framed);
                Bilinear.warp(framed, SIDE, new AffineMap().set(s[0], s[1], 0, 1, 0, SIDE), out, 0);
                double[] after = centreOfMass(out, 0);
                assertThat(after[0] - before[0]).as("x of digit %d shifted by %s", i, s[0]).isCloseTo(s[0], within(1e-3));
                assertThat(after[1] - before[1]).as("y of digit %d shifted by %s", i, s[1]).isCloseTo(s[1], within(1e-3));
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(60);
    }

    @Test
    void aQuarterTurnIsTheHandMadeQuarterTurn() {
        Dataset d = digits();
        float[] image = new float[N];
        // A digit plus a ramp: no symmetry to hide a mistake (and no value below half a grey level, which resampling sets to 0).
        for (int k = 0; k < N; k++) image[k] = d.x[7 * N + k] + 0.01f + 0.001f * k;
        float[] framed = new float[Bilinear.framed(SIDE) * Bilinear.framed(SIDE)];
        Bilinear.frame(image, 0, SIDE, framed);
        float[] out = new float[N];
        Bilinear.warp(framed, SIDE, new AffineMap().set(0, 0, 90, 1, 0, SIDE), out, 0);
        // Anticlockwise on screen (y down): the top right corner goes to the top left.
        for (int r = 0; r < SIDE; r++) {
            for (int c = 0; c < SIDE; c++) {
                assertThat(out[r * SIDE + c]).as("row %d, column %d", r, c).isCloseTo(image[c * SIDE + (SIDE - 1 - r)], within(1e-5f));
            }
        }
        Bilinear.warp(framed, SIDE, new AffineMap().set(0, 0, -90, 1, 0, SIDE), out, 0);
        assertThat(out[0]).isCloseTo(image[(SIDE - 1) * SIDE], within(1e-5f));  // clockwise: the bottom left corner goes to the top left
    }

    @Test
    void scalingAboutTheCentreKeepsTheCentreAndStretchesTheSpread() {
        Dataset d = digits();
        float[] framed = new float[Bilinear.framed(SIDE) * Bilinear.framed(SIDE)];
        float[] out = new float[N];
        double c = (SIDE - 1) / 2.0;
        int checked = 0;
        double ratio = 0;
        double error = 0;
        for (int i = 0; i < d.size; i++) {
            if (!inkWithin(d.x, i * N, 4)) continue;  // 9.5 pixels from the centre at most: 11.4 once scaled, still inside
            Bilinear.frame(d.x, i * N, SIDE, framed);
            Bilinear.warp(framed, SIDE, new AffineMap().set(0, 0, 0, 1.2, 0, SIDE), out, 0);
            double[] m0 = centreOfMass(d.x, i * N);
            double[] m1 = centreOfMass(out, 0);
            // Ink at distance r from the image's centre lands at 1.2 r: so does its centre of mass (up to interpolation).
            // (Each digit's samples of its thin strokes miss a little: 0.2 pixels at most, 0.05 on average.)
            assertThat(m1[0] - c).as("digit %d", i).isCloseTo(1.2 * (m0[0] - c), within(0.2));
            assertThat(m1[1] - c).as("digit %d", i).isCloseTo(1.2 * (m0[1] - c), within(0.2));
            error += Math.abs(m1[0] - c - 1.2 * (m0[0] - c)) + Math.abs(m1[1] - c - 1.2 * (m0[1] - c));
            ratio += sum(out, 0) / sum(d.x, i * N);
            checked++;
        }
        assertThat(checked).isGreaterThan(20);
        assertThat(error / (2 * checked)).isLessThan(0.05);
        // The ink's area grows by 1.2²: on average over the digits (one thin stroke's samples can miss it by a few percent).
        assertThat(ratio / checked).isCloseTo(1.44, within(0.015));
    }

    @Test
    void noDistortedValueIsBelowHalfAGreyLevelButZeroAndTheInkIsKept() {
        Dataset d = digits();
        float[] out = new float[N];
        for (AugmentationSpec spec : List.of(AugmentationSpec.affine(), AugmentationSpec.elastic(), AugmentationSpec.both())) {
            Augmenter a = new Augmenter(spec, N);
            long faint = 0, zeros = 0, originalZeros = 0;
            double ink = 0, originalInk = 0;
            for (int i = 0; i < d.size; i++) {
                a.augment(d.x, i * N, out, 0, Augmenter.exampleSeed(7, 1, i));
                for (int k = 0; k < N; k++) {
                    if (out[k] != 0 && out[k] < 0.5f / 255) faint++;
                    if (out[k] == 0) zeros++;
                    if (d.x[i * N + k] == 0) originalZeros++;
                    ink += out[k];
                    originalInk += d.x[i * N + k];
                }
            }
            assertThat(faint).as(spec.describe()).isZero();
            // Resampling still spreads each stroke's soft edge (more nonzero pixels than the originals), and keeps the ink.
            assertThat(zeros).as(spec.describe()).isLessThan(originalZeros).isGreaterThan(originalZeros * 9 / 10);
            assertThat(ink / originalInk).as(spec.describe()).isCloseTo(1, within(0.05));
        }
    }

    @Test
    void theSameSeedGivesTheSameImageAndEachEpochAnother() {
        Dataset d = digits();
        Augmenter a = new Augmenter(AugmentationSpec.both(), N);
        Augmenter b = new Augmenter(AugmentationSpec.both(), N);
        float[] first = new float[N];
        float[] again = new float[N];
        float[] nextEpoch = new float[N];
        a.augment(d.x, 3 * N, first, 0, Augmenter.exampleSeed(42, 1, 3));
        b.augment(d.x, 5 * N, again, 0, Augmenter.exampleSeed(42, 1, 5));  // another image between: no state carried over
        b.augment(d.x, 3 * N, again, 0, Augmenter.exampleSeed(42, 1, 3));
        a.augment(d.x, 3 * N, nextEpoch, 0, Augmenter.exampleSeed(42, 2, 3));
        assertThat(again).isEqualTo(first);
        assertThat(nextEpoch).isNotEqualTo(first);
        assertThat(first).isNotEqualTo(java.util.Arrays.copyOfRange(d.x, 3 * N, 4 * N));
        List<Long> seeds = new ArrayList<>();
        for (int epoch = 1; epoch <= 50; epoch++) for (int i = 0; i < 200; i++) seeds.add(Augmenter.exampleSeed(42, epoch, i));
        assertThat(seeds).doesNotHaveDuplicates();
    }

    @Test
    void theDrawnAffineMapsStayWithinTheirRanges() {
        AugmentationSpec spec = AugmentationSpec.affine().with(AugmentationSpec.Setting.ROTATION, 30)
                .with(AugmentationSpec.Setting.SCALING, 0).with(AugmentationSpec.Setting.SHEAR, 0).with(AugmentationSpec.Setting.SHIFT, 0);
        SplitMix random = new SplitMix(1);
        AffineMap m = new AffineMap();
        double largest = 0;
        for (int k = 0; k < 2000; k++) {
            m.draw(spec, random, SIDE);
            double degrees = Math.toDegrees(Math.atan2(m.a21, m.a22));
            assertThat(Math.abs(degrees)).isLessThanOrEqualTo(30.0001);
            largest = Math.max(largest, Math.abs(degrees));
        }
        assertThat(largest).isGreaterThan(29);  // the range is used, not just respected
    }

    private static boolean inkWithin(float[] x, int from, int margin) {
        for (int y = 0; y < SIDE; y++) {
            for (int c = 0; c < SIDE; c++) {
                boolean edge = y < margin || c < margin || y >= SIDE - margin || c >= SIDE - margin;
                if (edge && x[from + y * SIDE + c] != 0) return false;
            }
        }
        return true;
    }

    private static double[] centreOfMass(float[] x, int from) {
        double m = 0, mx = 0, my = 0;
        for (int y = 0; y < SIDE; y++) {
            for (int c = 0; c < SIDE; c++) {
                double v = x[from + y * SIDE + c];
                m += v;
                mx += v * c;
                my += v * y;
            }
        }
        return new double[] {mx / m, my / m};
    }

    private static double sum(float[] x, int from) {
        double s = 0;
        for (int k = 0; k < N; k++) s += x[from + k];
        return s;
    }
}
