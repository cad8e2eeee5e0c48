package org.scratchnet.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The first layer's weights as images: row j of W [units, inputSize] (row-major, PyTorch's
 * Linear layout) holds the weights from every pixel to hidden unit j, so drawn as a 28x28 image
 * it shows the pattern that unit responds to. Colours diverge: blue negative, white zero, red
 * positive, each image on its own symmetric scale -m..+m with m = max |w| of that unit (written
 * under it), so every unit's pattern shows even when their sizes differ. NaN or infinite
 * weights (a diverged run) are drawn grey and counted in the caption.
 */
public final class WeightImages {
    private static final Color NEGATIVE = new Color(0x21, 0x66, 0xAC);
    private static final Color POSITIVE = new Color(0xB2, 0x18, 0x2B);
    private static final Color NOT_FINITE = new Color(0x88, 0x88, 0x88);
    private static final int LEGEND_HEIGHT = 34;

    private WeightImages() {}

    /**
     * Writes dir/name.png and dir/name.svg with the first min(units, maxUnits) units; inputSize
     * must be a square (784 for MNIST). Returns both paths.
     */
    public static List<Path> write(Path dir, String name, String title, float[] W, int units, int inputSize, int maxUnits) {
        return figure(title, W, units, inputSize, maxUnits).write(dir, name);
    }

    /** The weight images as a figure, to write or to render in memory (arguments as for {@link #write}). */
    public static Figure figure(String title, float[] W, int units, int inputSize, int maxUnits) {
        if (W == null) throw new IllegalArgumentException("no weights to draw");
        if (units < 1) throw new IllegalArgumentException("units must be at least 1, got " + units);
        if (maxUnits < 1) throw new IllegalArgumentException("maxUnits must be at least 1, got " + maxUnits);
        int side = (int) Math.round(Math.sqrt(inputSize));
        if (inputSize < 1 || side * side != inputSize) {
            throw new IllegalArgumentException("inputSize " + inputSize + " is not a square number of pixels (784 = 28x28 for MNIST)");
        }
        if ((long) units * inputSize != W.length) {
            throw new IllegalArgumentException("W has " + W.length + " values but units x inputSize = " + units + " x "
                    + inputSize + " = " + (long) units * inputSize);
        }
        int shown = Math.min(units, maxUnits);
        int scale = Math.max(1, (shown > 16 ? 84 : 112) / side);
        List<TileGrid.Cell> cells = new ArrayList<>();
        for (int j = 0; j < shown; j++) {
            int offset = j * inputSize;
            double m = 0;
            int bad = 0;
            for (int i = 0; i < inputSize; i++) {
                float w = W[offset + i];
                if (Float.isFinite(w)) m = Math.max(m, Math.abs(w));
                else bad++;
            }
            double max = m;
            String caption = String.format(Locale.ROOT, "unit %d, \u00b1%.3g", j, max);
            List<String> lines = bad > 0 ? List.of(caption, bad + " NaN/inf (grey)") : List.of(caption);
            cells.add(new TileGrid.Cell(Draw.tile(W, offset, side, scale, w -> colour(w, max)), lines));
        }
        int columns = columns(shown);
        String subtitle = (shown < units ? "first " + shown + " of " + units + " units" : "all " + units + " units")
                + "; each image on its own scale \u00b1max |w| (under it)";
        return TileGrid.figure(title, subtitle, cells, columns, LEGEND_HEIGHT, WeightImages::legend);
    }

    /** About twice as wide as tall, then evened out so the last row is as full as can be: 10 -> 5x2, 24 -> 6x4. */
    static int columns(int n) {
        int c = Math.min(n, (int) Math.ceil(Math.sqrt(2.0 * n)));
        int rows = (n + c - 1) / c;
        return (n + rows - 1) / rows;
    }

    /** blue for w = -max, white for 0, red for +max. */
    static Color colour(double w, double max) {
        if (!Double.isFinite(w)) return NOT_FINITE;
        if (max == 0) return Color.WHITE;
        double t = w / max;
        return t >= 0 ? Draw.mix(Color.WHITE, POSITIVE, t) : Draw.mix(Color.WHITE, NEGATIVE, -t);
    }

    private static void legend(Graphics2D g, int width) {
        double barWidth = 200, x = (width - barWidth) / 2, h = 10;
        int steps = 100;
        for (int i = 0; i < steps; i++) {
            double t = -1 + 2 * (i + 0.5) / steps;
            g.setColor(colour(t, 1));
            g.fill(new Rectangle2D.Double(x + barWidth * i / steps, 4, barWidth / steps + 0.5, h));
        }
        g.setColor(new Color(0x99, 0x99, 0x99));
        g.draw(new Rectangle2D.Double(x, 4, barWidth, h));
        g.setColor(Draw.TEXT);
        g.setFont(Draw.LABEL);
        Draw.centred(g, "-max |w|", x, 4 + h + 13);
        Draw.centred(g, "0", x + barWidth / 2, 4 + h + 13);
        Draw.centred(g, "+max |w|", x + barWidth, 4 + h + 13);
    }
}
