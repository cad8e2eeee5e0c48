package org.scratchnet.plot;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The layout shared by the image-grid figures (digits, weights): a title, an optional subtitle,
 * an optional legend strip, then equal cells in rows of {@code columns}, each an image drawn 1:1
 * (already scaled up by {@link Draw#tile}) with a thin frame and its caption lines centred below.
 */
final class TileGrid {
    /** One cell: its image and the caption's lines (each cut to the cell's width if too long). */
    record Cell(BufferedImage image, List<String> caption) {}

    /** Draws a legend into the strip of the given size whose top left corner is the origin. */
    interface Legend {
        void paint(Graphics2D g, int width);
    }

    private static final int MARGIN = 16;
    private static final int GAP = 10;
    private static final int LINE = 14;
    private static final int MAX_CELL_WIDTH = 220;

    private TileGrid() {}

    static Figure figure(String title, String subtitle, List<Cell> cells, int columns, int legendHeight, Legend legend) {
        int cols = Math.min(columns, cells.size());
        int rows = (cells.size() + cols - 1) / cols;
        int imageWidth = 0, imageHeight = 0, lines = 0, captionWidth = 0;
        FontMetrics fm = metrics();
        for (Cell c : cells) {
            imageWidth = Math.max(imageWidth, c.image().getWidth());
            imageHeight = Math.max(imageHeight, c.image().getHeight());
            lines = Math.max(lines, c.caption().size());
            for (String s : c.caption()) captionWidth = Math.max(captionWidth, fm.stringWidth(s));
        }
        int cellWidth = Math.min(MAX_CELL_WIDTH, Math.max(imageWidth, captionWidth) + 8);
        cellWidth = Math.max(cellWidth, imageWidth + 4);
        int cellHeight = imageHeight + 4 + lines * LINE;
        int top = (subtitle == null ? 40 : 56) + legendHeight;
        int width = Math.max(2 * MARGIN + cols * cellWidth + (cols - 1) * GAP, titleWidth(title, subtitle) + 2 * MARGIN);
        int height = top + rows * cellHeight + (rows - 1) * GAP + MARGIN;
        int gridLeft = (width - (cols * cellWidth + (cols - 1) * GAP)) / 2;
        final int cw = cellWidth, ih = imageHeight;
        return new Figure(width, height, g -> {
            Draw.title(g, title, subtitle, width);
            if (legend != null) {
                Draw.at(g, 0, top - legendHeight - 4, () -> legend.paint(g, width));
            }
            for (int i = 0; i < cells.size(); i++) {
                Cell c = cells.get(i);
                int x = gridLeft + (i % cols) * (cw + GAP);
                int y = top + (i / cols) * (cellHeight + GAP);
                int ix = x + (cw - c.image().getWidth()) / 2;
                g.drawImage(c.image(), ix, y, null);
                g.setColor(new Color(0xBB, 0xBB, 0xBB));
                g.drawRect(ix - 1, y - 1, c.image().getWidth() + 1, c.image().getHeight() + 1);
                g.setColor(Draw.TEXT);
                g.setFont(Draw.LABEL);
                for (int l = 0; l < c.caption().size(); l++) {
                    Draw.centred(g, Draw.fit(g, c.caption().get(l), cw), x + cw / 2.0, y + ih + 2 + (l + 1) * LINE - 2);
                }
            }
        });
    }

    private static FontMetrics metrics() {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            return g.getFontMetrics(Draw.LABEL);
        } finally {
            g.dispose();
        }
    }

    private static int titleWidth(String title, String subtitle) {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            int w = g.getFontMetrics(Draw.TITLE).stringWidth(title);
            if (subtitle != null) w = Math.max(w, g.getFontMetrics(Draw.SUBTITLE).stringWidth(subtitle));
            return w;
        } finally {
            g.dispose();
        }
    }
}
