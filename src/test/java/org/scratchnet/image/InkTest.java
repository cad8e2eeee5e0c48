package org.scratchnet.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Polarity and background removal on small synthetic pages. */
class InkTest {

    @Test
    void lightInkOnBlackIsKeptAsIs() {
        Plane page = page(0f, 1f, 0, 0);
        Plane ink = Ink.extract(page);
        assertThat(ink.get(20, 20)).isEqualTo(1f);
        assertThat(ink.get(2, 2)).isZero();
    }

    @Test
    void darkInkOnWhiteIsInverted() {
        Plane ink = Ink.extract(page(1f, 0f, 0, 0));
        assertThat(ink.get(20, 20)).isEqualTo(1f);
        assertThat(ink.get(2, 2)).isZero();
    }

    @Test
    void vignettedPaperDoesNotFlipThePolarity() {
        // Paper 0.9 in the middle falling to 0.6 in the corners, pencil at 0.3: the middle is
        // brighter than the border, yet the ink is still the dark part. (Its contrast shrinks: the
        // border's spread of brightness counts as noise and raises the background level.)
        Plane ink = Ink.extract(page(0.9f, 0.3f, 0.3f, 0));
        assertThat(ink.get(20, 20)).isEqualTo(ink.max()).isGreaterThan(0.2f);
        assertThat(ink.get(20, 2)).isZero();
    }

    @Test
    void noisyPaperBecomesExactlyZero() {
        Plane ink = Ink.extract(page(0.8f, 0.2f, 0, 0.03f));
        int zeros = 0;
        int paper = 0;
        for (int y = 0; y < ink.height(); y++) {
            for (int x = 0; x < ink.width(); x++) {
                if (Math.abs(x - 20) > 3 || Math.abs(y - 20) > 10) {
                    paper++;
                    if (ink.get(x, y) == 0f) zeros++;
                }
            }
        }
        assertThat((double) zeros / paper).isGreaterThan(0.99);
        assertThat(ink.get(20, 20)).isGreaterThan(0.4f);
    }

    /**
     * A 41x41 page of brightness {@code paper} (minus {@code vignette} times the squared distance
     * from the middle, 1 at the corners) with a 5x21 stroke of brightness {@code ink} in the
     * middle, plus Gaussian noise of standard deviation {@code noise}.
     */
    private static Plane page(float paper, float ink, float vignette, float noise) {
        SplittableRandom rnd = new SplittableRandom(3);
        Plane p = new Plane(41, 41);
        for (int y = 0; y < 41; y++) {
            for (int x = 0; x < 41; x++) {
                double r2 = ((x - 20) * (x - 20) + (y - 20) * (y - 20)) / 800.0;
                double v = Math.abs(x - 20) <= 2 && Math.abs(y - 20) <= 10 ? ink : paper - vignette * r2;
                double gauss = Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
                p.v()[y * 41 + x] = (float) Math.max(0, Math.min(1, v + noise * gauss));
            }
        }
        return p;
    }
}
