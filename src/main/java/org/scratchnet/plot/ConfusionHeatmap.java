package org.scratchnet.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.scratchnet.eval.ConfusionMatrix;

/**
 * The confusion matrix as a heatmap: rows are the true class, columns the predicted class, each
 * cell coloured by its share of the row (the row-normalised rate, so the diagonal reads as each
 * class's recall) and labelled with its count. The colour scale is square-root, so that the
 * 1-5% confusions off the diagonal show; the colour bar on the right is labelled in percent.
 *
 * <p>Painted with Java2D shapes (one paint routine for PNG and SVG): XChart's HeatMapChart can
 * only write the colour value in a cell, not a count beside a rate.
 */
public final class ConfusionHeatmap {
    static final int WIDTH = 600;
    static final int HEIGHT = 600;
    private static final Color LOW = Color.WHITE;
    private static final Color HIGH = new Color(0x08, 0x30, 0x6B);
    private static final int LEFT = 70, TOP = 64, RIGHT = 100, BOTTOM = 60;

    private ConfusionHeatmap() {}

    /** Writes dir/name.png and dir/name.svg (600x600); returns both paths. */
    public static List<Path> write(Path dir, String name, String title, ConfusionMatrix cm) {
        return figure(title, cm).write(dir, name);
    }

    /** The heatmap as a 600x600 figure, to write or to render in memory. */
    public static Figure figure(String title, ConfusionMatrix cm) {
        if (cm == null) throw new IllegalArgumentException("no confusion matrix to draw");
        long[][] counts = cm.counts();
        int k = cm.classes();
        double[][] rate = new double[k][k];
        for (int a = 0; a < k; a++) {
            long row = 0;
            for (long c : counts[a]) row += c;
            for (int p = 0; p < k; p++) rate[a][p] = row == 0 ? 0 : (double) counts[a][p] / row;
        }
        double side = Math.min(WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
        double cell = side / k;
        double x0 = LEFT, y0 = TOP + (HEIGHT - TOP - BOTTOM - side) / 2;  // centred in the space left
        String subtitle = String.format(Locale.ROOT, "%,d examples; number = count, colour = share of the true class",
                cm.total());
        return new Figure(WIDTH, HEIGHT, g -> {
            Draw.title(g, title, subtitle, WIDTH);
            float countSize = (float) Math.max(7, Math.min(13, cell / 3.4));
            Font countFont = new Font(Font.SANS_SERIF, Font.PLAIN, Math.round(countSize));
            for (int a = 0; a < k; a++) {
                for (int p = 0; p < k; p++) {
                    double t = Math.sqrt(rate[a][p]);
                    Rectangle2D box = new Rectangle2D.Double(x0 + p * cell, y0 + a * cell, cell, cell);
                    g.setColor(Draw.mix(LOW, HIGH, t));
                    g.fill(box);
                    g.setColor(t > 0.55 ? Color.WHITE : Draw.TEXT);
                    g.setFont(a == p ? countFont.deriveFont(Font.BOLD) : countFont);
                    Draw.centredBox(g, String.format(Locale.ROOT, "%,d", counts[a][p]), box.getCenterX(), box.getCenterY());
                }
            }
            g.setColor(new Color(0x99, 0x99, 0x99));
            g.setStroke(new BasicStroke(1f));
            g.draw(new Rectangle2D.Double(x0, y0, side, side));

            g.setColor(Draw.TEXT);
            g.setFont(Draw.LABEL);
            for (int i = 0; i < k; i++) {
                Draw.centred(g, Integer.toString(i), x0 + (i + 0.5) * cell, y0 + side + 16);
                Draw.centredBox(g, Integer.toString(i), x0 - 12, y0 + (i + 0.5) * cell);
            }
            g.setFont(Draw.SUBTITLE.deriveFont(Font.BOLD));
            Draw.centred(g, "predicted class", x0 + side / 2, y0 + side + 40);
            AffineTransform saved = g.getTransform();
            g.translate(x0 - 34, y0 + side / 2);
            g.rotate(-Math.PI / 2);
            Draw.centred(g, "true class", 0, 0);
            g.setTransform(saved);

            colourBar(g, x0 + side + 30, y0, side);
        });
    }

    /** A vertical colour bar from 0% (bottom) to 100% (top) on the square-root scale of the cells. */
    private static void colourBar(Graphics2D g, double x, double y, double height) {
        double w = 16;
        int steps = 100;
        for (int i = 0; i < steps; i++) {
            double t0 = (double) i / steps;
            g.setColor(Draw.mix(LOW, HIGH, t0 + 0.5 / steps));
            g.fill(new Rectangle2D.Double(x, y + height * (1 - t0 - 1.0 / steps), w, height / steps + 0.5));
        }
        g.setColor(new Color(0x99, 0x99, 0x99));
        g.draw(new Rectangle2D.Double(x, y, w, height));
        g.setFont(Draw.LABEL);
        for (double r : new double[] {0, 0.01, 0.05, 0.2, 0.5, 1}) {
            double ty = y + height * (1 - Math.sqrt(r));
            g.setColor(new Color(0x66, 0x66, 0x66));
            g.draw(new java.awt.geom.Line2D.Double(x + w, ty, x + w + 4, ty));
            g.setColor(Draw.TEXT);
            g.drawString(Math.round(r * 100) + "%",
                    (float) (x + w + 7), (float) (ty + 4));
        }
        AffineTransform saved = g.getTransform();
        g.translate(x + w + 52, y + height / 2);
        g.rotate(-Math.PI / 2);
        g.setFont(Draw.LABEL);
        Draw.centred(g, "share of the true class (row %)", 0, 0);
        g.setTransform(saved);
    }
}
