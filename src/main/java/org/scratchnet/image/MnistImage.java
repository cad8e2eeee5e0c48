package org.scratchnet.image;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.nio.file.Path;
import java.util.Objects;
import org.scratchnet.UserException;

/**
 * Turns a picture of one handwritten digit (any size, grayscale or colour PNG/JPEG, either
 * polarity) into the 784 inputs a network trained on MNIST expects, by redoing what LeCun et al.
 * did to make MNIST:
 * <ol>
 *   <li>luminance in [0,1], transparency composited away ({@link Luminance});</li>
 *   <li>polarity made white-on-black (decided from the picture, or given as a {@link Polarity})
 *       and the background level subtracted ({@link Ink}); a sheet of paper lying on a table is
 *       found first, and the table counts as background ({@link Sheet});</li>
 *   <li>the bounding box of the ink cropped and scaled, aspect ratio kept, so its longer side is
 *       {@value #BOX} pixels, with area averaging for the anti-aliasing ({@link Resample});</li>
 *   <li>pasted into the {@value #SIDE}x{@value #SIDE} field so that its centre of mass lands on
 *       pixel ({@value #CENTRE}, {@value #CENTRE});</li>
 *   <li>scaled so that the brightest pixel is 1.</li>
 * </ol>
 * Output: row-major 28x28 floats in [0,1], white digit on black, like the IDX data scaled by 1/255.
 *
 * <p>Centre-of-mass convention, measured on the MNIST test set: with pixel (x, y) at index
 * coordinates x, y, every digit's centre of mass lies in [13.5, 14.5) on both axes, so MNIST
 * shifted by {@code round(14 - c)}; this class does the same.
 *
 * <p>Out of scope: finding a digit among other marks. Apart from a table around a sheet of paper,
 * the whole picture is taken as one digit, so a crop around it works best.
 */
public final class MnistImage {

    public static final int SIDE = 28;
    public static final int PIXELS = SIDE * SIDE;
    /** The longer side of the digit's bounding box after size normalisation. */
    static final int BOX = 20;
    static final int CENTRE = 14;
    /** A pixel belongs to the bounding box when its ink is above this fraction of the strongest. */
    static final float BOX_THRESHOLD = 0.1f;
    /** Share of the ink that may lie outside the bounding box as stray specks. */
    static final double STRAY_INK = 0.002;

    private MnistImage() {}

    /** Reads a PNG or JPEG file and converts it; user errors name the file. */
    public static float[] load(Path imageFile) {
        return load(imageFile, Polarity.AUTO);
    }

    /** As {@link #load(Path)}, with the digit's polarity given or {@link Polarity#AUTO}. */
    public static float[] load(Path imageFile, Polarity polarity) {
        return convert(read(imageFile), imageFile.toString(), polarity);
    }

    /**
     * Converts a PNG or JPEG held in memory (an upload), after checking its header as a file's is
     * checked, against {@code maxPixels}; user errors call it {@code name}.
     */
    public static float[] decode(byte[] encoded, String name, Polarity polarity, long maxPixels) {
        return convert(ImageFiles.decode(encoded, name, maxPixels), name, polarity);
    }

    /** Converts an in-memory image; a blank image is reported as "image". */
    public static float[] fromImage(BufferedImage img) {
        return fromImage(img, Polarity.AUTO);
    }

    /** As {@link #fromImage(BufferedImage)}, with the digit's polarity given or {@link Polarity#AUTO}. */
    public static float[] fromImage(BufferedImage img, Polarity polarity) {
        return convert(Objects.requireNonNull(img, "img"), "image", polarity);
    }

    /** 784 values in [0,1] as a 28x28 8-bit grayscale image (1 = white), for looking at inputs. */
    public static BufferedImage toImage(float[] pixels784) {
        if (pixels784.length != PIXELS) {
            throw new IllegalArgumentException("toImage needs " + PIXELS + " pixels (28x28), got "
                    + pixels784.length);
        }
        BufferedImage img = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = img.getRaster();
        for (int k = 0; k < PIXELS; k++) {
            float p = Math.max(0f, Math.min(1f, pixels784[k]));
            r.setSample(k % SIDE, k / SIDE, 0, Math.round(p * 255f));
        }
        return img;
    }

    private static BufferedImage read(Path file) {
        return ImageFiles.read(file);  // kind, header size and heap checked before decoding
    }

    private static float[] convert(BufferedImage img, String name, Polarity polarity) {
        Plane lum = Luminance.of(img);
        Plane ink = Ink.extract(lum, polarity);
        float strongest = ink.max();
        float spread = strongest < Ink.MIN_CONTRAST ? Ink.backgroundSpread(lum) : 0f;
        if (strongest < Ink.MIN_CONTRAST && spread > Ink.MIN_CONTRAST) {
            // Noise or a pattern (a checkerboard) is not blank: it is too varied for a digit to stand out.
            throw new UserException(name + " has no digit in it: nothing stands out from its background, which itself varies"
                    + " by about " + Math.round(spread * 255) + "/255 (noise or a pattern?); give a picture of a digit on a plain background");
        }
        if (strongest < Ink.MIN_CONTRAST) {
            String why = switch (polarity) {
                case AUTO -> "it is blank";
                case DARK_ON_LIGHT -> "nothing in it is darker than its background, and the digit was said to be dark on light";
                case LIGHT_ON_DARK -> "nothing in it is lighter than its background, and the digit was said to be light on dark";
            };
            throw new UserException(name + " has no digit in it (" + why + "): no pixel differs from"
                    + " the background by more than " + Math.round(Ink.MIN_CONTRAST * 255) + "/255");
        }
        Plane digit = crop(ink, strongest * BOX_THRESHOLD);
        int longer = Math.max(digit.width(), digit.height());
        int w = Math.max(1, Math.round((float) digit.width() * BOX / longer));
        int h = Math.max(1, Math.round((float) digit.height() * BOX / longer));
        float[] field = centre(Resample.resize(digit, w, h));
        normalise(field);
        return field;
    }

    /**
     * The digit's bounding box, cut out: the rectangle holding the pixels above {@code threshold},
     * less any margin rows or columns that together hold under {@value #STRAY_INK} of that ink.
     * The trim is for stray specks (sensor noise in a dim corner, a dust mark) that would
     * otherwise stretch the box and shrink the digit; on a clean image it removes at most a
     * fraction of a pixel of the digit's faint tips.
     */
    private static Plane crop(Plane p, float threshold) {
        double[] rows = new double[p.height()];
        double[] cols = new double[p.width()];
        double total = 0;
        for (int y = 0; y < p.height(); y++) {
            for (int x = 0; x < p.width(); x++) {
                float v = p.get(x, y);
                if (v > threshold) {
                    rows[y] += v;
                    cols[x] += v;
                    total += v;
                }
            }
        }
        double stray = STRAY_INK * total;
        int x0 = firstBeyond(cols, stray, 1);
        int x1 = firstBeyond(cols, stray, -1);
        int y0 = firstBeyond(rows, stray, 1);
        int y1 = firstBeyond(rows, stray, -1);
        Plane out = new Plane(x1 - x0 + 1, y1 - y0 + 1);
        for (int y = y0; y <= y1; y++) {
            System.arraycopy(p.v(), y * p.width() + x0, out.v(), (y - y0) * out.width(), out.width());
        }
        return out;
    }

    /**
     * Walking from one end of {@code mass} (step +1 from the start, -1 from the end), the index at
     * which the running sum first exceeds {@code stray}.
     */
    private static int firstBeyond(double[] mass, double stray, int step) {
        int i = step > 0 ? 0 : mass.length - 1;
        double sum = 0;
        while (true) {
            sum += mass[i];
            if (sum > stray && mass[i] > 0) return i;
            i += step;
        }
    }

    /**
     * Pastes the digit into the 28x28 field, shifted by whole pixels so its centre of mass is
     * nearest to (14, 14); the shift is clamped so the digit never falls off the field (a
     * 20-pixel box always fits, so clamping only bites for a very lopsided digit).
     */
    private static float[] centre(Plane d) {
        double mass = 0;
        double mx = 0;
        double my = 0;
        for (int y = 0; y < d.height(); y++) {
            for (int x = 0; x < d.width(); x++) {
                float m = d.get(x, y);
                mass += m;
                mx += m * x;
                my += m * y;
            }
        }
        double cx = mass > 0 ? mx / mass : (d.width() - 1) / 2.0;
        double cy = mass > 0 ? my / mass : (d.height() - 1) / 2.0;
        int ox = clamp((int) Math.round(CENTRE - cx), 0, SIDE - d.width());
        int oy = clamp((int) Math.round(CENTRE - cy), 0, SIDE - d.height());
        float[] field = new float[PIXELS];
        for (int y = 0; y < d.height(); y++) {
            System.arraycopy(d.v(), y * d.width(), field, (y + oy) * SIDE + ox, d.width());
        }
        return field;
    }

    private static void normalise(float[] field) {
        float max = 0;
        for (float p : field) max = Math.max(max, p);
        for (int k = 0; k < field.length; k++) field[k] = Math.min(1f, field[k] / max);
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
