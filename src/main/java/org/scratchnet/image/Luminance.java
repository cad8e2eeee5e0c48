package org.scratchnet.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;

/**
 * Turns any decoded image (grayscale, colour, palette, with or without alpha, 8 or 16 bits) into
 * one luminance plane in [0,1], 0 black and 1 white. Nothing else: polarity and background are
 * decided later by {@link Ink}.
 *
 * <p>Colour pixels use the Rec. 601 weights {@code Y = 0.299 R + 0.587 G + 0.114 B} on the sRGB
 * values, the usual "how bright does it look" for digit images. Grayscale images are read from
 * the raster directly: {@link BufferedImage#getRGB} would push gray values through a colour-space
 * conversion that changes them, and an image that is already luminance should pass unchanged.
 *
 * <p>Transparency: a transparent pixel has no brightness of its own, so it is composited onto a
 * background. Which background depends on the ink: a transparent PNG of black strokes (the usual
 * export of a drawing app) must go onto white, or the strokes would vanish into a black
 * background; white strokes on transparency must go onto black for the same reason. The ink's
 * colour is taken as the alpha-weighted mean luminance of the visible pixels.
 */
final class Luminance {

    private static final float R = 0.299f;
    private static final float G = 0.587f;
    private static final float B = 0.114f;

    private Luminance() {}

    static Plane of(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        float[] y = new float[w * h];
        // Only images that can be see-through need an alpha plane; photos can be large.
        float[] alpha = img.getColorModel().hasAlpha() ? new float[w * h] : null;
        boolean translucent;
        ColorModel cm = img.getColorModel();
        if (cm instanceof ComponentColorModel && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            translucent = readGray(img, y, alpha);
        } else {
            translucent = readRgb(img, y, alpha);
        }
        if (translucent) composite(y, alpha);
        return new Plane(w, h, y);
    }

    /** Gray (+ optional alpha) straight from the raster; returns whether any pixel is see-through. */
    private static boolean readGray(BufferedImage img, float[] y, float[] alpha) {
        Raster r = img.getRaster();
        ColorModel cm = img.getColorModel();
        int w = img.getWidth();
        int h = img.getHeight();
        boolean hasAlpha = cm.hasAlpha() && r.getNumBands() > 1;
        // Integer samples span 0..2^bits-1; float and double rasters are already 0..1.
        int type = r.getTransferType();
        boolean real = type == DataBuffer.TYPE_FLOAT || type == DataBuffer.TYPE_DOUBLE;
        float yMax = real ? 1f : (float) ((1L << cm.getComponentSize(0)) - 1);
        float aMax = !hasAlpha || real ? 1f : (float) ((1L << cm.getComponentSize(1)) - 1);
        boolean translucent = false;
        float[] row = new float[w];
        for (int j = 0; j < h; j++) {
            r.getSamples(0, j, w, 1, 0, row);
            for (int i = 0; i < w; i++) y[j * w + i] = clamp01(row[i] / yMax);
            if (hasAlpha) {
                r.getSamples(0, j, w, 1, 1, row);
                for (int i = 0; i < w; i++) {
                    float a = clamp01(row[i] / aMax);
                    alpha[j * w + i] = a;
                    translucent |= a < 1f;
                }
            }
        }
        return translucent;
    }

    /** Everything else through sRGB ARGB; returns whether any pixel is see-through. */
    private static boolean readRgb(BufferedImage img, float[] y, float[] alpha) {
        int w = img.getWidth();
        int h = img.getHeight();
        boolean hasAlpha = img.getColorModel().hasAlpha();
        boolean translucent = false;
        int[] row = new int[w];
        for (int j = 0; j < h; j++) {
            img.getRGB(0, j, w, 1, row, 0, w);
            for (int i = 0; i < w; i++) {
                int p = row[i];
                float lum = (R * ((p >> 16) & 0xff) + G * ((p >> 8) & 0xff) + B * (p & 0xff)) / 255f;
                y[j * w + i] = clamp01(lum);
                if (hasAlpha) {
                    float a = ((p >>> 24) & 0xff) / 255f;
                    alpha[j * w + i] = a;
                    translucent |= a < 1f;
                }
            }
        }
        return translucent;
    }

    /** y := alpha*y + (1-alpha)*background, background the opposite of the ink's brightness. */
    private static void composite(float[] y, float[] alpha) {
        double weighted = 0;
        double total = 0;
        for (int k = 0; k < y.length; k++) {
            weighted += alpha[k] * y[k];
            total += alpha[k];
        }
        // Fully transparent: no ink at all; white keeps it uniform, and blank is detected later.
        float ink = total > 0 ? (float) (weighted / total) : 0f;
        float background = ink < 0.5f ? 1f : 0f;
        for (int k = 0; k < y.length; k++) {
            y[k] = alpha[k] * y[k] + (1f - alpha[k]) * background;
        }
    }

    private static float clamp01(float v) {
        return v < 0f ? 0f : (v > 1f ? 1f : v);
    }
}
