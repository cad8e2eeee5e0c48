package org.scratchnet.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.UserException;

/**
 * The output contract on awkward inputs (a dot, a long bar, a digit cropped to its edges, 1-bit
 * and 16-bit images, random noise): always 784 values in [0,1] with maximum 1, the digit boxed to
 * 20 pixels and centred.
 */
class MnistImageOutputTest {

    @TempDir
    Path dir;

    @Test
    void singleDotLandsInTheMiddle() {
        BufferedImage img = new BufferedImage(9, 9, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSample(2, 6, 0, 255);
        float[] out = MnistImage.fromImage(img);
        MnistImageRealDigitsTest.assertValidInput(out);
        assertThat(out[14 * 28 + 14]).isEqualTo(1f);
    }

    @Test
    void longBarBecomesTwentyPixelsWideAndKeepsItsAspect() {
        // 200 x 10 bar -> 20 x 1.
        BufferedImage img = new BufferedImage(300, 40, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 15; y < 25; y++) {
            for (int x = 50; x < 250; x++) img.getRaster().setSample(x, y, 0, 255);
        }
        float[] out = MnistImage.fromImage(img);
        MnistImageRealDigitsTest.assertValidInput(out);
        int lit = 0;
        for (int k = 0; k < 784; k++) {
            if (out[k] > 0) {
                lit++;
                assertThat(k / 28).as("row of lit pixel %d", k).isEqualTo(14);
            }
        }
        assertThat(lit).isEqualTo(20);
        assertThat(Renderings.centreOfMass(out)[0]).isBetween(13.5, 14.5);
    }

    @Test
    void digitCroppedToItsEdges_stillMatches() {
        // Dark on light, scaled 6x, cut so the strokes touch all four sides of the picture.
        float[] d = MnistDigits.digit(3);
        int[] box = box(d);
        int w = (box[2] - box[0] + 1) * 6;
        int h = (box[3] - box[1] + 1) * 6;
        float[][] ink = Renderings.canvas(d, w, h, 6, -box[0] * 6, -box[1] * 6);
        float[] out = MnistImage.load(Renderings.save(Renderings.gray(ink, true), "png", dir.resolve("tight.png")));
        MnistImageRealDigitsTest.assertValidInput(out);
        assertThat(Renderings.bestShiftCorrelation(d, out)).isGreaterThan(0.9);
    }

    @Test
    void oneBitImageWorks() {
        float[][] ink = Renderings.canvas(MnistDigits.digit(1), 112, 112, 4, 0, 0);
        BufferedImage img = new BufferedImage(112, 112, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < 112; y++) {
            for (int x = 0; x < 112; x++) img.setRGB(x, y, ink[y][x] > 0.5f ? 0x000000 : 0xffffff);
        }
        float[] out = MnistImage.load(Renderings.save(img, "png", dir.resolve("bits.png")));
        MnistImageRealDigitsTest.assertValidInput(out);
        assertThat(Renderings.bestShiftCorrelation(MnistDigits.digit(1), out)).isGreaterThan(0.85);
    }

    @Test
    void sixteenBitPngWorks() {
        float[][] ink = Renderings.canvas(MnistDigits.digit(2), 140, 140, 5, 0, 0);
        BufferedImage img = new BufferedImage(140, 140, BufferedImage.TYPE_USHORT_GRAY);
        for (int y = 0; y < 140; y++) {
            for (int x = 0; x < 140; x++) img.getRaster().setSample(x, y, 0, Math.round(ink[y][x] * 65535));
        }
        float[] out = MnistImage.load(Renderings.save(img, "png", dir.resolve("deep.png")));
        MnistImageRealDigitsTest.assertValidInput(out);
        assertThat(Renderings.bestShiftCorrelation(MnistDigits.digit(2), out)).isGreaterThan(0.9);
    }

    @Test
    void randomNoiseGivesAValidInputOrSaysNothingStandsOut() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int trial = 0; trial < 5; trial++) {
            BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 48; y++) {
                for (int x = 0; x < 64; x++) img.setRGB(x, y, rnd.nextInt(1 << 24));
            }
            try {
                MnistImageRealDigitsTest.assertValidInput(MnistImage.fromImage(img));
            } catch (UserException noDigit) {
                assertThat(noDigit).hasMessageContaining("nothing stands out from its background");
            }
        }
    }

    @Test
    void toImageRoundsToBytes() {
        float[] p = new float[784];
        p[0] = 1f;
        p[1] = 0.5f;
        p[783] = 0.2f;
        BufferedImage img = MnistImage.toImage(p);
        assertThat(img.getWidth()).isEqualTo(28);
        assertThat(img.getHeight()).isEqualTo(28);
        assertThat(img.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        assertThat(img.getRaster().getSample(0, 0, 0)).isEqualTo(255);
        assertThat(img.getRaster().getSample(1, 0, 0)).isEqualTo(128);
        assertThat(img.getRaster().getSample(27, 27, 0)).isEqualTo(51);
        assertThat(img.getRaster().getSample(5, 5, 0)).isZero();
    }

    /** {x0, y0, x1, y1} of the nonzero pixels of a 28x28 digit. */
    private static int[] box(float[] d) {
        int[] b = {28, 28, -1, -1};
        for (int k = 0; k < 784; k++) {
            if (d[k] > 0) {
                b[0] = Math.min(b[0], k % 28);
                b[1] = Math.min(b[1], k / 28);
                b[2] = Math.max(b[2], k % 28);
                b[3] = Math.max(b[3], k / 28);
            }
        }
        return b;
    }
}
