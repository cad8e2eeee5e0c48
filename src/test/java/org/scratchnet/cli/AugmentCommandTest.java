package org.scratchnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.augment.AugmentationSpec;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.MnistFiles;
import org.scratchnet.io.ModelFile;
import org.scratchnet.plot.AugmentationGrid;

/**
 * {@code train --augment} and {@code data --augment} in process on real MNIST: the run says and
 * records what distorted its images, and how many, and the grid is the originals beside their variants.
 */
class AugmentCommandTest {

    @Test
    void trainRecordsItsAugmentationInTheJsonAndTheModel(@TempDir Path dir) {
        Path model = dir.resolve("m.safetensors");
        CliEndToEndTest.Result r = CliEndToEndTest.run("train", "--data", CliEndToEndTest.MNIST.toString(), "--iterations", "40",
                "--augment", "both", "--rotation", "15", "--elastic-alpha", "30", "--out", model.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonObject j = JsonParser.parseString(r.out()).getAsJsonObject();
        String expected = "both(shift=2, rotation=15, scaling=0.1, shear=10, sigma=4, alpha=30)";
        assertThat(j.get("augmentation").getAsString()).isEqualTo(expected);
        assertThat(j.get("test_accuracy").getAsDouble()).isGreaterThan(0.5);  // 40 updates on distorted digits still learn
        long images = 40L * j.get("batch_size").getAsInt();  // all in the first epoch
        assertThat(j.get("images_distorted").getAsLong()).isEqualTo(images);
        assertThat(j.get("distorted_in_step_waits").getAsLong()).isBetween(0L, images);
        assertThat(ModelFile.load(model).metadata()).containsEntry("augmentation", expected);
    }

    @Test
    void dataDrawsEachDigitBesideItsVariants(@TempDir Path dir) throws IOException {
        Path grid = dir.resolve("g.png");
        CliEndToEndTest.Result r = CliEndToEndTest.run("data", "--data", CliEndToEndTest.MNIST.toString(), "--augment", "elastic",
                "--rows", "3", "--cols", "5", "--grid", grid.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Drew 3 digits of").contains("each beside 4 variants of augment elastic(sigma=4, alpha=34)");
        BufferedImage drawn = ImageIO.read(grid.toFile());
        Dataset train = MnistFiles.load(CliEndToEndTest.MNIST)[0];
        BufferedImage expected = AugmentationGrid.figure(train, AugmentationSpec.elastic(), 3, 4, 42).image();
        assertThat(drawn.getWidth()).isEqualTo(expected.getWidth());
        assertThat(drawn.getHeight()).isEqualTo(expected.getHeight());
        int differ = 0;
        for (int y = 0; y < drawn.getHeight(); y++) {
            for (int x = 0; x < drawn.getWidth(); x++) if (drawn.getRGB(x, y) != expected.getRGB(x, y)) differ++;
        }
        assertThat(differ).as("pixels unlike the library's grid for the same seed").isZero();
    }
}
