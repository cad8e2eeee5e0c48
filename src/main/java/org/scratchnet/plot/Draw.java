package org.scratchnet.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.function.DoubleFunction;

/** Small drawing helpers shared by the painted figures: fonts, colours, centred text, pixel tiles. */
final class Draw {
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final Color TEXT = new Color(0x22, 0x22, 0x22);

    /** Colour-blind-safe series colours (Okabe & Ito), in the order they are handed out. */
    static final Color[] SERIES = {
        new Color(0x00, 0x72, 0xB2),  // blue
        new Color(0xD5, 0x5E, 0x00),  // vermillion
        new Color(0x00, 0x9E, 0x73),  // bluish green
        new Color(0xCC, 0x79, 0xA7),  // reddish purple
        new Color(0xE6, 0x9F, 0x00),  // orange
        new Color(0x56, 0xB4, 0xE9),  // sky blue
        new Color(0x55, 0x55, 0x55),  // grey
        new Color(0xF0, 0xE4, 0x42),  // yellow
    };

    private Draw() {}

    static Color series(int i) {
        return SERIES[i % SERIES.length];
    }

    static Color withAlpha(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    /**
     * Runs {@code paint} with g's origin moved to (x, y), then restores g's transform, clip, colour,
     * font and stroke. (Not {@code g.create()}: VectorGraphics2D 0.13 lets a child's translation
     * leak into the SVG drawn after it.)
     */
    static void at(Graphics2D g, double x, double y, Runnable paint) {
        java.awt.geom.AffineTransform transform = g.getTransform();
        java.awt.Shape clip = g.getClip();
        Color colour = g.getColor();
        Font font = g.getFont();
        java.awt.Stroke stroke = g.getStroke();
        try {
            g.translate(x, y);
            paint.run();
        } finally {
            g.setTransform(transform);
            g.setClip(clip);
            g.setColor(colour);
            g.setFont(font);
            g.setStroke(stroke);
        }
    }

    /** Draws text centred horizontally on cx with its baseline at y. */
    static void centred(Graphics2D g, String text, double cx, double y) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(text, (float) (cx - fm.stringWidth(text) / 2.0), (float) y);
    }

    /** Draws text centred on (cx, cy) both ways. */
    static void centredBox(Graphics2D g, String text, double cx, double cy) {
        FontMetrics fm = g.getFontMetrics();
        centred(g, text, cx, cy + (fm.getAscent() - fm.getDescent()) / 2.0);
    }

    /** Cuts text to fit maxWidth pixels in g's font, ending it with "..." when cut. */
    static String fit(Graphics2D g, String text, int maxWidth) {
        FontMetrics fm = g.getFontMetrics();
        if (fm.stringWidth(text) <= maxWidth) return text;
        String s = text;
        while (!s.isEmpty() && fm.stringWidth(s + "...") > maxWidth) s = s.substring(0, s.length() - 1);
        return s + "...";
    }

    /** The figure title centred at the top, and an optional smaller subtitle below it, each cut to fit. */
    static void title(Graphics2D g, String title, String subtitle, int width) {
        g.setColor(TEXT);
        g.setFont(TITLE);
        centred(g, fit(g, title, width - 20), width / 2.0, 24);
        if (subtitle != null) {
            g.setFont(SUBTITLE);
            centred(g, fit(g, subtitle, width - 20), width / 2.0, 42);
        }
    }

    /**
     * An image of a side x side pixel array (row-major) coloured by {@code colour}, scaled up by
     * {@code scale} with nearest-neighbour copies, so that it is drawn 1:1 and stays crisp in both
     * PNG and SVG (a viewer would blur a small image it has to enlarge).
     */
    static BufferedImage tile(float[] v, int offset, int side, int scale, DoubleFunction<Color> colour) {
        BufferedImage image = new BufferedImage(side * scale, side * scale, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                int rgb = colour.apply(v[offset + r * side + c]).getRGB();
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) image.setRGB(c * scale + dx, r * scale + dy, rgb);
                }
            }
        }
        return image;
    }

    /** Linear interpolation between two colours, t in [0, 1] (clamped). */
    static Color mix(Color a, Color b, double t) {
        double u = Math.max(0, Math.min(1, t));
        return new Color((int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * u),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * u),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * u));
    }
}
