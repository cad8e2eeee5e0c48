package org.scratchnet.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A digit written on a white sheet of paper, photographed lying on a dark table: the sheet, not
 * the table, is the background, so the conversion must give back the digit (and not the sheet as
 * a big "0"). Real MNIST test digits are drawn dark on the sheet, the sheet straight or turned,
 * small or large in the picture, saved as JPEG, and compared with the original the way
 * {@link MnistImageRealDigitsTest} does.
 */
class MnistImageSheetTest {

    private static final int DIGITS = 20;
    private static final double MIN_CORRELATION = 0.85;

    @TempDir
    Path dir;

    @Test
    void straightSheetInTheMiddle_givesBackTheDigit() {
        // A 400x300 photo; the sheet 220x200, the digit's 28x28 field drawn 6x (168 px) on it.
        check("straight sheet", i -> Renderings.sheetOnTable(
                Renderings.canvas(MnistDigits.digit(i), 400, 300, 6, 116, 66), 90, 50, 220, 200, 0, i));
    }

    @Test
    void turnedSheetOffCentre_givesBackTheDigit() {
        check("sheet turned 12 degrees", i -> Renderings.sheetOnTable(
                Renderings.canvas(MnistDigits.digit(i), 360, 360, 5, 150, 110), 120, 80, 200, 230, 12, i));
    }

    @Test
    void smallSheetOnALargeTable_givesBackTheDigit() {
        // The table is most of the picture: the largest uniform region is the table, not the paper.
        check("small sheet", i -> Renderings.sheetOnTable(
                Renderings.canvas(MnistDigits.digit(i), 480, 360, 4, 200, 150), 180, 130, 140, 130, -5, i));
    }

    @Test
    void theSheetIsFoundAndTheTableIgnored() {
        float[][] ink = Renderings.canvas(MnistDigits.digit(0), 400, 300, 6, 116, 66);
        Plane lum = Luminance.of(Renderings.sheetOnTable(ink, 90, 50, 220, 200, 0, 1));
        Sheet sheet = Sheet.find(lum);
        assertThat(sheet).isNotNull();
        assertThat(sheet.level).isBetween(0.88f, 0.96f);
        assertThat(sheet.sigma).isBetween(0.01f, 0.06f);
        Plane page = sheet.isolate(lum);
        assertThat(page.get(5, 5)).as("a table corner becomes paper").isEqualTo(sheet.level);
        assertThat(page.get(200, 150)).as("the sheet is kept").isEqualTo(lum.get(200, 150));
    }

    @Test
    void aLightRingOnDarkIsAStrokeNotASheet() {
        // A thick white "0" on black has the same topology as a sheet with ink: region, hole, table.
        Plane ring = new Plane(120, 120);
        for (int y = 0; y < 120; y++) {
            for (int x = 0; x < 120; x++) {
                double r = Math.hypot((x - 60) / 35.0, (y - 60) / 50.0);
                ring.v()[y * 120 + x] = r <= 1 && r >= 0.55 ? 0.95f : 0.05f;
            }
        }
        assertThat(Sheet.find(ring)).isNull();
        float[] out = MnistImage.fromImage(MnistImage.toImage(downsample(ring)));
        assertThat(out[14 * 28 + 14]).as("the ring's middle stays empty").isZero();
    }

    @Test
    void forcedPolarityOverridesTheGuess() {
        // White strokes on black, declared as dark on light: nothing dark stands out, so it is blank.
        BufferedImage light = Renderings.gray(Renderings.canvas(MnistDigits.digit(1), 140, 140, 5, 0, 0), false);
        float[] auto = MnistImage.fromImage(light, Polarity.AUTO);
        float[] declared = MnistImage.fromImage(light, Polarity.LIGHT_ON_DARK);
        assertThat(declared).containsExactly(auto);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MnistImage.fromImage(light, Polarity.DARK_ON_LIGHT))
                .hasMessageContaining("no digit");
    }

    private static float[] downsample(Plane p) {
        return Resample.resize(p, 28, 28).v();
    }

    private void check(String variant, java.util.function.IntFunction<BufferedImage> render) {
        double min = 1;
        double sum = 0;
        for (int i = 0; i < DIGITS; i++) {
            Path file = Renderings.save(render.apply(i), "jpg", dir.resolve("sheet" + i + ".jpg"));
            float[] out = MnistImage.load(file);
            MnistImageRealDigitsTest.assertValidInput(out);
            double r = Renderings.bestShiftCorrelation(MnistDigits.digit(i), out);
            assertThat(r).as("%s, digit %d: correlation with the original (up to a 1-px shift)", variant, i)
                    .isGreaterThan(MIN_CORRELATION);
            min = Math.min(min, r);
            sum += r;
        }
        System.out.printf("MnistImage %-34s correlation min %.3f mean %.3f%n", variant, min, sum / DIGITS);
    }
}
