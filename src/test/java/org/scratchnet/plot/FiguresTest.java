package org.scratchnet.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FiguresTest {

    @Test
    void onePaintRoutineGivesAPngAndAnSvgOfTheSameFigure(@TempDir Path dir) throws Exception {
        List<Path> files = Figures.write(dir, "squares", 200, 100, g -> {
            for (int i = 0; i < 20; i++) {
                g.setColor(new Color(i * 12, 0, 255 - i * 12));
                g.fillRect(i * 10, 20, 10, 60);
            }
        });
        BufferedImage png = FigureFiles.assertFigure(files, dir, "squares", 200, 100);
        assertThat(png.getRGB(5, 50) & 0xFFFFFF).as("first square").isEqualTo(0x0000FF);
        assertThat(png.getRGB(5, 5) & 0xFFFFFF).as("background").isEqualTo(0xFFFFFF);
    }

    @Test
    void aFigureNeedsAPositiveSize(@TempDir Path dir) {
        assertThatThrownBy(() -> Figures.write(dir, "none", 0, 100, g -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a figure needs a positive size, got 0x100");
    }
}
