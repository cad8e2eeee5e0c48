package org.scratchnet.image;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.UserException;

/**
 * Every way a user can hand in the wrong thing, one fixture each: the error is a one-line
 * {@link UserException} that names the file and says what was expected.
 */
class MnistImageErrorsTest {

    @TempDir
    Path dir;

    @Test
    void missingFile_isNamed() {
        Path missing = dir.resolve("nope.png");
        assertThatThrownBy(() -> MnistImage.load(missing))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("not found")
                .hasMessageContaining("PNG or JPEG");
    }

    @Test
    void directory_isNotAnImage() {
        assertThatThrownBy(() -> MnistImage.load(dir))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("is a folder");
    }

    @Test
    void textFile_isNamedAndPngOrJpegIsAskedFor() throws IOException {
        Path text = Files.writeString(dir.resolve("digit.png"), "this is not a picture\n");
        assertThatThrownBy(() -> MnistImage.load(text))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(text.toString())
                .hasMessageContaining("PNG or JPEG")
                .hasMessageNotContaining("\n");
    }

    @Test
    void truncatedPng_isNamed() throws IOException {
        Path whole = Renderings.save(Renderings.gray(Renderings.canvas(MnistDigits.digit(0), 140, 140, 5, 0, 0), false),
                "png", dir.resolve("whole.png"));
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.png"), Arrays.copyOf(bytes, bytes.length / 3));
        assertThatThrownBy(() -> MnistImage.load(cut))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(cut.toString())
                .hasMessageContaining("PNG or JPEG");
    }

    @Test
    void whitePng_isBlank() {
        Path white = Renderings.save(uniform(0xffffff), "png", dir.resolve("white.png"));
        assertThatThrownBy(() -> MnistImage.load(white))
                .isInstanceOf(UserException.class)
                .hasMessageStartingWith(white + " has no digit in it (it is blank)");
    }

    @Test
    void blackPng_isBlank() {
        Path black = Renderings.save(uniform(0x000000), "png", dir.resolve("black.png"));
        assertThatThrownBy(() -> MnistImage.load(black))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("blank");
    }

    @Test
    void greyPaperJpegWithNoiseButNoInk_isBlank() {
        float[][] none = new float[200][240];
        Path paper = Renderings.save(Renderings.photo(none, 7), "jpg", dir.resolve("paper.jpg"));
        assertThatThrownBy(() -> MnistImage.load(paper))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("blank");
    }

    @Test
    void fullyTransparentPng_isBlank() {
        Path clear = Renderings.save(new BufferedImage(50, 40, BufferedImage.TYPE_INT_ARGB), "png",
                dir.resolve("clear.png"));
        assertThatThrownBy(() -> MnistImage.load(clear))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("blank");
    }

    @Test
    void noiseAndACheckerboard_areNotCalledBlank() {
        java.util.Random random = new java.util.Random(1);
        BufferedImage noise = new BufferedImage(100, 100, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage checker = new BufferedImage(80, 80, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 100; y++) for (int x = 0; x < 100; x++) noise.getRaster().setSample(x, y, 0, random.nextInt(256));
        for (int y = 0; y < 80; y++) for (int x = 0; x < 80; x++) checker.getRaster().setSample(x, y, 0, ((x / 10 + y / 10) % 2) * 255);
        for (BufferedImage image : new BufferedImage[] {noise, checker}) {
            assertThatThrownBy(() -> MnistImage.fromImage(image))
                    .isInstanceOf(UserException.class)
                    .hasMessageContaining("nothing stands out from its background")
                    .hasMessageNotContaining("blank");
        }
    }

    @Test
    void blankInMemoryImage_isCalledImage() {
        assertThatThrownBy(() -> MnistImage.fromImage(uniform(0x808080)))
                .isInstanceOf(UserException.class)
                .hasMessageStartingWith("image has no digit in it (it is blank)");
    }

    @Test
    void toImageOfTheWrongLength_saysWhatItNeeds() {
        assertThatThrownBy(() -> MnistImage.toImage(new float[100]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("784")
                .hasMessageContaining("100");
    }

    private static BufferedImage uniform(int rgb) {
        BufferedImage img = new BufferedImage(60, 40, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 60; x++) img.setRGB(x, y, rgb);
        }
        return img;
    }
}
