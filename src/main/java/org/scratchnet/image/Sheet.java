package org.scratchnet.image;

import java.util.Arrays;

/**
 * A sheet of paper photographed lying on a table: finds the sheet, so that the table around it
 * is background too and the digit is the ink on the paper. Without this, a white sheet on a dark
 * table looks like a huge light blob on a dark background, and the sheet itself is taken as the
 * digit (a "0").
 *
 * <p>How, on a copy shrunk to at most {@value #WORK_SIDE} pixels a side (area-averaged, which also
 * quiets the noise):
 * <ol>
 *   <li>the table: the pixels connected to the picture's border whose brightness is within a
 *       tolerance of the border's median b (4 sigma of the border's noise, at least
 *       {@value #MIN_TOLERANCE});</li>
 *   <li>the paper level p: the median of everything else, which a sheet dominates; a sheet must
 *       stand out from the table by at least {@value #MIN_SHEET_CONTRAST} and by twice the
 *       tolerance;</li>
 *   <li>the paper: the largest 4-connected region of pixels nearer to p than to b; the sheet is
 *       that region with its holes filled, and the ink is what lies in those holes and is nearer
 *       to b (a digit on the sheet);</li>
 *   <li>a sheet, not a stroke: the same topology fits a light "0" on a dark background (the ring
 *       is the "paper", its hole the "ink"), so the filled region must also look like paper: a
 *       (perspective) rectangle, at least {@value #MIN_RECTANGULARITY} of its minimum-area
 *       bounding rectangle (an ellipse fills 0.785, a digit's outline far less), the paper at
 *       least as thick as the ink (thickness = 2 area / perimeter: a ring's hole is thicker than
 *       the ring), and ink present.</li>
 * </ol>
 * The sheet's outline is then eroded by about 1% of the picture (shadows and the soft edge of the
 * paper stay out), and {@link #isolate} paints everything off the sheet at the paper's level, so
 * the later steps see a plain page. The paper's level and noise are measured on the sheet itself.
 *
 * <p>Limits, measured on the 20 MNIST digits of the tests: a sheet running off one or two edges
 * of the picture, or turned by 30 degrees, is found every time; a digit whose strokes reach the
 * sheet's edge is not (its ink then joins the table instead of lying in a hole of the paper):
 * on a sheet only 15% larger than the digit, 4 of 20 were missed and taken whole as the digit,
 * as before this class existed.
 */
final class Sheet {

    /** Longer side of the working copy the regions are found on. */
    static final int WORK_SIDE = 256;
    static final float MIN_TOLERANCE = 0.1f;
    static final float MIN_SHEET_CONTRAST = 0.2f;
    static final double MIN_RECTANGULARITY = 0.85;
    /** Smallest sheet, as a share of the picture. */
    static final double MIN_AREA = 0.05;
    /** Smallest amount of ink on a sheet, as a share of the sheet. */
    static final double MIN_INK = 0.002;
    private static final float MAD_TO_SIGMA = 1.4826f;
    private static final int BINS = 1024;

    /** The paper's median brightness and its noise (standard deviation). */
    final float level;
    final float sigma;
    /** Working-copy mask of the eroded sheet, and the working copy's size. */
    private final boolean[] onSheet;
    private final int workWidth;
    private final int workHeight;

    private Sheet(float level, float sigma, boolean[] onSheet, int workWidth, int workHeight) {
        this.level = level;
        this.sigma = sigma;
        this.onSheet = onSheet;
        this.workWidth = workWidth;
        this.workHeight = workHeight;
    }

    /** The sheet in {@code lum}, or null when the picture is not a sheet lying on a darker or lighter table. */
    static Sheet find(Plane lum) {
        Plane s = shrink(lum);
        int w = s.width();
        int h = s.height();
        int n = w * h;
        float[] v = s.v();

        float[] border = border(s);
        float b = RobustStats.median(border);
        float tolerance = Math.max(MIN_TOLERANCE, 4 * MAD_TO_SIGMA * RobustStats.mad(border, b));
        boolean[] table = floodFromBorder(w, h, k -> Math.abs(v[k] - b) <= tolerance);

        int restCount = 0;
        float[] rest = new float[n];
        for (int k = 0; k < n; k++) if (!table[k]) rest[restCount++] = v[k];
        if (restCount < MIN_AREA * n) return null;
        float p = RobustStats.median(Arrays.copyOf(rest, restCount));
        float contrast = Math.abs(p - b);
        if (contrast < MIN_SHEET_CONTRAST || contrast < 2 * tolerance) return null;

        boolean[] paperLike = new boolean[n];
        for (int k = 0; k < n; k++) paperLike[k] = !table[k] && Math.abs(v[k] - p) < contrast / 2;
        boolean[] paper = largestComponent(paperLike, w, h);
        int paperArea = count(paper);
        if (paperArea < MIN_AREA * n) return null;

        boolean[] outside = floodFromBorder(w, h, k -> !paper[k]);
        boolean[] filled = new boolean[n];
        boolean[] ink = new boolean[n];
        for (int k = 0; k < n; k++) {
            filled[k] = !outside[k];
            ink[k] = filled[k] && !paperLike[k];
        }
        int filledArea = count(filled);
        int inkArea = count(ink);
        if (inkArea < MIN_INK * filledArea) return null;
        if (filledArea < MIN_RECTANGULARITY * MinimumRectangle.area(filled, w, h)) return null;
        if (thickness(paper, w, h) < thickness(ink, w, h)) return null;

        int margin = Math.max(1, (int) Math.round(0.01 * Math.min(w, h))) + (s == lum ? 0 : 1);
        boolean[] eroded = erode(filled, w, h, margin);
        if (count(eroded) == 0) return null;
        float[] levelAndSigma = levelAndSigma(lum, eroded, w, h);
        return new Sheet(levelAndSigma[0], levelAndSigma[1], eroded, w, h);
    }

    /** A copy of {@code lum} with every pixel off the sheet set to the paper's level. */
    Plane isolate(Plane lum) {
        float[] out = lum.v().clone();
        for (int y = 0; y < lum.height(); y++) {
            for (int x = 0; x < lum.width(); x++) {
                if (!onSheet(x, y, lum)) out[y * lum.width() + x] = level;
            }
        }
        return new Plane(lum.width(), lum.height(), out);
    }

    private boolean onSheet(int x, int y, Plane full) {
        int sx = (int) ((long) x * workWidth / full.width());
        int sy = (int) ((long) y * workHeight / full.height());
        return onSheet[sy * workWidth + sx];
    }

    /** Median and noise of the full-resolution pixels on the sheet, by histogram (photos are large). */
    private static float[] levelAndSigma(Plane lum, boolean[] mask, int w, int h) {
        int[] hist = new int[BINS];
        long total = 0;
        for (int y = 0; y < lum.height(); y++) {
            int sy = (int) ((long) y * h / lum.height());
            for (int x = 0; x < lum.width(); x++) {
                if (!mask[sy * w + (int) ((long) x * w / lum.width())]) continue;
                hist[bin(lum.get(x, y))]++;
                total++;
            }
        }
        float median = quantile(hist, total, 0.5);
        int[] deviations = new int[BINS];
        for (int i = 0; i < BINS; i++) deviations[bin(Math.abs((i + 0.5f) / BINS - median))] += hist[i];
        return new float[] {median, MAD_TO_SIGMA * quantile(deviations, total, 0.5)};
    }

    private static int bin(float v) {
        return Math.max(0, Math.min(BINS - 1, (int) (v * BINS)));
    }

    private static float quantile(int[] hist, long total, double q) {
        long rank = (long) Math.floor(q * (total - 1));
        long seen = 0;
        for (int i = 0; i < BINS; i++) {
            seen += hist[i];
            if (seen > rank) return (i + 0.5f) / BINS;
        }
        return 1f;
    }

    /** {@code lum} itself if small enough, else an area-averaged copy with the longer side {@value #WORK_SIDE}. */
    private static Plane shrink(Plane lum) {
        int longer = Math.max(lum.width(), lum.height());
        if (longer <= WORK_SIDE) return lum;
        int w = Math.max(1, (int) Math.round((double) lum.width() * WORK_SIDE / longer));
        int h = Math.max(1, (int) Math.round((double) lum.height() * WORK_SIDE / longer));
        return Resample.resize(lum, w, h);
    }

    private interface Test {
        boolean passes(int k);
    }

    /** The pixels that pass {@code test} and are 4-connected through such pixels to the border. */
    private static boolean[] floodFromBorder(int w, int h, Test test) {
        boolean[] reached = new boolean[w * h];
        int[] stack = new int[w * h];
        int top = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (y > 0 && y < h - 1 && x > 0 && x < w - 1) continue;
                int k = y * w + x;
                if (!reached[k] && test.passes(k)) {
                    reached[k] = true;
                    stack[top++] = k;
                }
            }
        }
        while (top > 0) top = spread(stack, top, reached, w, h, test);
        return reached;
    }

    /** Pops one pixel and pushes its unreached neighbours that pass; returns the new stack size. */
    private static int spread(int[] stack, int top, boolean[] reached, int w, int h, Test test) {
        int k = stack[--top];
        int x = k % w;
        int y = k / w;
        int[] neighbours = {x > 0 ? k - 1 : -1, x < w - 1 ? k + 1 : -1, y > 0 ? k - w : -1, y < h - 1 ? k + w : -1};
        for (int m : neighbours) {
            if (m >= 0 && !reached[m] && test.passes(m)) {
                reached[m] = true;
                stack[top++] = m;
            }
        }
        return top;
    }

    /** The largest 4-connected region of {@code mask}. */
    private static boolean[] largestComponent(boolean[] mask, int w, int h) {
        int n = w * h;
        int[] label = new int[n];
        int[] stack = new int[n];
        int best = 0;
        int bestSize = 0;
        int next = 0;
        for (int start = 0; start < n; start++) {
            if (!mask[start] || label[start] != 0) continue;
            int id = ++next;
            int size = 0;
            int top = 0;
            label[start] = id;
            stack[top++] = start;
            while (top > 0) {
                int k = stack[--top];
                size++;
                int x = k % w;
                int y = k / w;
                int[] neighbours = {x > 0 ? k - 1 : -1, x < w - 1 ? k + 1 : -1, y > 0 ? k - w : -1, y < h - 1 ? k + w : -1};
                for (int m : neighbours) {
                    if (m >= 0 && mask[m] && label[m] == 0) {
                        label[m] = id;
                        stack[top++] = m;
                    }
                }
            }
            if (size > bestSize) {
                bestSize = size;
                best = id;
            }
        }
        boolean[] out = new boolean[n];
        for (int k = 0; k < n; k++) out[k] = best != 0 && label[k] == best;
        return out;
    }

    /** 2 area / perimeter (pixel edges facing outside the region): about the width of a stroke. */
    static double thickness(boolean[] mask, int w, int h) {
        long area = 0;
        long perimeter = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int k = y * w + x;
                if (!mask[k]) continue;
                area++;
                if (x == 0 || !mask[k - 1]) perimeter++;
                if (x == w - 1 || !mask[k + 1]) perimeter++;
                if (y == 0 || !mask[k - w]) perimeter++;
                if (y == h - 1 || !mask[k + w]) perimeter++;
            }
        }
        return perimeter == 0 ? 0 : 2.0 * area / perimeter;
    }

    /** Keeps the pixels whose whole (2r+1)-square neighbourhood is in {@code mask}. */
    private static boolean[] erode(boolean[] mask, int w, int h, int r) {
        boolean[] rows = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean all = true;
                for (int d = -r; d <= r && all; d++) all = x + d >= 0 && x + d < w && mask[y * w + x + d];
                rows[y * w + x] = all;
            }
        }
        boolean[] out = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean all = true;
                for (int d = -r; d <= r && all; d++) all = y + d >= 0 && y + d < h && rows[(y + d) * w + x];
                out[y * w + x] = all;
            }
        }
        return out;
    }

    private static int count(boolean[] mask) {
        int c = 0;
        for (boolean m : mask) if (m) c++;
        return c;
    }

    /** The outer ring of pixels, one pixel wide, each once. */
    private static float[] border(Plane p) {
        int w = p.width();
        int h = p.height();
        float[] out = new float[2 * (w + h)];
        int n = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (y == 0 || y == h - 1 || x == 0 || x == w - 1) out[n++] = p.get(x, y);
            }
        }
        return Arrays.copyOf(out, n);
    }
}
