package org.scratchnet.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.cli.Main;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.MnistFiles;
import org.scratchnet.io.ModelFile;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Architecture;
import org.scratchnet.nn.Initializer;
import org.scratchnet.nn.Network;

/**
 * Both directions with PyTorch. In: a state dict that PyTorch trained and wrote (the fixture of
 * src/test/python/pytorch_state_dict.py) loads with --layers/--activation and gives PyTorch's own
 * probabilities and predictions on MNIST's test set. Out: the Python file of 'export --pytorch',
 * run by Debian's python3-torch, reproduces ScratchNet's probabilities (skipped where
 * /usr/bin/python3 has no torch).
 */
class PyTorchInteropTest {
    static final double TOLERANCE = 1e-5;
    static final Path FIXTURE = Path.of("src/test/resources/fixtures/pytorch/mlp-784-32-16-10-tanh-relu.safetensors");
    static final Path ANSWERS = Path.of("src/test/resources/fixtures/pytorch/mlp-784-32-16-10-tanh-relu.json");
    static final Architecture FIXTURE_ARCHITECTURE =
            new Architecture(new int[] {784, 32, 16, 10}, new Activation[] {Activation.TANH, Activation.RELU}, new float[2]);
    static Dataset test;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        test = MnistFiles.load(Path.of(System.getProperty("mnist.dir", "../shared/mnist")))[1];
    }

    @Test
    void aStateDictTrainedByPyTorchGivesPyTorchsOwnPredictions() throws Exception {
        JsonObject answers = JsonParser.parseString(Files.readString(ANSWERS)).getAsJsonObject();
        Network net = ModelFile.load(FIXTURE, FIXTURE_ARCHITECTURE).network();

        float[] p = net.predictProbabilities(test.x, test.size);
        JsonArray expected = answers.getAsJsonArray("probabilities");
        double worst = 0;
        for (int i = 0; i < expected.size(); i++) {
            JsonArray row = expected.get(i).getAsJsonArray();
            for (int c = 0; c < 10; c++) worst = Math.max(worst, Math.abs(p[i * 10 + c] - row.get(c).getAsDouble()));
        }
        System.out.printf("PyTorch's state dict in ScratchNet: largest difference %.2e over %d probabilities%n", worst, expected.size() * 10);
        assertThat(worst).isLessThanOrEqualTo(TOLERANCE);

        String predictions = answers.get("predictions").getAsString();
        int[] ours = net.predict(test);
        int same = 0;
        for (int i = 0; i < test.size; i++) if (ours[i] == predictions.charAt(i) - '0') same++;
        assertThat(same).as("test images where ScratchNet predicts what PyTorch predicted").isEqualTo(test.size);
    }

    @Test
    void evaluateTakesTheStateDictWithLayersAndActivationAndReportsPyTorchsAccuracy() throws Exception {
        JsonObject answers = JsonParser.parseString(Files.readString(ANSWERS)).getAsJsonObject();
        String out = capture(() -> Main.run("evaluate", "--model", FIXTURE.toString(), "--layers", "784,32,16,10",
                "--activation", "tanh,relu", "--data", System.getProperty("mnist.dir", "../shared/mnist"), "--json"));
        double accuracy = JsonParser.parseString(out).getAsJsonObject().get("test_accuracy").getAsDouble();
        assertThat(accuracy).isCloseTo(answers.get("test_accuracy").getAsDouble(), org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void theGeneratedPythonFileReproducesScratchNetsProbabilities() throws Exception {
        assumeTrue(torchAvailable(), "/usr/bin/python3 with torch (Debian: apt-get install python3-torch)");
        int n = 1000;
        Path pixels = dir.resolve("pixels.f32");
        ByteBuffer bytes = ByteBuffer.allocate(4 * n * 784).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(test.x, 0, n * 784);
        Files.write(pixels, bytes.array());

        // A ScratchNet model with every activation, and PyTorch's own state dict back out again.
        Network net = Network.create(new Architecture(new int[] {784, 40, 30, 20, 10},
                new Activation[] {Activation.SIGMOID, Activation.TANH, Activation.RELU}, new float[] {0.2f, 0.1f, 0f}),
                Initializer.KAIMING, 11);
        Path model = dir.resolve("models/model.safetensors");
        ModelFile.save(model, net, null);
        Path script = dir.resolve("net.py");
        assertThat(Main.run("export", model.toString(), "--pytorch", script.toString())).isZero();
        assertClose(runPython(script, pixels, n), net.predictProbabilities(test.x, n));

        Network fromPyTorch = ModelFile.load(FIXTURE, FIXTURE_ARCHITECTURE).network();
        Path copy = dir.resolve("mlp.safetensors");
        Files.copy(FIXTURE, copy);
        Path script2 = dir.resolve("mlp.py");
        assertThat(Main.run("export", copy.toString(), "--layers", "784,32,16,10", "--activation", "tanh,relu",
                "--pytorch", script2.toString())).isZero();
        assertClose(runPython(script2, pixels, n), fromPyTorch.predictProbabilities(test.x, n));
    }

    private static float[] runPython(Path script, Path pixels, int n) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), "--input", pixels.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        List<Float> values = new ArrayList<>();
        for (String line : out.strip().split("\n")) for (String v : line.split(",")) values.add(Float.parseFloat(v));
        assertThat(values).hasSize(n * 10);
        float[] flat = new float[values.size()];
        for (int i = 0; i < flat.length; i++) flat[i] = values.get(i);
        return flat;
    }

    static boolean torchAvailable() {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import torch").redirectErrorStream(true).start();
            p.getOutputStream().close();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static void assertClose(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        double worst = 0;
        for (int i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
        System.out.printf("PyTorch file vs ScratchNet: %,d probabilities, largest difference %.2e%n", actual.length, worst);
        assertThat(worst).isLessThanOrEqualTo(TOLERANCE);
    }

    private static String capture(java.util.concurrent.Callable<Integer> run) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            assertThat(run.call()).isZero();
        } finally {
            System.setOut(old);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
