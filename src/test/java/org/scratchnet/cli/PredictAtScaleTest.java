package org.scratchnet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scratchnet.cli.CliEndToEndTest.run;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.IdxReader;
import org.scratchnet.data.KaggleCsvReader;
import org.scratchnet.data.MnistFiles;
import org.scratchnet.hostile.Cli;
import org.scratchnet.io.ModelFile;
import org.scratchnet.nn.Network;

/**
 * {@code predict} at scale: a folder (or a quoted glob) of thousands of MNIST test digits as PNG
 * files, streamed into a CSV or JSON Lines file of every image's probabilities with memory that
 * does not grow with the number of images; {@code predict --csv --output} with each row's
 * probabilities and the accuracy on a labelled file.
 */
class PredictAtScaleTest {
    static final int IMAGES = 8000;

    @TempDir
    static Path shared;

    static Dataset mnistTest;
    static Path model;
    static Path digits;

    @BeforeAll
    static void trainAModelAndWriteTheDigits() throws IOException {
        Path mnist = CliEndToEndTest.MNIST;
        mnistTest = IdxReader.read(MnistFiles.file(mnist, MnistFiles.NAMES[2]), MnistFiles.file(mnist, MnistFiles.NAMES[3]));
        model = shared.resolve("m.safetensors");
        CliEndToEndTest.Result r = run("train", "--data", mnist.toString(), "--layers", "784,32,10", "--epochs", "1",
                "--out", model.toString());
        assertThat(r.code()).as(r.err()).isZero();
        digits = Files.createDirectory(shared.resolve("digits"));
        for (int i = 0; i < IMAGES; i++) png(i, digits.resolve(String.format("%05d-label%d.png", i, mnistTest.labels[i])));
        Files.writeString(digits.resolve("notes.txt"), "not an image: skipped in a folder");
    }

    /** MNIST test digit i as the 28x28 white-on-black PNG it was. */
    static void png(int i, Path file) throws IOException {
        BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int p = 0; p < 784; p++) img.getRaster().setSample(p % 28, p / 28, 0, Math.round(mnistTest.x[i * 784 + p] * 255));
        ImageIO.write(img, "png", file.toFile());
    }

    @Test
    void aFolderOfThousandsOfImagesStreamsIntoACsvOfEveryProbability(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("predictions.csv");
        CliEndToEndTest.Result r = run("predict", "--model", model.toString(), digits.toString(), "--output", out.toString());
        // A few of MNIST's faintest digits are blank to the photo converter (nothing 20/255 above the
        // background): each is its own line on stderr and its own row with the error, and the exit code says so.
        long blank = r.err().lines().count();
        assertThat(r.err().lines()).allMatch(line -> line.startsWith("scratchnet: " + digits) && line.contains("blank"));
        assertThat(blank).isLessThan(10);
        assertThat(r.code()).isEqualTo(blank == 0 ? 0 : 2);
        assertThat(r.out()).startsWith("Predicted " + String.format("%,d", IMAGES - blank) + " images in ").contains("wrote " + out);

        List<String> rows = Files.readAllLines(out);
        assertThat(rows).hasSize(IMAGES + 1);
        assertThat(rows.get(0)).isEqualTo("image,prediction,p0,p1,p2,p3,p4,p5,p6,p7,p8,p9,error");
        int correct = 0;
        for (int i = 1; i <= IMAGES; i++) {
            String[] f = rows.get(i).split(",", -1);
            assertThat(f).hasSize(13);
            assertThat(f[0]).isEqualTo(digits.resolve(String.format("%05d-label%d.png", i - 1, mnistTest.labels[i - 1])).toString());
            if (!f[12].isEmpty()) {
                assertThat(f[1]).isEmpty();
                assertThat(f[12]).contains("blank");
                continue;
            }
            double sum = 0, best = -1;
            int argmax = -1;
            for (int c = 0; c < 10; c++) {
                double p = Double.parseDouble(f[2 + c]);
                sum += p;
                if (p > best) { best = p; argmax = c; }
            }
            assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
            assertThat(Integer.parseInt(f[1])).isEqualTo(argmax);
            assertThat(f[12]).isEmpty();
            if (argmax == mnistTest.labels[i - 1]) correct++;
        }
        // MNIST's own digits, so the model's test accuracy (about 93% after one epoch) must show.
        assertThat((double) correct / IMAGES).isGreaterThan(0.85);
    }

    @Test
    void aQuotedGlobGivesJsonLinesAndAnUnreadableImageItsOwnLine(@TempDir Path dir) throws IOException {
        Path broken = Files.writeString(digits.getParent().resolve("broken-label0.png"), "not a png");
        try {
            Path out = dir.resolve("p.jsonl");
            CliEndToEndTest.Result r = run("predict", "--model", model.toString(), digits + "/01*.png",
                    broken.toString(), "--output", out.toString(), "--json");
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err().strip()).startsWith("scratchnet: " + broken + ": ").doesNotContain("\n");
            JsonObject summary = JsonParser.parseString(r.out()).getAsJsonObject();
            assertThat(summary.get("predicted").getAsInt()).isEqualTo(1000);  // 01000 to 01999
            assertThat(summary.get("failed").getAsInt()).isEqualTo(1);

            List<String> lines = Files.readAllLines(out);
            assertThat(lines).hasSize(1001);
            JsonObject first = JsonParser.parseString(lines.get(0)).getAsJsonObject();
            assertThat(first.get("image").getAsString()).endsWith("01000-label" + mnistTest.labels[1000] + ".png");
            assertThat(first.getAsJsonArray("probabilities")).hasSize(10);
            JsonObject failed = JsonParser.parseString(lines.get(1000)).getAsJsonObject();
            assertThat(failed.get("image").getAsString()).isEqualTo(broken.toString());
            assertThat(failed.has("error")).isTrue();
        } finally {
            Files.delete(broken);
        }
    }

    @Test
    void memoryStaysFlatOverThousandsOfFiles(@TempDir Path dir) throws IOException {
        // 8,000 images hold 25 MB of input floats alone: more than this whole heap, so only a run
        // that keeps a bounded number of them at a time can finish.
        long inputBytes = (long) IMAGES * 784 * Float.BYTES;
        assertThat(inputBytes).isGreaterThan(20L << 20);
        Cli.Run r = Cli.run(dir, List.of("-Xmx20m"), "predict", "--model", model.toString(), digits.toString(),
                "--output", dir.resolve("p.csv").toString());
        assertThat(r.err()).as(r.toString()).doesNotContain("out of memory");
        assertThat(r.out()).as(r.toString()).startsWith("Predicted 7,99");  // all but the few blank ones
        assertThat(Files.readAllLines(dir.resolve("p.csv"))).hasSize(IMAGES + 1);
    }

    @Test
    void csvRowsGetTheirProbabilitiesAndALabelledFileItsAccuracy(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("labelled.csv");
        KaggleCsvReader.write(mnistTest.head(3000), csv, true);
        Path out = dir.resolve("rows.csv");
        CliEndToEndTest.Result r = run("predict", "--model", model.toString(), "--csv", csv.toString(), "--output", out.toString());
        assertThat(r.code()).as(r.err()).isZero();

        Network net = ModelFile.load(model).network();
        int[] expected = net.predict(mnistTest.head(3000));
        int correct = 0;
        for (int i = 0; i < 3000; i++) if (expected[i] == mnistTest.labels[i]) correct++;
        assertThat(r.out()).contains(String.format(java.util.Locale.ROOT, "Accuracy %.2f%% on the 3,000 labelled rows", 100.0 * correct / 3000));

        List<String> rows = Files.readAllLines(out);
        assertThat(rows).hasSize(3001);
        assertThat(rows.get(0)).endsWith(",p9,error,label");
        float[] p = net.predictProbabilities(java.util.Arrays.copyOf(mnistTest.x, 784 * 3000), 3000);
        for (int i = 1; i <= 3000; i++) {
            String[] f = rows.get(i).split(",", -1);
            assertThat(f[0]).isEqualTo(Integer.toString(i));
            assertThat(Integer.parseInt(f[1])).isEqualTo(expected[i - 1]);
            for (int c = 0; c < 10; c++) assertThat(Float.parseFloat(f[2 + c])).isCloseTo(p[(i - 1) * 10 + c], org.assertj.core.data.Offset.offset(1e-6f));
            assertThat(Integer.parseInt(f[13])).isEqualTo(mnistTest.labels[i - 1]);
        }
    }
}
