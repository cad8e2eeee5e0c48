package org.scratchnet.image;

import java.util.Arrays;

/**
 * From a luminance plane to an ink plane: how much each pixel stands out from the background, 0
 * for background and larger for ink, whatever the polarity of the original. This is where a
 * photographed page of dark pencil becomes the white-on-black of MNIST.
 *
 * <p>Background: the border. A digit is drawn somewhere inside its picture, so the outer ring of
 * pixels (about 2% of the shorter side, at least one pixel wide) is mostly background; its median
 * is the background level b, robust to strokes that touch the edge.
 *
 * <p>Polarity: the ink is whatever departs furthest from b. With lo and hi the 0.05% and 99.95%
 * points of the whole image, the digit is dark on light when {@code b - lo > hi - b}, and the
 * image is then inverted. Comparing extremes (rather than the mean against the border) keeps a
 * vignetted photo, whose paper is brighter in the middle than at the edge, from flipping: the
 * paper's drift is small next to the ink's contrast.
 *
 * <p>A sheet of paper lying on a table ({@link Sheet}): the border is then the table, and the
 * sheet would be taken as the ink; when one is found, the table is painted over at the paper's
 * level and the paper's own median and noise take the place of the border's.
 *
 * <p>Faint background: after inversion the ink is {@code max(0, v - (b + 3 sigma))}, sigma the
 * border's noise (1.4826 x its median absolute deviation), so paper texture and JPEG noise go to
 * exactly 0 instead of becoming grey fog that would widen the digit's bounding box.
 */
final class Ink {

    /** Below this contrast against the background (on the 0..1 scale) nothing counts as a digit. */
    static final float MIN_CONTRAST = 0.08f;

    private static final double BORDER_FRACTION = 0.02;
    private static final double EXTREME_FRACTION = 0.0005;
    private static final int HISTOGRAM_BINS = 1024;
    /** MAD to standard deviation for Gaussian noise. */
    private static final float MAD_TO_SIGMA = 1.4826f;
    private static final float NOISE_SIGMAS = 3f;

    private Ink() {}

    static Plane extract(Plane lum) {
        return extract(lum, Polarity.AUTO);
    }

    /** The ink of {@code lum}; {@code polarity} says which way round it is, or AUTO to decide here. */
    static Plane extract(Plane lum, Polarity polarity) {
        Sheet sheet = Sheet.find(lum);
        Plane page = sheet == null ? lum : sheet.isolate(lum);
        float b;
        float sigma;
        if (sheet == null) {
            float[] border = border(lum);
            b = RobustStats.median(border);
            sigma = MAD_TO_SIGMA * RobustStats.mad(border, b);
        } else {
            b = sheet.level;
            sigma = sheet.sigma;
        }
        boolean darkOnLight = switch (polarity) {
            case DARK_ON_LIGHT -> true;
            case LIGHT_ON_DARK -> false;
            case AUTO -> b - quantile(page.v(), EXTREME_FRACTION) > quantile(page.v(), 1 - EXTREME_FRACTION) - b;
        };

        float[] v = page.v().clone();
        if (darkOnLight) {
            for (int k = 0; k < v.length; k++) v[k] = 1f - v[k];
            b = 1f - b;
        }
        float level = b + NOISE_SIGMAS * sigma;
        for (int k = 0; k < v.length; k++) v[k] = Math.max(0f, v[k] - level);
        return new Plane(lum.width(), lum.height(), v);
    }

    /**
     * How much the background varies (a standard deviation on the 0..1 scale, from the border's
     * median absolute deviation): small for paper, even a noisy photo of it; large for noise or a
     * pattern, where nothing can stand out from the background.
     */
    static float backgroundSpread(Plane lum) {
        float[] border = border(lum);
        return MAD_TO_SIGMA * RobustStats.mad(border, RobustStats.median(border));
    }

    /** The pixels of the outer ring, each once. */
    private static float[] border(Plane p) {
        int w = p.width();
        int h = p.height();
        int ring = (int) Math.max(1, Math.round(BORDER_FRACTION * Math.min(w, h)));
        float[] out = new float[w * h];
        int n = 0;
        for (int y = 0; y < h; y++) {
            boolean edgeRow = y < ring || y >= h - ring;
            for (int x = 0; x < w; x++) {
                if (edgeRow || x < ring || x >= w - ring) out[n++] = p.get(x, y);
            }
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * The value below which a fraction q of the pixels lie, to within one histogram bin (1/1024):
     * a histogram instead of a sort, because photos can have tens of millions of pixels.
     */
    private static float quantile(float[] values, double q) {
        int[] hist = new int[HISTOGRAM_BINS];
        for (float v : values) hist[Math.min(HISTOGRAM_BINS - 1, (int) (v * HISTOGRAM_BINS))]++;
        long rank = (long) Math.floor(q * (values.length - 1));
        long seen = 0;
        for (int bin = 0; bin < HISTOGRAM_BINS; bin++) {
            seen += hist[bin];
            if (seen > rank) return (bin + 0.5f) / HISTOGRAM_BINS;
        }
        return 1f;
    }
}
