package org.scratchnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.IdxReader;
import org.scratchnet.data.KaggleCsvReader;
import org.scratchnet.data.MnistFiles;
import org.scratchnet.io.SafeTensors;
import org.scratchnet.io.Tensor;

/**
 * End-to-end tests of the {@code scratchnet} command line: each test calls {@link Main#run} in
 * process with System.out/err captured, on the real MNIST files (system property mnist.dir, else
 * ../shared/mnist) and on small Kaggle CSVs written from MNIST test images. One small model is
 * trained once and shared.
 */
class CliEndToEndTest {

    static final Path MNIST = Path.of(System.getProperty("mnist.dir", "../shared/mnist"));

    @TempDir
    static Path shared;

    static Dataset mnistTest;
    static Path model;
    static Result trained;
    static JsonObject trainJson;
    /** 2000 labelled MNIST test images as a Kaggle train.csv. */
    static Path labelledCsv;

    record Result(int code, String out, String err) {}

    static synchronized Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.run(args);
        } finally {
            System.out.flush();
            System.err.flush();
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** stdout must be exactly one JSON object, nothing before or after it. */
    static JsonObject singleJsonObject(String stdout) {
        try (JsonReader reader = new JsonReader(new StringReader(stdout))) {
            JsonElement e = JsonParser.parseReader(reader);
            assertThat(reader.peek()).as("anything after the JSON object").isEqualTo(com.google.gson.stream.JsonToken.END_DOCUMENT);
            assertThat(e.isJsonObject()).as("stdout is a JSON object: %s", stdout).isTrue();
            return e.getAsJsonObject();
        } catch (IOException ex) {
            throw new AssertionError(ex);
        }
    }

    @BeforeAll
    static void trainSharedModel() throws IOException {
        mnistTest = IdxReader.read(MnistFiles.file(MNIST, MnistFiles.NAMES[2]), MnistFiles.file(MNIST, MnistFiles.NAMES[3]));
        labelledCsv = shared.resolve("train.csv");
        KaggleCsvReader.write(mnistTest.head(2000), labelledCsv, true);

        model = shared.resolve("m.safetensors");
        trained = run("train", "--data", MNIST.toString(), "--layers", "784,32,10", "--epochs", "1",
                "--out", model.toString(), "--json");
        assertThat(trained.code()).as("train failed: %s", trained.err()).isZero();
        trainJson = singleJsonObject(trained.out());
    }

    // ---------------------------------------------------------------- 1. train --json

    @Test
    void trainJsonReportsEverythingAndWritesModelAndHistory() {
        JsonObject j = trainJson;
        assertThat(j.get("test_accuracy").getAsDouble()).isGreaterThan(0.85).isLessThanOrEqualTo(1.0);
        assertThat(j.get("train_accuracy").getAsDouble()).isGreaterThan(0.85).isLessThanOrEqualTo(1.0);

        JsonArray matrix = j.getAsJsonArray("confusion_matrix");
        assertThat(matrix).hasSize(10);
        long total = 0;
        long diagonal = 0;
        int[] labelCounts = mnistTest.classCounts();
        for (int a = 0; a < 10; a++) {
            JsonArray row = matrix.get(a).getAsJsonArray();
            assertThat(row).hasSize(10);
            long rowSum = 0;
            for (int p = 0; p < 10; p++) rowSum += row.get(p).getAsLong();
            // rows are the actual class: each row sums to that class's count in the test set
            assertThat(rowSum).as("row %d = actual class %d", a, a).isEqualTo(labelCounts[a]);
            total += rowSum;
            diagonal += row.get(a).getAsLong();
        }
        assertThat(total).isEqualTo(10000);
        assertThat(diagonal / 10000.0).isCloseTo(j.get("test_accuracy").getAsDouble(), org.assertj.core.data.Offset.offset(1e-9));

        JsonArray perClass = j.getAsJsonArray("per_class");
        assertThat(perClass).hasSize(10);
        double f1Sum = 0;
        for (int c = 0; c < 10; c++) {
            JsonObject o = perClass.get(c).getAsJsonObject();
            assertThat(o.keySet()).contains("class", "precision", "recall", "f1", "support");
            assertThat(o.get("class").getAsInt()).isEqualTo(c);
            assertThat(o.get("support").getAsLong()).isEqualTo(labelCounts[c]);
            for (String k : List.of("precision", "recall", "f1")) {
                assertThat(o.get(k).getAsDouble()).isBetween(0.0, 1.0);
            }
            f1Sum += o.get("f1").getAsDouble();
        }
        assertThat(j.get("macro_f1").getAsDouble()).isCloseTo(f1Sum / 10, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(j.get("seconds").getAsDouble()).isPositive();
        assertThat(j.get("model").getAsString()).isEqualTo(model.toString());

        assertThat(model).isRegularFile();
        assertThat(shared.resolve("m.history.csv")).isRegularFile();
        assertThat(j.get("history").getAsString()).isEqualTo(shared.resolve("m.history.csv").toString());
        // no terminal: no progress bar, no carriage returns, nothing at all on stderr
        assertThat(trained.err()).isEmpty();
    }

    // ---------------------------------------------------------------- 2. determinism

    @Test
    void sameSeedGivesSameAccuracyAndSameWeights(@TempDir Path dir) throws IOException {
        Path again = dir.resolve("m.safetensors");
        Result r = run("train", "--data", MNIST.toString(), "--layers", "784,32,10", "--epochs", "1",
                "--out", again.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonObject j = singleJsonObject(r.out());
        assertThat(j.get("test_accuracy").getAsDouble()).isEqualTo(trainJson.get("test_accuracy").getAsDouble());
        assertThat(j.get("train_accuracy").getAsDouble()).isEqualTo(trainJson.get("train_accuracy").getAsDouble());
        assertThat(j.get("confusion_matrix")).isEqualTo(trainJson.get("confusion_matrix"));

        SafeTensors.Contents a = SafeTensors.read(model);
        SafeTensors.Contents b = SafeTensors.read(again);
        assertThat(b.tensors().keySet()).containsExactlyElementsOf(a.tensors().keySet());
        for (String name : a.tensors().keySet()) {
            Tensor ta = a.tensors().get(name);
            Tensor tb = b.tensors().get(name);
            assertThat(tb.shape()).as(name).isEqualTo(ta.shape());
            assertThat(tb.data()).as(name).isEqualTo(ta.data());
        }
        // The file's metadata records the wall-clock training time (training_seconds), so the two
        // files differ in that one value; everything else must be byte-for-byte the same.
        Map<String, String> ma = new HashMap<>(a.metadata());
        Map<String, String> mb = new HashMap<>(b.metadata());
        ma.remove("training_seconds");
        mb.remove("training_seconds");
        assertThat(mb).isEqualTo(ma);
        assertThat(dataSection(again)).as("tensor bytes of the two files").isEqualTo(dataSection(model));
    }

    /** The bytes after a safetensors file's 8-byte header length and JSON header: the tensors. */
    static byte[] dataSection(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        long headerLength = java.nio.ByteBuffer.wrap(b, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        return java.util.Arrays.copyOfRange(b, (int) (8 + headerLength), b.length);
    }

    // ---------------------------------------------------------------- 3. evaluate

    @Test
    void evaluatePrintsReportAndJsonMatchesTrain() {
        Result human = run("evaluate", "--model", model.toString(), "--data", MNIST.toString());
        assertThat(human.code()).as(human.err()).isZero();
        assertThat(human.out()).contains("Accuracy", "actual", "predicted", "precision", "macro avg");
        assertThat(human.err()).isEmpty();

        Result json = run("evaluate", "--model", model.toString(), "--data", MNIST.toString(), "--json");
        assertThat(json.code()).as(json.err()).isZero();
        JsonObject j = singleJsonObject(json.out());
        assertThat(j.get("test_accuracy").getAsDouble()).isEqualTo(trainJson.get("test_accuracy").getAsDouble());
        assertThat(j.get("confusion_matrix")).isEqualTo(trainJson.get("confusion_matrix"));
        assertThat(j.get("examples").getAsInt()).isEqualTo(10000);
    }

    // ---------------------------------------------------------------- 4. predict images

    @Test
    void predictImagesOfRealDigits(@TempDir Path dir) throws IOException {
        int n = 6;
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path file = dir.resolve("img" + i + (i % 2 == 0 ? ".png" : ".jpg"));
            writeDigitImage(i, file);
            paths.add(file.toString());
        }
        List<String> args = new ArrayList<>(List.of("predict", "--model", model.toString()));
        args.addAll(paths);
        Result r = run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        String[] lines = r.out().strip().split("\\R");
        assertThat(lines).hasSize(n);
        Pattern entry = Pattern.compile("(\\d) \\((\\d+\\.\\d)%\\)");
        int right = 0;
        for (int i = 0; i < n; i++) {
            assertThat(lines[i]).startsWith(paths.get(i) + ":");
            Matcher m = entry.matcher(lines[i].substring(paths.get(i).length() + 1));
            List<Integer> classes = new ArrayList<>();
            List<Double> percents = new ArrayList<>();
            while (m.find()) {
                classes.add(Integer.parseInt(m.group(1)));
                percents.add(Double.parseDouble(m.group(2)));
            }
            assertThat(classes).as(lines[i]).hasSize(3).doesNotHaveDuplicates();
            assertThat(percents).as(lines[i]).isSortedAccordingTo((x, y) -> Double.compare(y, x));
            assertThat(percents).allSatisfy(p -> assertThat(p).isBetween(0.0, 100.0));
            if (classes.get(0) == mnistTest.labels[i]) right++;
        }
        assertThat(right).as(r.out()).isGreaterThanOrEqualTo(n - 1);

        args.add("--json");
        Result json = run(args.toArray(String[]::new));
        assertThat(json.code()).as(json.err()).isZero();
        JsonArray predictions = singleJsonObject(json.out()).getAsJsonArray("predictions");
        assertThat(predictions).hasSize(n);
        for (int i = 0; i < n; i++) {
            JsonObject p = predictions.get(i).getAsJsonObject();
            assertThat(p.get("image").getAsString()).isEqualTo(paths.get(i));
            assertThat(p.getAsJsonArray("top")).hasSize(3);
            assertThat(p.get("prediction").getAsInt())
                    .isEqualTo(p.getAsJsonArray("top").get(0).getAsJsonObject().get("class").getAsInt());
        }
    }

    /** MNIST test digit i, scaled up to 100x100, dark ink on a light background. */
    static void writeDigitImage(int i, Path file) throws IOException {
        BufferedImage small = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int k = 0; k < 784; k++) {
            int ink = Math.round(mnistTest.x[i * 784 + k] * 255f);
            small.getRaster().setSample(k % 28, k / 28, 0, 255 - ink);
        }
        BufferedImage big = new BufferedImage(100, 100, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = big.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(small, 0, 0, 100, 100, null);
        g.dispose();
        String format = file.toString().endsWith(".png") ? "png" : "jpg";
        assertThat(ImageIO.write(big, format, file.toFile())).as("ImageIO writes " + format).isTrue();
    }

    // ---------------------------------------------------------------- 5. Kaggle submission

    @Test
    void predictCsvWritesKaggleSubmission(@TempDir Path dir) throws IOException {
        Path testCsv = dir.resolve("test.csv");
        int n = 150;
        KaggleCsvReader.write(mnistTest.head(n), testCsv, false);
        Path sub = dir.resolve("sub.csv");
        Result r = run("predict", "--model", model.toString(), "--csv", testCsv.toString(), "--submission", sub.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(sub);
        assertThat(lines).hasSize(n + 1);
        assertThat(lines.get(0)).isEqualTo("ImageId,Label");
        int right = 0;
        for (int i = 1; i <= n; i++) {
            String[] cells = lines.get(i).split(",");
            assertThat(cells).hasSize(2);
            assertThat(Integer.parseInt(cells[0])).isEqualTo(i);
            int label = Integer.parseInt(cells[1]);
            assertThat(label).isBetween(0, 9);
            if (label == mnistTest.labels[i - 1]) right++;
        }
        assertThat(right).isGreaterThan((int) (0.8 * n));
        assertNoTmp(dir);
    }

    // ---------------------------------------------------------------- 6. train --csv

    @Test
    void trainOnCsvHoldsOutTestFraction(@TempDir Path dir) {
        Path out = dir.resolve("c.safetensors");
        Result r = run("train", "--csv", labelledCsv.toString(), "--layers", "784,16,10", "--epochs", "1",
                "--test-fraction", "0.2", "--out", out.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonObject j = singleJsonObject(r.out());
        long total = 0;
        for (JsonElement row : j.getAsJsonArray("confusion_matrix")) {
            for (JsonElement cell : row.getAsJsonArray()) total += cell.getAsLong();
        }
        assertThat(total).isEqualTo(400);  // 20% of 2000 rows
        assertThat(j.get("test_accuracy").getAsDouble()).isBetween(0.0, 1.0);
        assertThat(out).isRegularFile();
        assertThat(dir.resolve("c.history.csv")).isRegularFile();
    }

    // ---------------------------------------------------------------- 7. data

    @Test
    void dataSummarisesAndDrawsGrid(@TempDir Path dir) throws IOException {
        Path grid = dir.resolve("g.png");
        Result r = run("data", "--data", MNIST.toString(), "--grid", grid.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonObject j = singleJsonObject(r.out());
        assertThat(j.has("train")).isTrue();
        assertThat(j.has("test")).isTrue();
        assertThat(j.get("grid").getAsString()).isEqualTo(grid.toString());
        BufferedImage img = ImageIO.read(grid.toFile());
        assertThat(img).isNotNull();
        assertThat(img.getWidth()).isPositive();
        assertThat(img.getHeight()).isPositive();
        assertNoTmp(dir);
    }

    // ---------------------------------------------------------------- 8. gradcheck

    @Test
    void gradcheckPasses() {
        Result r = run("gradcheck", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(singleJsonObject(r.out()).get("ok").getAsBoolean()).isTrue();
    }

    // ---------------------------------------------------------------- 9. error paths

    /** Exit 2, one "scratchnet: " line on stderr, no stack trace, no file left behind. */
    static String assertUserError(Result r, Path dir, Path out) throws IOException {
        assertThat(r.code()).as("exit code; stderr: %s", r.err()).isEqualTo(2);
        String err = r.err();
        assertThat(err).endsWith(System.lineSeparator());
        assertThat(err.strip().split("\\R")).as("stderr lines: %s", err).hasSize(1);
        assertThat(err).startsWith("scratchnet: ").doesNotContain("Exception").doesNotContain("at org.");
        if (out != null) {
            assertThat(out).doesNotExist();
            assertThat(TrainCommand.historyPath(out)).doesNotExist();
        }
        assertNoTmp(dir);
        return err;
    }

    static void assertNoTmp(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".scratchnet-tmp")).toList()).isEmpty();
        }
    }

    Result train(Path dir, String... extra) {
        List<String> args = new ArrayList<>(List.of("train"));
        args.addAll(List.of(extra));
        args.addAll(List.of("--out", dir.resolve("m.safetensors").toString()));
        return run(args.toArray(String[]::new));
    }

    @Test
    void missingDataFolder(@TempDir Path dir) throws IOException {
        String err = assertUserError(train(dir, "--data", dir.resolve("nope").toString(), "--layers", "784,32,10"),
                dir, dir.resolve("m.safetensors"));
        assertThat(err).contains("nope");
    }

    @Test
    void layersThatDoNotFitTheData(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("m.safetensors");
        assertThat(assertUserError(train(dir, "--data", MNIST.toString(), "--layers", "784,10,7"), dir, out))
                .contains("--layers").contains("10 classes");
        assertThat(assertUserError(train(dir, "--data", MNIST.toString(), "--layers", "100,10"), dir, out))
                .contains("--layers").contains("784 inputs");
    }

    /** Option-value errors, on the small CSV (the options are checked the same way for --data). */
    @Test
    void badOptionValues(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("m.safetensors");
        String csv = labelledCsv.toString();
        assertThat(assertUserError(train(dir, "--csv", csv, "--layers", "784,16,10", "--activation", "swish"), dir, out))
                .contains("swish");
        assertThat(assertUserError(train(dir, "--csv", csv, "--layers", "784,16,10", "--init", "foo"), dir, out))
                .contains("foo");
        assertThat(assertUserError(train(dir, "--csv", csv, "--layers", "784,16,10", "--optimizer", "adagrad"), dir, out))
                .contains("adagrad");
        assertThat(assertUserError(train(dir, "--csv", csv, "--layers", "784,16,10", "--batch", "abc"), dir, out))
                .contains("--batch").contains("abc");
        assertThat(assertUserError(train(dir, "--csv", csv, "--frobnicate"), dir, out))
                .contains("--frobnicate");
    }

    @Test
    void evaluateWithABadOrMissingModel(@TempDir Path dir) throws IOException {
        Path junk = dir.resolve("junk.safetensors");
        byte[] bytes = new byte[4096];
        new Random(7).nextBytes(bytes);
        Files.write(junk, bytes);
        assertThat(assertUserError(run("evaluate", "--model", junk.toString(), "--data", MNIST.toString()), dir, null))
                .contains(junk.toString());
        Path missing = dir.resolve("missing.safetensors");
        assertThat(assertUserError(run("evaluate", "--model", missing.toString(), "--data", MNIST.toString()), dir, null))
                .contains(missing.toString());
        assertThat(missing).doesNotExist();
    }

    @Test
    void predictOnATextFileNamedPng(@TempDir Path dir) throws IOException {
        Path fake = dir.resolve("x.png");
        Files.writeString(fake, "this is not an image\n");
        assertThat(assertUserError(run("predict", "--model", model.toString(), fake.toString()), dir, null))
                .contains("x.png");
    }

    @Test
    void trainCsvWithABadPixelNamesTheLine(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("bad.csv");
        KaggleCsvReader.write(mnistTest.head(5), csv, true);
        List<String> lines = new ArrayList<>(Files.readAllLines(csv));
        String line3 = lines.get(2);  // 1-based line 3: the second data row
        int comma = line3.indexOf(',');
        int next = line3.indexOf(',', comma + 1);
        lines.set(2, line3.substring(0, comma + 1) + "300" + line3.substring(next));
        Files.write(csv, lines);
        String err = assertUserError(train(dir, "--csv", csv.toString(), "--layers", "784,16,10"), dir, dir.resolve("m.safetensors"));
        assertThat(err).contains("line 3").contains("300");
    }

    @Test
    void dataAndCsvTogether(@TempDir Path dir) throws IOException {
        assertThat(assertUserError(train(dir, "--data", MNIST.toString(), "--csv", labelledCsv.toString(),
                "--layers", "784,16,10"), dir, dir.resolve("m.safetensors")))
                .contains("--data").contains("--csv");
    }

    // ---------------------------------------------------------------- 10. divergence

    @Test
    void divergingTrainingFailsCleanlyWithoutWritingAModel(@TempDir Path dir) throws IOException {
        // ReLU + plain SGD at lr 1e9: the loss is NaN by the 4th update with seed 42.
        Result r = train(dir, "--data", MNIST.toString(), "--layers", "784,32,10", "--lr", "1e9", "--optimizer", "sgd",
                "--batch", "128", "--iterations", "30", "--seed", "42", "--json");
        assertThat(assertUserError(r, dir, dir.resolve("m.safetensors"))).contains("diverged");
        assertThat(r.out()).isEmpty();
    }
}
