package org.scratchnet.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real MNIST test digits, drawn the way a user might hand them in (large, off-centre, inverted,
 * coloured, JPEG, transparent, photographed), saved to files and loaded back: the conversion must
 * give back (nearly) the original 28x28 digit. The original itself is the oracle, because MNIST
 * was made by the same procedure: box to 20 px, centre of mass to the middle.
 *
 * <p>Closeness is the Pearson correlation with the original, allowing the output to sit one pixel
 * off in x and/or y. That allowance is not slack in the conversion: MNIST moved each digit by a
 * whole number of pixels, round(14 - centre of mass), and its digits' centres lie anywhere in
 * [13.5, 14.5). A redrawn digit whose centre comes out a tenth of a pixel different crosses that
 * rounding edge for about one digit in ten and lands a full pixel away, which a thin stroke's
 * correlation punishes hard. The correlation without any shift is held to a mean instead.
 *
 * <p>Each variant prints its minimum and mean correlations so regressions show as numbers.
 */
class MnistImageRealDigitsTest {

    /** The first 20 test digits: two of each class, all kinds of widths and slants. */
    private static final int DIGITS = 20;
    private static final double MIN_CORRELATION = 0.85;
    private static final double MIN_MEAN_UNSHIFTED_CORRELATION = 0.90;

    @TempDir
    Path dir;

    @Test
    void grayLightOnDark140x140_givesBackTheDigit() {
        check("gray 140x140 light-on-dark PNG", (d, i) -> Renderings.save(
                Renderings.gray(Renderings.canvas(d, 140, 140, 5, 0, 0), false), "png", file(i, "png")));
    }

    @Test
    void grayDarkOnLight300x200OffCentre_givesBackTheDigit() {
        check("gray 300x200 dark-on-light PNG", (d, i) -> Renderings.save(
                Renderings.gray(Renderings.canvas(d, 300, 200, 6, 100, 10), true), "png", file(i, "png")));
    }

    @Test
    void blueInkOnYellowPaper_givesBackTheDigit() {
        check("RGB blue on yellow PNG", (d, i) -> Renderings.save(
                Renderings.colour(Renderings.canvas(d, 200, 260, 8, -12, 18), 0x1030a0, 0xf0e080),
                "png", file(i, "png")));
    }

    @Test
    void yellowChalkOnDarkBoard_givesBackTheDigit() {
        check("RGB yellow on dark green PNG", (d, i) -> Renderings.save(
                Renderings.colour(Renderings.canvas(d, 240, 240, 7, 20, 10), 0xf8f0a0, 0x204030),
                "png", file(i, "png")));
    }

    @Test
    void grayJpeg_givesBackTheDigit() {
        check("gray 300x200 dark-on-light JPEG", (d, i) -> Renderings.save(
                Renderings.gray(Renderings.canvas(d, 300, 200, 6, 40, 20), true), "jpg", file(i, "jpg")));
    }

    @Test
    void colourJpeg_givesBackTheDigit() {
        check("RGB blue on yellow JPEG", (d, i) -> Renderings.save(
                Renderings.colour(Renderings.canvas(d, 200, 260, 8, -12, 18), 0x1030a0, 0xf0e080),
                "jpg", file(i, "jpg")));
    }

    @Test
    void transparentPngWithBlackStrokes_givesBackTheDigit() {
        check("transparent PNG, black strokes", (d, i) -> Renderings.save(
                Renderings.transparent(Renderings.canvas(d, 180, 180, 6, 6, 6), 0x000000),
                "png", file(i, "png")));
    }

    @Test
    void transparentPngWithWhiteStrokes_givesBackTheDigit() {
        check("transparent PNG, white strokes", (d, i) -> Renderings.save(
                Renderings.transparent(Renderings.canvas(d, 180, 180, 6, 6, 6), 0xffffff),
                "png", file(i, "png")));
    }

    @Test
    void noisyUnevenlyLitPaperPhoto_givesBackTheDigit() {
        check("photo of grey paper, noise, JPEG", (d, i) -> Renderings.save(
                Renderings.photo(Renderings.canvas(d, 320, 240, 7, 60, 20), i), "jpg", file(i, "jpg")));
    }

    @Test
    void digitSmallerThanTheBox_isEnlarged() {
        check("small 30x30 (enlarged)", (d, i) -> Renderings.save(
                Renderings.gray(Renderings.canvas(d, 30, 30, 0.9, 2, 2), true), "png", file(i, "png")));
    }

    @Test
    void lightOnDarkAndDarkOnLight_giveNearlyTheSameOutput() {
        for (int i = 0; i < DIGITS; i++) {
            float[][] ink = Renderings.canvas(MnistDigits.digit(i), 210, 210, 7, 8, 4);
            float[] light = MnistImage.fromImage(Renderings.gray(ink, false));
            float[] dark = MnistImage.fromImage(Renderings.gray(ink, true));
            double maxDiff = 0;
            for (int k = 0; k < light.length; k++) maxDiff = Math.max(maxDiff, Math.abs(light[k] - dark[k]));
            assertThat(maxDiff).as("digit %d: largest pixel difference between polarities", i)
                    .isLessThan(0.02);
        }
    }

    @Test
    void anMnistDigitAsIs_comesBackUnchanged() {
        // 28x28 in, nothing to rescale beyond what MNIST already did: near-identity.
        for (int i = 0; i < DIGITS; i++) {
            float[] d = MnistDigits.digit(i);
            float[] out = MnistImage.fromImage(MnistImage.toImage(d));
            assertThat(Renderings.bestShiftCorrelation(d, out)).as("digit %d", i).isGreaterThan(0.97);
        }
    }

    private Path file(int i, String ext) {
        return dir.resolve("digit" + i + "." + ext);
    }

    /** Renders, saves and loads each digit; asserts closeness, centring and the output's range. */
    private void check(String variant, BiFunction<float[], Integer, Path> render) {
        double min = 1;
        double sum = 0;
        double sumUnshifted = 0;
        for (int i = 0; i < DIGITS; i++) {
            float[] original = MnistDigits.digit(i);
            float[] out = MnistImage.load(render.apply(original, i));
            assertValidInput(out);
            double r = Renderings.bestShiftCorrelation(original, out);
            double[] c = Renderings.centreOfMass(out);
            assertThat(r).as("%s, digit %d: correlation with the original (up to a 1-px shift)", variant, i)
                    .isGreaterThan(MIN_CORRELATION);
            assertThat(Math.hypot(c[0] - 14, c[1] - 14))
                    .as("%s, digit %d: centre of mass (%.2f, %.2f) distance from (14,14)", variant, i, c[0], c[1])
                    .isLessThan(1.0);
            min = Math.min(min, r);
            sum += r;
            sumUnshifted += Renderings.correlation(original, out);
        }
        System.out.printf("MnistImage %-34s correlation min %.3f mean %.3f (unshifted mean %.3f)%n",
                variant, min, sum / DIGITS, sumUnshifted / DIGITS);
        assertThat(sumUnshifted / DIGITS).as("%s: mean correlation without shifting", variant)
                .isGreaterThan(MIN_MEAN_UNSHIFTED_CORRELATION);
    }

    static void assertValidInput(float[] out) {
        assertThat(out).hasSize(784);
        float max = 0;
        for (float p : out) {
            assertThat(p).isBetween(0f, 1f);
            max = Math.max(max, p);
        }
        assertThat(max).isCloseTo(1f, within(1e-6f));
    }

}
