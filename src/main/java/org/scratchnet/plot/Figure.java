package org.scratchnet.plot;

import java.nio.file.Path;
import java.util.List;

/**
 * A figure before it is written: its size in pixels and the one routine that paints it. The same
 * figure becomes PNG and SVG files ({@link #write}, for reports) or PNG bytes in memory
 * ({@link #png}, for a web page that serves it without touching the disk).
 */
public record Figure(int width, int height, Figures.Painter painter) {

    public Figure {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("a figure needs a positive size, got " + width + "x" + height);
        }
        if (painter == null) throw new IllegalArgumentException("a figure needs a paint routine");
    }

    /** Writes {@code dir/name.png} and {@code dir/name.svg}; returns both paths. */
    public List<Path> write(Path dir, String name) {
        return Figures.write(dir, name, width, height, painter);
    }

    /** The figure as an image in memory, on white (to write as PNG or JPEG with {@code io.ImageFiles}). */
    public java.awt.image.BufferedImage image() {
        return Figures.raster(width, height, painter);
    }

    /** The figure as PNG bytes. */
    public byte[] png() {
        return Figures.png(width, height, painter);
    }
}
