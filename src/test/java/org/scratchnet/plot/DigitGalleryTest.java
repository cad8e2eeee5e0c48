package org.scratchnet.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.plot.DigitGallery.Tile;

class DigitGalleryTest {

    @Test
    void drawsDigitsInRowsWithTheirCaptions(@TempDir Path dir) throws Exception {
        List<Tile> tiles = new ArrayList<>();
        for (int t = 0; t < 5; t++) tiles.add(new Tile(stroke(t), "true " + t + ", pred " + (t + 1) + " (99." + t + "%)"));
        tiles.add(new Tile(stroke(5), "two lines &\n<escaped> in SVG"));
        List<Path> files = DigitGallery.write(dir, "misclassified", "Most confidently misclassified", tiles, 4);
        BufferedImage png = FigureFiles.assertPng(files.get(0));
        FigureFiles.assertFigure(files, dir, "misclassified", png.getWidth(), png.getHeight());
        assertThat(png.getWidth()).isGreaterThanOrEqualTo(4 * 112);
    }

    @Test
    void sizeAndPixelsFollowTheLayout(@TempDir Path dir) throws Exception {
        float[] ink = new float[784];
        Arrays.fill(ink, 1f);
        List<Tile> tiles = List.of(new Tile(ink, "a"), new Tile(stroke(1), "b"), new Tile(new float[784], "c"));
        BufferedImage png = FigureFiles.assertFigure(DigitGallery.write(dir, "three", "Digits", tiles, 3), dir, "three",
                // margins 16, cells 112 + 8 wide (short captions), gaps 10; title 40, image 112 + 4 + one 14 px line, margin 16
                16 + 3 * 120 + 2 * 10 + 16, 40 + 112 + 4 + 14 + 16);
        // first image: x = 16 + (120 - 112) / 2 = 20, y = 40; all ink -> black; the third all white
        assertThat(png.getRGB(20 + 56, 40 + 56) & 0xFFFFFF).isEqualTo(0x000000);
        assertThat(png.getRGB(20 + 2 * 130 + 56, 40 + 56) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        // nearest-neighbour: the 4x4 block of one pixel is one colour
        float[] one = new float[784];
        one[14 * 28 + 14] = 0.5f;
        BufferedImage single = FigureFiles.assertPng(DigitGallery.write(dir, "one", "Digits", List.of(new Tile(one, "x"), new Tile(ink, "y")), 2).get(0));
        int grey = single.getRGB(20 + 14 * 4, 40 + 14 * 4);
        for (int dy = 0; dy < 4; dy++) {
            for (int dx = 0; dx < 4; dx++) assertThat(single.getRGB(20 + 14 * 4 + dx, 40 + 14 * 4 + dy)).isEqualTo(grey);
        }
        assertThat(grey & 0xFF).isEqualTo(128);
        assertThat(single.getRGB(20 + 14 * 4 - 1, 40 + 14 * 4) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }

    @Test
    void badTilesSayWhatIsWrong(@TempDir Path dir) {
        assertThatThrownBy(() -> new Tile(new float[783], "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a tile needs 784 pixels (28x28), got 783");
        float[] bytes = new float[784];
        bytes[30] = 255f;
        assertThatThrownBy(() -> new Tile(bytes, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pixel 30 (row 1, column 2) is 255.0, outside 0..1");
        bytes[30] = Float.NaN;
        assertThatThrownBy(() -> new Tile(bytes, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pixel 30 (row 1, column 2) is NaN, outside 0..1");
        assertThatThrownBy(() -> DigitGallery.write(dir, "cols", "t", List.of(new Tile(new float[784], "x")), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("columns must be at least 1, got 0");
        assertThatThrownBy(() -> DigitGallery.write(dir, "none", "t", List.of(), 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no tiles to draw");
    }

    /** A vertical bar at a column that depends on t, fading from top to bottom. */
    private static float[] stroke(int t) {
        float[] pixels = new float[784];
        for (int r = 4; r < 24; r++) {
            for (int c = 10 + t; c < 14 + t; c++) pixels[r * 28 + c] = 1f - (r - 4) / 40f;
        }
        return pixels;
    }
}
