package org.scratchnet.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.eval.ConfusionMatrix;

class ConfusionHeatmapTest {

    @Test
    void drawsTenClassesAsPngAndSvg(@TempDir Path dir) throws Exception {
        Random random = new Random(3);
        ConfusionMatrix cm = new ConfusionMatrix(10);
        for (int i = 0; i < 5000; i++) {
            int actual = random.nextInt(9);  // class 9 never occurs: an empty row must not break the figure
            cm.add(actual, random.nextDouble() < 0.9 ? actual : random.nextInt(10));
        }
        List<Path> files = ConfusionHeatmap.write(dir, "confusion", "Confusion matrix", cm);
        FigureFiles.assertFigure(files, dir, "confusion", 600, 600);
    }

    @Test
    void colourIsTheRowShareOnASquareRootScale(@TempDir Path dir) throws Exception {
        // row 0: 5 of 5 right (100%); row 1: 1 of 4 called 0 (25%), 3 of 4 right (75%).
        ConfusionMatrix cm = ConfusionMatrix.of(new int[] {0, 0, 0, 0, 0, 1, 1, 1, 1}, new int[] {0, 0, 0, 0, 0, 0, 1, 1, 1}, 2);
        BufferedImage png = FigureFiles.assertPng(ConfusionHeatmap.write(dir, "two", "Two classes", cm).get(0));
        // geometry: matrix 430 px square from x 70, y 64 + (476 - 430) / 2 = 87; cells 215 px; sample 5 px inside a corner
        Color high = new Color(0x08, 0x30, 0x6B);
        assertThat(rgb(png, 70 + 5, 87 + 5)).as("cell (0,0), 100%").isEqualTo(high.getRGB() & 0xFFFFFF);
        assertThat(rgb(png, 70 + 215 + 5, 87 + 5)).as("cell (0,1), 0%").isEqualTo(0xFFFFFF);
        Color half = Draw.mix(Color.WHITE, high, Math.sqrt(0.25));
        assertThat(rgb(png, 70 + 5, 87 + 215 + 5)).as("cell (1,0), 25% -> halfway").isEqualTo(half.getRGB() & 0xFFFFFF);
    }

    @Test
    void noMatrixIsAClearError(@TempDir Path dir) {
        assertThatThrownBy(() -> ConfusionHeatmap.write(dir, "none", "t", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no confusion matrix to draw");
    }

    private static int rgb(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) & 0xFFFFFF;
    }
}
