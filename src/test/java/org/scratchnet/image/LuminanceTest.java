package org.scratchnet.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Brightness from each kind of pixel, and transparency composited onto the right background. */
class LuminanceTest {

    @TempDir
    Path dir;

    @Test
    void colourUsesRec601Weights() {
        BufferedImage img = new BufferedImage(3, 1, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xff0000);
        img.setRGB(1, 0, 0x00ff00);
        img.setRGB(2, 0, 0x0000ff);
        assertThat(Luminance.of(img).v()).containsExactly(new float[] {0.299f, 0.587f, 0.114f}, within(1e-5f));
    }

    @Test
    void eightBitGrayIsReadUnchanged() {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSample(0, 0, 0, 100);
        img.getRaster().setSample(1, 0, 0, 255);
        assertThat(Luminance.of(img).v()).containsExactly(new float[] {100 / 255f, 1f}, within(1e-6f));
    }

    @Test
    void sixteenBitGrayIsScaledBy65535() {
        BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_USHORT_GRAY);
        img.getRaster().setSample(0, 0, 0, 30000);
        assertThat(Luminance.of(img).v()[0]).isCloseTo(30000 / 65535f, within(1e-6f));
    }

    @Test
    void blackStrokesOnTransparencyGoOntoWhite() {
        BufferedImage img = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, 0x00000000); // transparent (its RGB is black, as drawing apps save it)
        img.setRGB(1, 0, 0xff000000); // opaque black stroke
        img.setRGB(2, 0, 0x80000000); // half-covered stroke edge
        assertThat(Luminance.of(img).v()).containsExactly(new float[] {1f, 0f, 1 - 128 / 255f}, within(1e-6f));
    }

    @Test
    void whiteStrokesOnTransparencyGoOntoBlack() {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, 0x00ffffff);
        img.setRGB(1, 0, 0xffffffff);
        assertThat(Luminance.of(img).v()).containsExactly(new float[] {0f, 1f}, within(1e-6f));
    }

    @Test
    void grayWithAlphaPngReadsFromTheRaster() throws IOException {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster r = cm.createCompatibleWritableRaster(2, 1);
        r.setPixel(0, 0, new int[] {0, 0});   // transparent
        r.setPixel(1, 0, new int[] {0, 255}); // opaque black
        BufferedImage img = new BufferedImage(cm, r, false, null);
        Path png = Renderings.save(img, "png", dir.resolve("gray-alpha.png"));
        BufferedImage back = ImageIO.read(png.toFile());
        assertThat(Luminance.of(back).v()).containsExactly(new float[] {1f, 0f}, within(1e-6f));
    }
}
