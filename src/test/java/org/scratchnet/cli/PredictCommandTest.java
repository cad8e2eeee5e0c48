package org.scratchnet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scratchnet.cli.CliEndToEndTest.assertUserError;
import static org.scratchnet.cli.CliEndToEndTest.run;
import static org.scratchnet.cli.CliEndToEndTest.singleJsonObject;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.IdxReader;
import org.scratchnet.data.MnistFiles;
import org.scratchnet.image.MnistImage;
import org.scratchnet.hostile.FolderSnapshot;

/**
 * {@code predict} on many images: one bad image does not stop the others, folders are expanded,
 * {@code --json} has every probability, {@code --top} is checked against the model, images and
 * {@code --csv} do not mix, and {@code --show-input} writes what the network sees.
 */
class PredictCommandTest {

    @TempDir
    static Path shared;

    static Dataset mnistTest;
    static Path model;

    @BeforeAll
    static void trainSmallModel() {
        Path mnist = CliEndToEndTest.MNIST;
        mnistTest = IdxReader.read(MnistFiles.file(mnist, MnistFiles.NAMES[2]), MnistFiles.file(mnist, MnistFiles.NAMES[3]));
        model = shared.resolve("p.safetensors");
        CliEndToEndTest.Result r = run("train", "--data", mnist.toString(), "--layers", "784,32,10", "--epochs", "1",
                "--out", model.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
    }

    /** MNIST test digit i as a 56x56 dark-on-light PNG (or JPEG by the name). */
    static Path digit(int i, Path file) throws IOException {
        BufferedImage img = new BufferedImage(56, 56, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 56; y++) {
            for (int x = 0; x < 56; x++) {
                float v = mnistTest.x[i * 784 + (y / 2) * 28 + x / 2];
                img.getRaster().setSample(x, y, 0, 255 - Math.round(v * 255));
            }
        }
        ImageIO.write(img, file.toString().endsWith(".png") ? "png" : "jpg", file.toFile());
        return file;
    }

    @Test
    void oneUnreadableImageAmong31IsReportedAndTheOthersArePredicted(@TempDir Path dir) throws IOException {
        List<String> args = new ArrayList<>(List.of("predict", "--model", model.toString()));
        Path broken = dir.resolve("img10.png");
        for (int i = 0; i < 31; i++) {
            if (i == 10) Files.writeString(broken, "not an image");
            else digit(i, dir.resolve("img" + i + ".png"));
            args.add(dir.resolve("img" + i + ".png").toString());
        }
        Path missing = dir.resolve("gone.png");
        args.add(missing.toString());
        CliEndToEndTest.Result r = run(args.toArray(String[]::new));
        assertThat(r.code()).isEqualTo(2);
        String[] out = r.out().strip().split("\\R");
        assertThat(out).hasSize(30);
        assertThat(out[10]).startsWith(dir.resolve("img11.png") + ":");
        String[] err = r.err().strip().split("\\R");
        assertThat(err).hasSize(2);
        assertThat(err[0]).startsWith("scratchnet: " + broken + ": ").contains("PNG");
        assertThat(err[1]).startsWith("scratchnet: " + missing + ": not found");
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aFolderMeansEveryImageInItInNameOrder(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("scans"));
        digit(2, folder.resolve("b.jpg"));
        digit(1, folder.resolve("a.png"));
        digit(3, folder.resolve("c.PNG"));
        Files.writeString(folder.resolve("notes.txt"), "not a picture");
        Files.createDirectories(folder.resolve("sub"));
        digit(4, folder.resolve("sub/d.png"));
        CliEndToEndTest.Result r = run("predict", "--model", model.toString(), folder.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().map(l -> l.substring(0, l.indexOf(':'))).toList())
                .containsExactly(folder.resolve("a.png").toString(), folder.resolve("b.jpg").toString(),
                        folder.resolve("c.PNG").toString());

        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliEndToEndTest.Result e = run("predict", "--model", model.toString(), empty.toString(), folder.resolve("a.png").toString());
        assertThat(e.code()).isEqualTo(2);
        assertThat(e.out().lines()).hasSize(1);
        assertThat(e.err().strip()).isEqualTo("scratchnet: " + empty + ": this folder holds no image (.png, .jpg, ...) to classify");
    }

    @Test
    void jsonHasTheFullProbabilityVectorAndTheFailures(@TempDir Path dir) throws IOException {
        Path good = digit(0, dir.resolve("seven.png"));
        Path bad = dir.resolve("bad.png");
        Files.write(bad, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});
        CliEndToEndTest.Result r = run("predict", "--model", model.toString(), good.toString(), bad.toString(), "--json");
        assertThat(r.code()).isEqualTo(2);
        JsonObject j = singleJsonObject(r.out());
        JsonObject p = j.getAsJsonArray("predictions").get(0).getAsJsonObject();
        JsonArray probabilities = p.getAsJsonArray("probabilities");
        assertThat(probabilities).hasSize(10);
        double sum = 0;
        int argmax = 0;
        for (int c = 0; c < 10; c++) {
            double v = probabilities.get(c).getAsDouble();
            sum += v;
            if (v > probabilities.get(argmax).getAsDouble()) argmax = c;
        }
        assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(p.get("prediction").getAsInt()).isEqualTo(argmax).isEqualTo(7);
        JsonArray failed = j.getAsJsonArray("failed");
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).getAsJsonObject().get("image").getAsString()).isEqualTo(bad.toString());
        assertThat(r.err().strip().split("\\R")).hasSize(1);
    }

    @Test
    void topIsCheckedAgainstTheModelsClasses(@TempDir Path dir) throws IOException {
        Path img = digit(0, dir.resolve("d.png"));
        for (String k : new String[] {"0", "-1", "11"}) {
            assertThat(assertUserError(run("predict", "--model", model.toString(), "--top", k, img.toString()), dir, null))
                    .contains("--top must be between 1 and 10").contains("got " + k);
        }
        CliEndToEndTest.Result all = run("predict", "--model", model.toString(), "--top", "10", img.toString());
        assertThat(all.code()).as(all.err()).isZero();
        assertThat(all.out().split("%\\)")).hasSize(11);  // ten entries
    }

    @Test
    void imagesAndCsvDoNotMix(@TempDir Path dir) throws IOException {
        Path img = digit(0, dir.resolve("d.png"));
        Path csv = dir.resolve("test.csv");
        org.scratchnet.data.KaggleCsvReader.write(mnistTest.head(5), csv, false);
        assertThat(assertUserError(run("predict", "--model", model.toString(), "--csv", csv.toString(), img.toString()), dir, null))
                .contains("either images or --csv");
        assertThat(assertUserError(run("predict", "--model", model.toString(), "--invert", "maybe", img.toString()), dir, null))
                .contains("--invert").contains("maybe");
    }

    @Test
    void invertSaysWhichWayRoundTheDigitIs(@TempDir Path dir) throws IOException {
        Path img = digit(0, dir.resolve("d.png"));  // dark on light
        CliEndToEndTest.Result auto = run("predict", "--model", model.toString(), img.toString());
        CliEndToEndTest.Result yes = run("predict", "--model", model.toString(), "--invert", "yes", img.toString());
        assertThat(yes.code()).as(yes.err()).isZero();
        assertThat(yes.out()).isEqualTo(auto.out());
        CliEndToEndTest.Result no = run("predict", "--model", model.toString(), "--invert", "no", img.toString());
        assertThat(no.code()).isEqualTo(2);
        assertThat(no.err()).contains("said to be light on dark");
    }

    @Test
    void showInputWritesWhatTheNetworkSees(@TempDir Path dir) throws IOException {
        Path img = digit(5, dir.resolve("d.png"));
        Path picture = dir.resolve("seen.png");
        CliEndToEndTest.Result r = run("predict", "--model", model.toString(), "--show-input", picture.toString(), img.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("280x280: " + picture);
        BufferedImage seen = ImageIO.read(picture.toFile());
        assertThat(seen.getWidth()).isEqualTo(280);
        assertThat(seen.getHeight()).isEqualTo(280);
        float[] input = MnistImage.load(img);
        for (int k = 0; k < 784; k++) {
            int x = (k % 28) * 10;
            int y = (k / 28) * 10;
            assertThat(seen.getRaster().getSample(x + 9, y + 9, 0)).as("pixel %d", k).isEqualTo(Math.round(input[k] * 255));
        }

        Path folder = dir.resolve("inputs");
        Path second = Files.createDirectories(dir.resolve("other"));
        digit(6, second.resolve("d.png"));
        CliEndToEndTest.Result many = run("predict", "--model", model.toString(), "--show-input", folder.toString(),
                img.toString(), second.resolve("d.png").toString());
        assertThat(many.code()).as(many.err()).isZero();
        assertThat(folder.resolve("d.input.png")).isRegularFile();
        assertThat(folder.resolve("d-2.input.png")).isRegularFile();
    }

    @Test
    void showInputIsCheckedBeforeAnyWork(@TempDir Path dir) throws IOException {
        Path img = digit(5, dir.resolve("d.png"));
        Path other = digit(6, dir.resolve("e.png"));
        FolderSnapshot before = FolderSnapshot.of(dir);
        assertThat(assertUserError(run("predict", "--model", model.toString(), "--show-input", dir.resolve("x.gif").toString(),
                img.toString()), dir, null)).contains(".png, .jpg or .jpeg");
        assertThat(assertUserError(run("predict", "--model", model.toString(), "--show-input", img.toString(),
                img.toString()), dir, null)).contains("an input of this command");
        assertThat(assertUserError(run("predict", "--model", model.toString(), "--show-input", other.toString(),
                img.toString(), other.toString()), dir, null)).contains("need a folder");
        before.assertUnchanged();
    }
}
