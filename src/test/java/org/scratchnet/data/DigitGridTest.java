package org.scratchnet.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.UserException;

/** DigitGrid writes a PNG of the documented size that ImageIO reads back, deterministically. */
class DigitGridTest {

    @TempDir
    Path tmp;

    @Test
    void pngReadsBackAtTheExpectedSize() throws Exception {
        Path png = tmp.resolve("digits.png");
        DigitGrid.write(TestData.mnist()[1], png, 3, 5, 42);
        BufferedImage img = ImageIO.read(png.toFile());
        int tile = 28 * DigitGrid.SCALE;
        assertThat(img.getWidth()).isEqualTo(5 * tile + 6 * DigitGrid.GAP);
        assertThat(img.getHeight()).isEqualTo(3 * (tile + DigitGrid.LABEL_HEIGHT) + 4 * DigitGrid.GAP);
        assertThat(Files.list(tmp).toList()).containsExactly(png); // no temp file left behind
    }

    @Test
    void unlabelledDataHasNoLabelStrip() throws Exception {
        Dataset d = new Dataset(new float[4 * 4 * 2], null, 2, 16, 10, "test.csv");
        Path png = tmp.resolve("u.png");
        DigitGrid.write(d, png, 2, 2, 0); // more tiles than examples: the rest stay blank
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getHeight()).isEqualTo(2 * 4 * DigitGrid.SCALE + 3 * DigitGrid.GAP);
    }

    @Test
    void sameSeedSamePicture() throws Exception {
        Path a = tmp.resolve("a.png");
        Path b = tmp.resolve("b.png");
        DigitGrid.write(TestData.mnist()[1], a, 2, 2, 7);
        DigitGrid.write(TestData.mnist()[1], b, 2, 2, 7);
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        assertThat(DigitGrid.pick(100, 10, 7)).doesNotHaveDuplicates().hasSize(10);
    }

    @Test
    void theFileNameChoosesTheFormat() throws Exception {
        Path jpg = tmp.resolve("g.jpg");
        Path jpeg = tmp.resolve("g.JPEG");
        Path png = tmp.resolve("g.png");
        DigitGrid.write(TestData.mnist()[1], jpg, 2, 3, 1);
        DigitGrid.write(TestData.mnist()[1], jpeg, 2, 3, 1);
        DigitGrid.write(TestData.mnist()[1], png, 2, 3, 1);
        byte[] j = Files.readAllBytes(jpg);
        assertThat(new int[] {j[0] & 0xff, j[1] & 0xff}).as("JPEG's SOI marker").containsExactly(0xff, 0xd8);
        assertThat(Files.readAllBytes(jpeg)).isEqualTo(j);
        assertThat(java.util.Arrays.copyOf(Files.readAllBytes(png), 4)).as("PNG's signature")
                .containsExactly(0x89, 'P', 'N', 'G');
        assertThat(ImageIO.read(jpg.toFile()).getWidth()).isEqualTo(ImageIO.read(png.toFile()).getWidth());
    }

    @Test
    void otherExtensionsAreRefusedAndNothingIsWritten() {
        for (String name : new String[] {"g.gif", "g.bmp", "grid", "g.png.txt"}) {
            assertThatThrownBy(() -> DigitGrid.write(TestData.mnist()[1], tmp.resolve(name), 1, 1, 0))
                    .isInstanceOf(UserException.class).hasMessageContaining(".png, .jpg or .jpeg").hasMessageContaining(name);
            assertThat(tmp.resolve(name)).doesNotExist();
        }
    }

    @Test
    void nonSquareFeaturesAreRefused() {
        Dataset d = new Dataset(new float[3], new int[] {1}, 1, 3, 10, "odd");
        assertThatThrownBy(() -> DigitGrid.write(d, tmp.resolve("x.png"), 1, 1, 0))
                .isInstanceOf(UserException.class).hasMessageContaining("3 features is not a square image");
    }
}
