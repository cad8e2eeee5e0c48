package org.scratchnet.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightImagesTest {

    @Test
    void drawsEachUnitsRowAsADivergingImage(@TempDir Path dir) throws Exception {
        float[] W = new float[10 * 784];
        for (int j = 0; j < 10; j++) {
            for (int i = 0; i < 784; i++) W[j * 784 + i] = (float) (Math.sin(i * 0.05 + j) * (j + 1) * 0.01);
        }
        Arrays.fill(W, 0, 784, 0.5f);          // unit 0 all positive: red
        Arrays.fill(W, 784, 2 * 784, -0.25f);  // unit 1 all negative: blue
        List<Path> files = WeightImages.write(dir, "weights", "First layer", W, 10, 784, 16);
        // 10 units -> 5 columns x 2 rows of 112 px images (28 x 4) in 120 px cells with 10 px gaps;
        // title and subtitle 56 + legend 34, images 112 + 4 + one 14 px caption line, margin 16
        BufferedImage png = FigureFiles.assertFigure(files, dir, "weights", 16 + 5 * 120 + 4 * 10 + 16, 90 + 2 * 130 + 10 + 16);
        assertThat(png.getRGB(20 + 56, 90 + 56) & 0xFFFFFF).as("unit 0").isEqualTo(0xB2182B);
        assertThat(png.getRGB(20 + 130 + 56, 90 + 56) & 0xFFFFFF).as("unit 1").isEqualTo(0x2166AC);
    }

    @Test
    void showsAtMostMaxUnitsAndCopesWithNaN(@TempDir Path dir) throws Exception {
        float[] W = new float[300 * 784];
        for (int i = 0; i < W.length; i++) W[i] = (float) Math.cos(i * 0.01);
        W[17] = Float.NaN;
        W[900] = Float.POSITIVE_INFINITY;
        List<Path> files = WeightImages.write(dir, "many", "First layer of 300", W, 300, 784, 24);
        BufferedImage png = FigureFiles.assertPng(files.get(0));
        FigureFiles.assertFigure(files, dir, "many", png.getWidth(), png.getHeight());
        assertThat(png.getWidth()).as("6 columns of 84 px images").isGreaterThanOrEqualTo(6 * 84);
    }

    @Test
    void theGridIsAboutTwiceAsWideAsTallWithAFullLastRow() {
        assertThat(WeightImages.columns(1)).isEqualTo(1);
        assertThat(WeightImages.columns(10)).isEqualTo(5);   // 5 x 2
        assertThat(WeightImages.columns(16)).isEqualTo(6);   // 6 + 6 + 4
        assertThat(WeightImages.columns(24)).isEqualTo(6);   // 6 x 4 rather than 7 + 7 + 7 + 3
        assertThat(WeightImages.columns(64)).isEqualTo(11);  // 11 x 6 - 2
    }

    @Test
    void colourIsBlueWhiteRedOnTheUnitsOwnScale() {
        assertThat(WeightImages.colour(-2, 2)).isEqualTo(new Color(0x21, 0x66, 0xAC));
        assertThat(WeightImages.colour(0, 2)).isEqualTo(Color.WHITE);
        assertThat(WeightImages.colour(2, 2)).isEqualTo(new Color(0xB2, 0x18, 0x2B));
        assertThat(WeightImages.colour(1, 2)).isEqualTo(Draw.mix(Color.WHITE, new Color(0xB2, 0x18, 0x2B), 0.5));
        assertThat(WeightImages.colour(0, 0)).as("all-zero unit").isEqualTo(Color.WHITE);
        assertThat(WeightImages.colour(Double.NaN, 2)).isEqualTo(new Color(0x88, 0x88, 0x88));
    }

    @Test
    void badShapesSayWhatIsWrong(@TempDir Path dir) {
        assertThatThrownBy(() -> WeightImages.write(dir, "w", "t", new float[7839], 10, 784, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("W has 7839 values but units x inputSize = 10 x 784 = 7840");
        assertThatThrownBy(() -> WeightImages.write(dir, "w", "t", new float[10 * 780], 10, 780, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("inputSize 780 is not a square number of pixels (784 = 28x28 for MNIST)");
        assertThatThrownBy(() -> WeightImages.write(dir, "w", "t", new float[784], 1, 784, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxUnits must be at least 1, got 0");
        assertThatThrownBy(() -> WeightImages.write(dir, "w", "t", null, 1, 784, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no weights to draw");
    }
}
