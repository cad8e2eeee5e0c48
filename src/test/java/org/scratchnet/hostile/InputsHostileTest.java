package org.scratchnet.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.io.SafeTensors;
import org.scratchnet.io.Tensor;

/**
 * Hostile inputs, one per class of case of issue 11's catalogue: special files where a file is
 * read, memory bombs (IDX, gzip, CSV, PNG, network sizes from the command line, a model file and
 * an experiment file), broken models, and text that is not what it claims. Each must end with
 * exit 2 and one line, within the time limit, leaving the folder exactly as it was. Bombs run
 * with a small heap so that trusting a header would show as an OutOfMemoryError.
 */
class InputsHostileTest {

    static final List<String> SMALL_HEAP = List.of("-Xmx256m");
    static final Path FIXTURE_MODEL = Path.of("src/test/resources/fixtures/models/scratchnet-format1-784-16-10.safetensors")
            .toAbsolutePath();

    @TempDir
    Path dir;

    // ---- only regular files are read ----

    @Test
    void aFifoAsModelOrCsvIsRefusedWithoutWaitingForAWriter() {
        Path fifo = HostileFiles.fifo(dir.resolve("pipe"));
        FolderSnapshot before = FolderSnapshot.of(dir);
        assertThat(Expect.userError(Cli.run(dir, "evaluate", "--model", fifo.toString(), "--data", Cli.mnist().toString())))
                .contains("pipe").contains("FIFO");
        assertThat(Expect.userError(Cli.run(dir, "train", "--csv", fifo.toString()))).contains("FIFO");
        before.assertUnchanged();
    }

    @Test
    void aDeviceAsCsvIsRefused() {
        FolderSnapshot before = FolderSnapshot.of(dir);
        assertThat(Expect.userError(Cli.run(dir, "data", "--csv", "/dev/zero"))).contains("/dev/zero").contains("character device");
        before.assertUnchanged();
    }

    @Test
    void aFolderFifoOrSymlinkLoopInTheDataFolderIsNamedForWhatItIs() throws IOException {
        Path data = mnistFolder("data");
        Files.delete(data.resolve("t10k-images-idx3-ubyte.gz"));
        Files.createDirectory(data.resolve("t10k-images-idx3-ubyte.gz"));
        Files.delete(data.resolve("t10k-labels-idx1-ubyte.gz"));
        Files.createSymbolicLink(data.resolve("t10k-labels-idx1-ubyte.gz"), data.resolve("t10k-labels-idx1-ubyte"));
        Files.createSymbolicLink(data.resolve("t10k-labels-idx1-ubyte"), data.resolve("t10k-labels-idx1-ubyte.gz"));
        FolderSnapshot before = FolderSnapshot.of(dir);
        String message = Expect.userError(evaluateOn(data));
        assertThat(message).contains("t10k-images-idx3-ubyte.gz").contains("it is a folder").doesNotContain("missing");
        Files.delete(data.resolve("t10k-images-idx3-ubyte.gz"));
        Files.copy(Cli.mnist().resolve("t10k-images-idx3-ubyte.gz"), data.resolve("t10k-images-idx3-ubyte.gz"));
        before = FolderSnapshot.of(dir);
        assertThat(Expect.userError(evaluateOn(data))).contains("t10k-labels-idx1-ubyte").contains("loop");
        before.assertUnchanged();
    }

    // ---- memory bombs ----

    @Test
    void aSparseIdxFileHoldingMoreImagesThanTheHeapIsRefusedWithTheLimitToRaise() throws IOException {
        // 200,000 images (157 MB of zeros in a sparse hole; 1.9 million behave the same, but the
        // folder snapshot hashes every byte) become 627 MB of floats: more than a 256 MB heap.
        Path data = mnistFolder("data");
        Files.delete(data.resolve("t10k-images-idx3-ubyte.gz"));
        HostileFiles.sparseIdx(data.resolve("t10k-images-idx3-ubyte"), 200_000);
        FolderSnapshot before = FolderSnapshot.of(dir);
        assertThat(Expect.userError(Cli.run(dir, SMALL_HEAP, "evaluate", "--model", FIXTURE_MODEL.toString(),
                "--data", data.toString())))
                .contains("200000 images").contains("SCRATCHNET_JAVA_OPTS=-Xmx");
        before.assertUnchanged();
    }

    @Test
    void aGzipBombOf2GigabytesIsRefusedBeforeItFillsTheHeap() throws IOException {
        Path data = mnistFolder("data");
        HostileFiles.gzipBomb(data.resolve("t10k-images-idx3-ubyte.gz"), 2_700_000);
        assertThat(Files.size(data.resolve("t10k-images-idx3-ubyte.gz"))).isLessThan(10L << 20);
        FolderSnapshot before = FolderSnapshot.of(dir);
        assertThat(Expect.userError(Cli.run(dir, SMALL_HEAP, "evaluate", "--model", FIXTURE_MODEL.toString(),
                "--data", data.toString())))
                .contains("2700000 images").contains("read so far").contains("SCRATCHNET_JAVA_OPTS=-Xmx");
        before.assertUnchanged();
    }

    @Test
    void garbageAfterAGzipStreamIsRefusedLikeGarbageAfterRawData() throws IOException {
        Path data = mnistFolder("data");
        Path labels = data.resolve("t10k-labels-idx1-ubyte.gz");
        byte[] gz = Files.readAllBytes(labels);
        Files.delete(labels);
        byte[] withGarbage = java.util.Arrays.copyOf(gz, gz.length + 7);
        Files.write(labels, withGarbage);
        FolderSnapshot before = FolderSnapshot.of(dir);
        assertThat(Expect.userError(evaluateOn(data))).contains("7 bytes of unexpected data after the end of the gzip stream");
        before.assertUnchanged();
    }

    @Test
    void aCsvHeaderOf2point2MillionColumnsIsRefused() throws IOException {
        StringBuilder header = new StringBuilder("label");
        for (int j = 0; j < 2_200_000; j++) header.append(",pixel").append(j);
        Path csv = Files.writeString(dir.resolve("wide.csv"), header.append("\n0\n"));
        FolderSnapshot before = FolderSnapshot.of(dir);
        assertThat(Expect.userError(Cli.run(dir, SMALL_HEAP, "data", "--csv", csv.toString())))
                .contains("wide.csv").contains("not a Kaggle digit CSV");
        before.assertUnchanged();
    }

    @Test
    void aPngDeclaring30000x30000PixelsIsRefusedFromItsHeader() {
        Path png = HostileFiles.hugePng(dir.resolve("huge.png"), 30_000, 30_000);
        FolderSnapshot before = FolderSnapshot.of(dir);
        assertThat(Expect.userError(Cli.run(dir, SMALL_HEAP, "predict", "--model", FIXTURE_MODEL.toString(), png.toString())))
                .contains("huge.png").contains("30000x30000");
        before.assertUnchanged();
    }

    @Test
    void layersTooLargeForTheHeapOrForAnArraySayHowMuchAndHowToRaiseTheLimit() throws IOException {
        Path csv = tinyCsv();
        FolderSnapshot before = FolderSnapshot.of(dir);
        assertThat(Expect.userError(Cli.run(dir, "train", "--csv", csv.toString(), "--layers", "784,1000000,10")))
                .contains("784-1000000-10").contains("GB").contains("SCRATCHNET_JAVA_OPTS=-Xmx");
        assertThat(Expect.userError(Cli.run(dir, "train", "--csv", csv.toString(), "--layers", "784,3000000,10")))
                .contains("more than one Java array can hold");
        before.assertUnchanged();
    }

    @Test
    void aModelWhoseMetadataClaims2BillionUnitsIsRefusedBeforeAllocating() throws IOException {
        Path model = modelWith(meta -> meta.put("layer_sizes", "784-2000000000-10"), null);
        FolderSnapshot before = FolderSnapshot.of(dir);
        assertThat(Expect.userError(Cli.run(dir, SMALL_HEAP, "evaluate", "--model", model.toString(),
                "--data", Cli.mnist().toString()))).contains(model.getFileName().toString());
        before.assertUnchanged();
    }

    @Test
    void anExperimentFileWithLayersTooLargeOrFiveClassesIsRefusedInOneLine() throws IOException {
        Path csv = tinyCsv();
        Path big = Files.writeString(dir.resolve("big.yaml"), experiment("[784, 1000000, 10]"));
        Path five = Files.writeString(dir.resolve("five.yaml"), experiment("[784, 64, 5]"));
        FolderSnapshot before = FolderSnapshot.of(dir);
        Path out = dir.resolve("out");
        assertThat(Expect.userError(Cli.run(dir, "experiment", big.toString(), "--out", out.toString(), "--quick",
                "--csv", csv.toString()))).contains("784-1000000-10").contains("SCRATCHNET_JAVA_OPTS");
        assertThat(Expect.userError(Cli.run(dir, "experiment", five.toString(), "--out", out.toString(), "--quick",
                "--csv", csv.toString()))).contains("five.yaml").contains("5 classes");
        // the report folder may be prepared before the runs; nothing of the inputs may change
        deleteIfEmpty(out);
        before.assertUnchanged();
    }

    @Test
    void imagesOf4096x4096PixelsMakeAGridTooLargeForOneImageAndSayWhatToDo() throws IOException {
        Path data = Files.createDirectory(dir.resolve("big"));
        for (String set : List.of("train", "t10k")) {
            HostileFiles.sparseIdx(data.resolve(set + "-images-idx3-ubyte"), 1, 4096);
            Files.write(data.resolve(set + "-labels-idx1-ubyte"), new byte[] {0, 0, 8, 1, 0, 0, 0, 1, 3});
        }
        FolderSnapshot before = FolderSnapshot.of(dir);
        assertThat(Expect.userError(Cli.run(dir, "data", "--data", data.toString(), "--grid", dir.resolve("g.png").toString())))
                .contains("4096x4096 images").contains("--rows");
        before.assertUnchanged();
    }

    // ---- broken models ----

    @Test
    void aModelWithNanWeightsIsRefusedNotPrintedAsAPrediction() throws IOException {
        Path model = modelWith(meta -> { }, "layers.1.bias");
        FolderSnapshot before = FolderSnapshot.of(dir);
        assertThat(Expect.userError(Cli.run(dir, "evaluate", "--model", model.toString(), "--data", Cli.mnist().toString())))
                .contains("NaN").contains("layers.1.bias");
        before.assertUnchanged();
    }

    @Test
    void malformedMetadataIsRefusedStrictly() throws IOException {
        Path sigmoidLast = modelWith(meta -> meta.put("activations", "relu,sigmoid"), null);
        Path notANumber = modelWith(meta -> meta.put("test_accuracy", "abc"), null);
        Path newer = modelWith(meta -> meta.put("format_version", "2"), null);
        FolderSnapshot before = FolderSnapshot.of(dir);
        String mnist = Cli.mnist().toString();
        assertThat(Expect.userError(Cli.run(dir, "evaluate", "--model", sigmoidLast.toString(), "--data", mnist)))
                .contains("must end with softmax");
        assertThat(Expect.userError(Cli.run(dir, "evaluate", "--json", "--model", notANumber.toString(), "--data", mnist)))
                .contains("test_accuracy 'abc' is not a number");
        assertThat(Expect.userError(Cli.run(dir, "evaluate", "--model", newer.toString(), "--data", mnist)))
                .contains("newer ScratchNet").contains("version 2");
        before.assertUnchanged();
    }

    @Test
    void aModelWithFiveClassesIsRefusedByEvaluate() throws IOException {
        SafeTensors.Contents c = SafeTensors.read(FIXTURE_MODEL);
        Map<String, String> meta = new LinkedHashMap<>(c.metadata());
        meta.put("layer_sizes", "784-16-5");
        List<Tensor> tensors = new ArrayList<>();
        tensors.add(c.tensors().get("layers.0.weight"));
        tensors.add(c.tensors().get("layers.0.bias"));
        tensors.add(new Tensor("layers.1.weight", new int[] {5, 16}, java.util.Arrays.copyOf(c.tensors().get("layers.1.weight").data(), 80)));
        tensors.add(new Tensor("layers.1.bias", new int[] {5}, new float[5]));
        Path model = dir.resolve("five.safetensors");
        SafeTensors.write(model, tensors, meta);
        FolderSnapshot before = FolderSnapshot.of(dir);
        assertThat(Expect.userError(Cli.run(dir, "evaluate", "--model", model.toString(), "--data", Cli.mnist().toString())))
                .contains("5 output classes").contains("10");
        before.assertUnchanged();
    }

    // ---- text that is not what it claims ----

    @Test
    void csvCellsShowWhatIsWrongWithThem() throws IOException {
        String header = header();
        Path tab = Files.writeString(dir.resolve("tab.csv"), header + "5\t" + ",0".repeat(784) + "\n");
        Path nul = Files.writeString(dir.resolve("nul.csv"), header + "5" + ",0".repeat(783) + ",\0\n");
        Path big = Files.writeString(dir.resolve("big.csv"), header + "5" + ",0".repeat(783) + ",99999999999\n");
        FolderSnapshot before = FolderSnapshot.of(dir);
        assertThat(Expect.userError(Cli.run(dir, "data", "--csv", tab.toString()))).contains("column label").contains("tab");
        assertThat(Expect.userError(Cli.run(dir, "data", "--csv", nul.toString()))).contains("pixel783").contains("NUL byte");
        assertThat(Expect.userError(Cli.run(dir, "data", "--csv", big.toString()))).contains("pixel 99999999999 is outside 0..255");
        before.assertUnchanged();
    }

    @Test
    void anExperimentFileThatIsNotUtf8SaysWhereAndWhat() throws IOException {
        byte[] text = "name: x\ntitle: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        Path latin1 = Files.write(dir.resolve("latin1.yaml"), text);
        FolderSnapshot before = FolderSnapshot.of(dir);
        assertThat(Expect.userError(Cli.run(dir, "experiment", latin1.toString(), "--out", dir.resolve("out").toString())))
                .contains("latin1.yaml is not UTF-8 text").contains("line 2, column 11").contains("E9")
                .doesNotContain("Input length");
        deleteIfEmpty(dir.resolve("out"));
        before.assertUnchanged();
    }

    // ---- helpers ----

    private Cli.Run evaluateOn(Path data) {
        return Cli.run(dir, "evaluate", "--model", FIXTURE_MODEL.toString(), "--data", data.toString());
    }

    /**
     * A folder for 'evaluate', to be broken one file at a time: copies of MNIST's two test files,
     * and empty training files (they must exist; evaluate never reads them).
     */
    private Path mnistFolder(String name) throws IOException {
        Path data = Files.createDirectory(dir.resolve(name));
        for (String f : org.scratchnet.data.MnistFiles.NAMES) {
            if (f.startsWith("train")) Files.createFile(data.resolve(f));
            else Files.copy(Cli.mnist().resolve(f), data.resolve(f));
        }
        return data;
    }

    /** The fixture model with its metadata changed and, if named, one tensor's first value made NaN. */
    private Path modelWith(java.util.function.Consumer<Map<String, String>> change, String nanTensor) {
        SafeTensors.Contents c = SafeTensors.read(FIXTURE_MODEL);
        Map<String, String> meta = new LinkedHashMap<>(c.metadata());
        change.accept(meta);
        List<Tensor> tensors = new ArrayList<>();
        for (Tensor t : c.tensors().values()) {
            float[] data = t.data().clone();
            if (t.name().equals(nanTensor)) data[0] = Float.NaN;
            tensors.add(new Tensor(t.name(), t.shape(), data));
        }
        Path model = dir.resolve("model-" + Integer.toHexString(meta.hashCode() ^ String.valueOf(nanTensor).hashCode())
                + ".safetensors");
        SafeTensors.write(model, tensors, meta);
        return model;
    }

    /** A labelled CSV of 100 blank images, 10 of each digit. */
    private Path tinyCsv() throws IOException {
        StringBuilder s = new StringBuilder(header());
        for (int i = 0; i < 100; i++) s.append(i % 10).append(",0".repeat(784)).append('\n');
        return Files.writeString(dir.resolve("tiny.csv"), s);
    }

    private static String header() {
        StringBuilder h = new StringBuilder("label");
        for (int j = 0; j < 784; j++) h.append(",pixel").append(j);
        return h.append('\n').toString();
    }

    private static String experiment(String layers) {
        String run = "  layers: " + layers + "\n  init: kaiming\n  optimizer: adam\n  learning_rate: 0.001\n"
                + "  batch: 128\n  epochs: 1\n";
        return "name: hostile\ntitle: Hostile\npaper:\n  figure: 1\nseeds: [1]\nas_described:\n" + run
                + "done_right:\n" + run;
    }

    private static void deleteIfEmpty(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            try (var entries = Files.list(folder)) {
                if (entries.findAny().isEmpty()) Files.delete(folder);
            }
        }
    }
}
