package org.scratchnet.data;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.scratchnet.MemoryLimit;
import org.scratchnet.UserException;
import org.scratchnet.io.ImageFiles;

/**
 * Draws a grid of randomly chosen digits to a PNG or JPEG, to look at the data before training on it.
 *
 * <p>Each tile is one image scaled up {@value #SCALE}x (nearest neighbour, so pixels stay
 * visible), dark ink on white, separated by {@value #GAP}-pixel grey gaps; when the data has
 * labels, each tile's label is written in a strip below it. The same seed picks the same digits.
 * Image size: width = cols*(side*SCALE) + (cols+1)*GAP, height likewise with the label strip
 * added to every row.
 */
public final class DigitGrid {

    static final int SCALE = 2;
    static final int GAP = 1;
    /** Height of the text strip under each tile when labels are drawn. */
    static final int LABEL_HEIGHT = 12;

    private static final Color GAP_COLOR = new Color(160, 160, 160);

    private DigitGrid() {}

    /**
     * Writes a rows x cols grid of distinct random examples of {@code d} to {@code file}, as PNG or
     * JPEG by its name ({@link ImageFiles}).
     */
    public static void write(Dataset d, Path file, int rows, int cols, long seed) {
        ImageFiles.write(render(d, rows, cols, seed), file, "--grid");
    }

    /** The grid as an image; tiles beyond the data set's size stay blank. */
    static BufferedImage render(Dataset d, int rows, int cols, long seed) {
        if (rows < 1 || cols < 1 || (long) rows * cols > 10_000) {
            throw new UserException("digit grid of " + rows + " x " + cols
                    + " tiles: expected 1..10000 tiles with at least one row and one column");
        }
        int side = (int) Math.round(Math.sqrt(d.features));
        if (side * side != d.features) {
            throw new UserException("cannot draw " + d.source + " as digits: " + d.features
                    + " features is not a square image");
        }
        int tile = side * SCALE;
        int strip = d.hasLabels() ? LABEL_HEIGHT : 0;
        long w = (long) cols * tile + (cols + 1L) * GAP;
        long h = (long) rows * (tile + strip) + (rows + 1L) * GAP;
        // Large images (4096x4096 is what IDX allows) make a grid bigger than memory or than one image can be.
        String what = "a grid of " + rows + " x " + cols + " tiles of " + side + "x" + side + " images (" + w + "x" + h + " pixels)";
        if (w * h > Integer.MAX_VALUE - 8) {
            throw new UserException(what + " is larger than one image can be; draw fewer tiles (--rows, --cols)");
        }
        MemoryLimit.require(Integer.BYTES * w * h, what, "draw fewer tiles (--rows, --cols)");
        int width = (int) w;
        int height = (int) h;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(GAP_COLOR);
            g.fillRect(0, 0, width, height);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, LABEL_HEIGHT - 2));
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            FontMetrics fm = g.getFontMetrics();

            int[] chosen = pick(d.size, rows * cols, seed);
            for (int t = 0; t < chosen.length; t++) {
                int left = GAP + (t % cols) * (tile + GAP);
                int top = GAP + (t / cols) * (tile + strip + GAP);
                drawDigit(img, d, chosen[t], side, left, top);
                if (strip > 0) {
                    g.setColor(Color.WHITE);
                    g.fillRect(left, top + tile, tile, strip);
                    g.setColor(Color.DARK_GRAY);
                    String label = Integer.toString(d.labels[chosen[t]]);
                    g.drawString(label, left + (tile - fm.stringWidth(label)) / 2,
                            top + tile + strip - fm.getDescent());
                }
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Pixel value v in [0,1] becomes grey 255*(1-v): ink is dark, background white. */
    private static void drawDigit(BufferedImage img, Dataset d, int example, int side, int left, int top) {
        int base = example * d.features;
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                float v = Math.max(0f, Math.min(1f, d.x[base + r * side + c]));
                int grey = Math.round(255 * (1 - v));
                int rgb = (grey << 16) | (grey << 8) | grey;
                for (int dy = 0; dy < SCALE; dy++) {
                    for (int dx = 0; dx < SCALE; dx++) {
                        img.setRGB(left + c * SCALE + dx, top + r * SCALE + dy, rgb);
                    }
                }
            }
        }
    }

    /** min(n, k) distinct indices from 0..n-1, by a partial Fisher-Yates shuffle. */
    public static int[] pick(int n, int k, long seed) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) all[i] = i;
        SplittableRandom rng = new SplittableRandom(seed);
        int m = Math.min(n, k);
        for (int i = 0; i < m; i++) {
            int j = i + rng.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return java.util.Arrays.copyOf(all, m);
    }
}
