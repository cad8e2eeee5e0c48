package org.scratchnet.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scratchnet.cli.Main;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.MnistFiles;
import org.scratchnet.eval.Committee;
import org.scratchnet.io.ModelFile;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Architecture;
import org.scratchnet.nn.Initializer;
import org.scratchnet.nn.Network;

/**
 * The exported ONNX model, run by ONNX Runtime (an implementation independent of ours), gives
 * ScratchNet's probabilities on the 10,000 images of MNIST's test set within 1e-5, for every
 * hidden activation and depths 1 to 4; the batch dimension is free; the input is documented and
 * the provenance is in the metadata; external data pointing into the safetensors file gives the
 * same answers as weights inside the ONNX file; a committee of three networks is one graph whose
 * output is their committee's probabilities.
 */
class OnnxExportTest {
    static final double TOLERANCE = 1e-5;
    static Dataset test;
    static OrtEnvironment env;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        test = MnistFiles.load(Path.of(System.getProperty("mnist.dir", "../shared/mnist")))[1];
        env = OrtEnvironment.getEnvironment();
    }

    static Stream<Arguments> networks() {
        return Stream.of(
                Arguments.of(new int[] {784, 10}, new Activation[0]),
                Arguments.of(new int[] {784, 32, 10}, new Activation[] {Activation.RELU}),
                Arguments.of(new int[] {784, 32, 10}, new Activation[] {Activation.SIGMOID}),
                Arguments.of(new int[] {784, 32, 10}, new Activation[] {Activation.TANH}),
                Arguments.of(new int[] {784, 48, 24, 10}, new Activation[] {Activation.TANH, Activation.RELU}),
                Arguments.of(new int[] {784, 40, 30, 20, 10}, new Activation[] {Activation.SIGMOID, Activation.RELU, Activation.TANH}));
    }

    @ParameterizedTest
    @MethodSource("networks")
    void onnxRuntimeGivesScratchNetsProbabilitiesOnTheMnistTestSet(int[] sizes, Activation[] activations) throws Exception {
        Network net = Network.create(new Architecture(sizes, activations, new float[activations.length]), Initializer.KAIMING, 19);
        Path onnx = dir.resolve("net.onnx");
        Files.write(onnx, OnnxModel.of(net, Map.of("seed", "19"), "test", null));

        float[] expected = net.predictProbabilities(test.x, test.size);
        float[] actual = runOnnx(onnx, test.x, test.size);
        assertClose(actual, expected);
    }

    @Test
    void theBatchDimensionIsFreeTheInputIsDocumentedAndTheProvenanceTravels() throws Exception {
        Network net = Network.create(new Architecture(new int[] {784, 16, 10}, new Activation[] {Activation.RELU}, new float[] {0.2f}),
                Initializer.KAIMING, 3);
        Path model = dir.resolve("model.safetensors");
        ModelFile.save(model, net, Map.of("seed", "3", "test_accuracy", "0.5"));
        Path onnx = dir.resolve("model.onnx");
        assertThat(Main.run("export", model.toString(), "--onnx", onnx.toString())).isZero();

        try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions())) {
            NodeInfo input = session.getInputInfo().get(OnnxModel.INPUT);
            assertThat(((TensorInfo) input.getInfo()).getShape()).containsExactly(-1, 784);
            assertThat(session.getOutputInfo()).containsOnlyKeys(OnnxModel.OUTPUT);
            Map<String, String> meta = session.getMetadata().getCustomMetadata();
            assertThat(meta).containsEntry("seed", "3").containsEntry("test_accuracy", "0.5")
                    .containsEntry("layer_sizes", "784-16-10").containsEntry("format", "scratchnet")
                    .containsEntry("exported_from", "model.safetensors");
            assertThat(session.getMetadata().getProducerName()).isEqualTo("ScratchNet");
            assertThat(session.getMetadata().getDescription()).contains("white digit on black", "row-major");
        }
        // One image, then 1,000 in one call: the same rows either way.
        float[] one = runOnnx(onnx, java.util.Arrays.copyOf(test.x, 784), 1);
        float[] many = runOnnx(onnx, java.util.Arrays.copyOf(test.x, 1000 * 784), 1000);
        assertClose(one, java.util.Arrays.copyOf(many, 10));
        assertClose(many, net.predictProbabilities(test.x, 1000));
    }

    @Test
    void externalDataPointsIntoTheSafetensorsFileAndGivesTheSameAnswers() throws Exception {
        Network net = Network.create(new Architecture(new int[] {784, 64, 32, 10}, new Activation[] {Activation.RELU, Activation.TANH},
                new float[2]), Initializer.KAIMING, 5);
        Path model = dir.resolve("weights/model.safetensors");
        ModelFile.save(model, net, null);
        Path onnx = dir.resolve("model.onnx");
        assertThat(Main.run("export", model.toString(), "--onnx", onnx.toString(), "--external-data")).isZero();

        // No copy of the weights: the ONNX file is a few kilobytes, the weights 200 KB.
        assertThat(Files.size(onnx)).isLessThan(8_000);
        assertClose(runOnnx(onnx, test.x, 2000), net.predictProbabilities(test.x, 2000));
    }

    @Test
    void aCommitteeIsOneGraphThatAveragesItsMembersProbabilities() throws Exception {
        Network a = Network.create(new Architecture(new int[] {784, 32, 10}, new Activation[] {Activation.RELU}, new float[1]),
                Initializer.KAIMING, 7);
        Network b = Network.create(new Architecture(new int[] {784, 16, 10}, new Activation[] {Activation.TANH}, new float[1]),
                Initializer.KAIMING, 8);
        Network c = Network.create(new Architecture(new int[] {784, 24, 12, 10}, new Activation[] {Activation.SIGMOID, Activation.RELU},
                new float[2]), Initializer.KAIMING, 9);
        List<Path> files = List.of(dir.resolve("a.safetensors"), dir.resolve("b/model.safetensors"), dir.resolve("c/model.safetensors"));
        Network[] nets = {a, b, c};
        for (int k = 0; k < 3; k++) ModelFile.save(files.get(k), nets[k], Map.of("seed", Integer.toString(7 + k)));
        Path onnx = dir.resolve("committee.onnx");
        assertThat(Main.run("export", files.get(0).toString(), files.get(1).toString(), files.get(2).toString(),
                "--onnx", onnx.toString())).isZero();

        float[] expected = Committee.of(List.of(a, b, c)).predictProbabilities(test.x, test.size);
        float[] actual = runOnnx(onnx, test.x, test.size);
        assertClose(actual, expected);
        float[] first = a.predictProbabilities(test.x, test.size);
        double apart = 0;
        for (int i = 0; i < first.length; i++) apart = Math.max(apart, Math.abs(actual[i] - first[i]));
        assertThat(apart).as("the committee is not its first member").isGreaterThan(0.01);

        try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions())) {
            assertThat(session.getOutputInfo()).containsOnlyKeys(OnnxModel.OUTPUT);
            Map<String, String> meta = session.getMetadata().getCustomMetadata();
            assertThat(meta).containsEntry("committee", Committee.COMBINATION)
                    .containsEntry("members", String.join(", ", files.stream().map(Path::toString).toList()))
                    .containsEntry("member1.seed", "7").containsEntry("member3.seed", "9")
                    .containsEntry("member2.layer_sizes", "784-16-10").containsEntry("member2.exported_from", "model.safetensors");
            assertThat(session.getMetadata().getDescription()).startsWith("A committee of 3 multilayer perceptrons");
        }

        // The weights left in the three model files, each under the ONNX file's folder: the same answers.
        Path external = dir.resolve("committee-external.onnx");
        assertThat(Main.run("export", files.get(0).toString(), files.get(1).toString(), files.get(2).toString(),
                "--onnx", external.toString(), "--external-data")).isZero();
        assertThat(Files.size(external)).isLessThan(12_000);
        assertClose(runOnnx(external, test.x, 2000), java.util.Arrays.copyOf(expected, 2000 * 10));
    }

    private static float[] runOnnx(Path onnx, float[] X, int n) throws Exception {
        try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(X, 0, n * 784), new long[] {n, 784});
             OrtSession.Result result = session.run(Map.of(OnnxModel.INPUT, input))) {
            float[][] rows = (float[][]) result.get(OnnxModel.OUTPUT).get().getValue();
            float[] flat = new float[n * rows[0].length];
            for (int i = 0; i < n; i++) System.arraycopy(rows[i], 0, flat, i * rows[i].length, rows[i].length);
            return flat;
        }
    }

    private static void assertClose(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        double worst = 0;
        for (int i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
        System.out.printf("ONNX Runtime vs ScratchNet: %,d probabilities, largest difference %.2e%n", actual.length, worst);
        assertThat(worst).as("largest difference in a probability").isLessThanOrEqualTo(TOLERANCE);
    }
}
