package org.scratchnet.plot;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A grid of MNIST digits, each with a caption below it, for example the test digits the model
 * misclassified most confidently ("true 4, pred 9 (99.7%)"). Digits are 28x28 grey-scale images
 * drawn as dark ink on white, scaled up 4x with nearest-neighbour copies so each pixel stays a
 * crisp square. A caption may hold several lines separated by '\n'.
 */
public final class DigitGallery {

    /** One digit: 784 pixels in [0, 1] (row-major 28x28, 1 = full ink) and its caption. */
    public record Tile(float[] pixels, String caption) {
        public Tile {
            if (pixels == null) throw new IllegalArgumentException("a tile needs pixels");
            if (pixels.length != PIXELS) {
                throw new IllegalArgumentException("a tile needs " + PIXELS + " pixels (28x28), got " + pixels.length);
            }
            for (int i = 0; i < pixels.length; i++) {
                if (!(pixels[i] >= 0 && pixels[i] <= 1)) {
                    throw new IllegalArgumentException("pixel " + i + " (row " + i / SIDE + ", column " + i % SIDE + ") is "
                            + pixels[i] + ", outside 0..1");
                }
            }
            if (caption == null) caption = "";
        }
    }

    static final int SIDE = 28;
    static final int PIXELS = SIDE * SIDE;
    static final int SCALE = 4;

    private DigitGallery() {}

    /** Writes dir/name.png and dir/name.svg, a grid of {@code columns} tiles per row; returns both paths. */
    public static List<Path> write(Path dir, String name, String title, List<Tile> tiles, int columns) {
        return figure(title, tiles, columns).write(dir, name);
    }

    /** The grid as a figure, to write or to render in memory. */
    public static Figure figure(String title, List<Tile> tiles, int columns) {
        if (tiles == null || tiles.isEmpty()) throw new IllegalArgumentException("no tiles to draw");
        if (columns < 1) throw new IllegalArgumentException("columns must be at least 1, got " + columns);
        List<TileGrid.Cell> cells = new ArrayList<>();
        for (int i = 0; i < tiles.size(); i++) {
            Tile t = tiles.get(i);
            if (t == null) throw new IllegalArgumentException("tile " + i + " is null");
            cells.add(new TileGrid.Cell(Draw.tile(t.pixels(), 0, SIDE, SCALE, DigitGallery::ink),
                    List.of(t.caption().split("\n", -1))));
        }
        return TileGrid.figure(title, null, cells, columns, 0, null);
    }

    private static Color ink(double v) {
        int grey = (int) Math.round(255 * (1 - v));
        return new Color(grey, grey, grey);
    }
}
