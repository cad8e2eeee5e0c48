package org.scratchnet.plot;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.internal.chartpart.Chart;
import org.scratchnet.io.AtomicFiles;

/**
 * Writes a figure as PNG and SVG side by side, each atomically, from ONE paint routine: the
 * routine draws on a {@link Graphics2D} once rasterised into a {@link BufferedImage} (PNG) and
 * once recorded by VectorGraphics2D (SVG), so the two files show the same picture.
 */
public final class Figures {

    /** Draws a figure of the given size on g, whose origin is the figure's top left corner. */
    @FunctionalInterface
    public interface Painter {
        void paint(Graphics2D g);
    }

    private Figures() {}

    /** Writes {@code dir/name.png} and {@code dir/name.svg} of an XChart chart; returns both paths. */
    public static List<Path> write(Chart<?, ?> chart, Path dir, String name) {
        return write(dir, name, chart.getWidth(), chart.getHeight(), g -> chart.paint(g, chart.getWidth(), chart.getHeight()));
    }

    /**
     * Writes {@code dir/name.png} ({@code width} x {@code height} pixels, white background) and
     * {@code dir/name.svg} (the same size in user units) painted by {@code painter}; returns both paths.
     */
    public static List<Path> write(Path dir, String name, int width, int height, Painter painter) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("a figure needs a positive size, got " + width + "x" + height);
        }
        Path png = dir.resolve(name + ".png");
        Path svg = dir.resolve(name + ".svg");
        BufferedImage image = raster(width, height, painter);
        AtomicFiles.write(png, out -> ImageIO.write(image, "png", out));

        VectorGraphics2D vg = new VectorGraphics2D();
        vg.setColor(Color.WHITE);
        vg.fillRect(0, 0, width, height);
        painter.paint(vg);
        vg.dispose();
        AtomicFiles.write(svg, out -> new SVGProcessor()
                .getDocument(vg.getCommands(), new PageSize(0, 0, width, height))
                .writeTo(out));
        return List.of(png, svg);
    }

    /** The figure painted by {@code painter}, {@code width} x {@code height} pixels on white, as PNG bytes. */
    public static byte[] png(int width, int height, Painter painter) {
        BufferedImage image = raster(width, height, painter);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) throw new IllegalStateException("this Java runtime has no PNG writer");
        } catch (IOException e) {
            throw new UncheckedIOException(e);  // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    static BufferedImage raster(int width, int height, Painter painter) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("a figure needs a positive size, got " + width + "x" + height);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            painter.paint(g);
        } finally {
            g.dispose();
        }
        return image;
    }
}
