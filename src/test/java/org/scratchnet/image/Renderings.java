package org.scratchnet.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * Test helpers that turn a 28x28 digit into the kinds of pictures a user would feed in (large,
 * off-centre, inverted, coloured, on noisy paper, transparent) and measure how close a conversion
 * came back. The enlargement is the tests' own bilinear interpolation, independent of the
 * production resampler.
 */
final class Renderings {

    private Renderings() {}

    /**
     * Ink coverage (0 none .. 1 full) of a width x height canvas holding the digit enlarged by
     * {@code scale}, its top-left corner at (left, top).
     */
    static float[][] canvas(float[] digit, int width, int height, double scale, int left, int top) {
        float[][] ink = new float[height][width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                // Pixel centre in digit coordinates, digit pixel k centred at k.
                double u = (x - left + 0.5) / scale - 0.5;
                double v = (y - top + 0.5) / scale - 0.5;
                ink[y][x] = bilinear(digit, u, v);
            }
        }
        return ink;
    }

    private static float bilinear(float[] d, double u, double v) {
        if (u < -1 || v < -1 || u > 28 || v > 28) return 0f;
        int x0 = (int) Math.floor(u);
        int y0 = (int) Math.floor(v);
        double tx = u - x0;
        double ty = v - y0;
        return (float) ((1 - tx) * (1 - ty) * at(d, x0, y0) + tx * (1 - ty) * at(d, x0 + 1, y0)
                + (1 - tx) * ty * at(d, x0, y0 + 1) + tx * ty * at(d, x0 + 1, y0 + 1));
    }

    private static float at(float[] d, int x, int y) {
        return x < 0 || y < 0 || x >= 28 || y >= 28 ? 0f : d[y * 28 + x];
    }

    /** 8-bit gray; light ink on black, or dark ink on white when {@code darkOnLight}. */
    static BufferedImage gray(float[][] ink, boolean darkOnLight) {
        int h = ink.length;
        int w = ink[0].length;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float v = darkOnLight ? 1 - ink[y][x] : ink[y][x];
                img.getRaster().setSample(x, y, 0, Math.round(v * 255));
            }
        }
        return img;
    }

    /** RGB: ink of colour {@code inkRgb} blended over paper of colour {@code paperRgb}. */
    static BufferedImage colour(float[][] ink, int inkRgb, int paperRgb) {
        int h = ink.length;
        int w = ink[0].length;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) img.setRGB(x, y, blend(paperRgb, inkRgb, ink[y][x]));
        }
        return img;
    }

    /** Black strokes whose opacity is the ink, on a fully transparent background. */
    static BufferedImage transparent(float[][] ink, int inkRgb) {
        int h = ink.length;
        int w = ink[0].length;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int a = Math.round(ink[y][x] * 255);
                img.setRGB(x, y, (a << 24) | (inkRgb & 0xffffff));
            }
        }
        return img;
    }

    /**
     * A "photo" of pencil on paper: grey paper (0.75) lit unevenly (brighter in the middle, +-0.08),
     * Gaussian noise (sigma 0.03), ink that darkens the paper by 75%.
     */
    static BufferedImage photo(float[][] ink, long seed) {
        int h = ink.length;
        int w = ink[0].length;
        SplittableRandom rnd = new SplittableRandom(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = (x - w / 2.0) / (w / 2.0);
                double dy = (y - h / 2.0) / (h / 2.0);
                double paper = 0.75 + 0.08 * (1 - (dx * dx + dy * dy));
                double gauss = Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
                double v = paper * (1 - 0.75 * ink[y][x]) + 0.03 * gauss;
                int g = (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
                img.setRGB(x, y, (g << 16) | (g << 8) | g);
            }
        }
        return img;
    }

    /**
     * A "photo" of a digit drawn on a white sheet of paper (0.92) lying on a dark table (0.15): the
     * sheet covers the rectangle {@code sheetLeft, sheetTop, sheetWidth x sheetHeight} turned by
     * {@code degrees} about its centre, the ink (from {@link #canvas}, which places the digit)
     * darkens the paper by 85%, and everything gets Gaussian noise (sigma 0.03).
     */
    static BufferedImage sheetOnTable(float[][] ink, int sheetLeft, int sheetTop, int sheetWidth, int sheetHeight,
                                      double degrees, long seed) {
        int h = ink.length;
        int w = ink[0].length;
        SplittableRandom rnd = new SplittableRandom(seed);
        double cx = sheetLeft + sheetWidth / 2.0;
        double cy = sheetTop + sheetHeight / 2.0;
        double cos = Math.cos(Math.toRadians(degrees));
        double sin = Math.sin(Math.toRadians(degrees));
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = x + 0.5 - cx;
                double dy = y + 0.5 - cy;
                double u = dx * cos + dy * sin;
                double v = -dx * sin + dy * cos;
                boolean onSheet = Math.abs(u) <= sheetWidth / 2.0 && Math.abs(v) <= sheetHeight / 2.0;
                double gauss = Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
                double value = (onSheet ? 0.92 * (1 - 0.85 * ink[y][x]) : 0.15) + 0.03 * gauss;
                int g = (int) Math.round(Math.max(0, Math.min(1, value)) * 255);
                img.setRGB(x, y, (g << 16) | (g << 8) | g);
            }
        }
        return img;
    }

    private static int blend(int from, int to, float t) {
        int r = Math.round(((from >> 16) & 0xff) * (1 - t) + ((to >> 16) & 0xff) * t);
        int g = Math.round(((from >> 8) & 0xff) * (1 - t) + ((to >> 8) & 0xff) * t);
        int b = Math.round((from & 0xff) * (1 - t) + (to & 0xff) * t);
        return (r << 16) | (g << 8) | b;
    }

    static Path save(BufferedImage img, String format, Path file) {
        try {
            if (!ImageIO.write(img, format, file.toFile())) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Pearson correlation of two equally long vectors. */
    static double correlation(float[] a, float[] b) {
        double ma = 0;
        double mb = 0;
        for (int k = 0; k < a.length; k++) {
            ma += a[k];
            mb += b[k];
        }
        ma /= a.length;
        mb /= b.length;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int k = 0; k < a.length; k++) {
            sab += (a[k] - ma) * (b[k] - mb);
            saa += (a[k] - ma) * (a[k] - ma);
            sbb += (b[k] - mb) * (b[k] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    /** The highest correlation of {@code out}, moved by -1, 0 or +1 pixel in x and y, with {@code original}. */
    static double bestShiftCorrelation(float[] original, float[] out) {
        double best = -1;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) best = Math.max(best, correlation(original, shift(out, dx, dy)));
        }
        return best;
    }

    /** A 28x28 image moved by (dx, dy) pixels, zeros shifted in. */
    static float[] shift(float[] p, int dx, int dy) {
        float[] out = new float[784];
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                int sx = x - dx;
                int sy = y - dy;
                if (sx >= 0 && sy >= 0 && sx < 28 && sy < 28) out[y * 28 + x] = p[sy * 28 + sx];
            }
        }
        return out;
    }

    /** Centre of mass {x, y} of a 28x28 image, pixel (x, y) at index coordinates. */
    static double[] centreOfMass(float[] p) {
        double m = 0;
        double x = 0;
        double y = 0;
        for (int k = 0; k < p.length; k++) {
            m += p[k];
            x += p[k] * (k % 28);
            y += p[k] * (k / 28);
        }
        return new double[] {x / m, y / m};
    }
}
