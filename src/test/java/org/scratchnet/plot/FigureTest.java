package org.scratchnet.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.eval.ConfusionMatrix;

/** A figure rendered in memory is the same picture as the PNG file written from it. */
class FigureTest {

    @Test
    void pngBytesHoldTheSamePixelsAsTheWrittenFile(@TempDir Path dir) throws IOException {
        ConfusionMatrix cm = ConfusionMatrix.of(new int[] {0, 1, 1, 2, 2, 2}, new int[] {0, 1, 2, 2, 2, 0}, 3);
        Figure figure = ConfusionHeatmap.figure("Three classes", cm);
        BufferedImage inMemory = ImageIO.read(new ByteArrayInputStream(figure.png()));
        BufferedImage file = ImageIO.read(figure.write(dir, "cm").get(0).toFile());
        assertThat(inMemory.getWidth()).isEqualTo(ConfusionHeatmap.WIDTH).isEqualTo(file.getWidth());
        assertThat(inMemory.getHeight()).isEqualTo(ConfusionHeatmap.HEIGHT).isEqualTo(file.getHeight());
        for (int y = 0; y < file.getHeight(); y += 7) {
            for (int x = 0; x < file.getWidth(); x += 7) assertThat(inMemory.getRGB(x, y)).isEqualTo(file.getRGB(x, y));
        }
        assertThat(dir.resolve("cm.svg")).exists();
    }

    @Test
    void aFigureIsPaintedOnWhiteAtItsSize() throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(new Figure(40, 30, g -> {
            g.setColor(Color.BLACK);
            g.fillRect(0, 0, 10, 10);
        }).png()));
        assertThat(img.getWidth()).isEqualTo(40);
        assertThat(img.getHeight()).isEqualTo(30);
        assertThat(img.getRGB(5, 5) & 0xFFFFFF).isZero();
        assertThat(img.getRGB(20, 20) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        assertThatThrownBy(() -> new Figure(0, 10, g -> {})).hasMessageContaining("positive size");
    }
}
