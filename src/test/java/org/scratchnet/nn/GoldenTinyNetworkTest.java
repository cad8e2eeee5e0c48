package org.scratchnet.nn;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scratchnet.data.Dataset;
import org.scratchnet.optim.OptimizerSpec;
import org.scratchnet.schedule.ScheduleSpec;
import org.scratchnet.train.Trainer;
import org.scratchnet.train.TrainingConfig;

/**
 * ScratchNet against PyTorch on a tiny network (6-5-4-4-3, ReLU, tanh, sigmoid, softmax), with the
 * golden values of src/test/resources/fixtures/golden/tiny_network.json, which
 * src/test/python/golden_tiny_network.py computes in float64 from the same float32 weights and
 * inputs (its header says how to regenerate it; these tests need no PyTorch). Two batches: MNIST-like
 * pixel levels, mostly zeros with a blank image (the first layer's sparse path, and in full-batch
 * training its pixel-level path), and dense values (its dense path). Compared: hidden activations,
 * probabilities, loss, every dW and db, the parameters after one SGD step and after two Adam steps,
 * on both engines (the reference one, and the fast one the builder uses by default).
 *
 * <p>Tolerance: each number may differ from PyTorch's by 1e-5 of the largest entry of its tensor.
 * ScratchNet computes in float32, whose rounding is 2^-24 ≈ 6e-8 per operation; over the few
 * dozen operations behind each number here the measured worst is 1.6e-7 of the tensor's largest
 * entry (activations, probabilities, loss and gradients, both batches), so 1e-5 leaves a margin
 * of 60 while a wrong formula misses by far more (a missing 1/m, a wrong derivative or a
 * transposed weight changes numbers by tens of percent). Updates are compared as steps (after -
 * before), relative to the step rather than to the much larger weights, plus the rounding of the
 * new weight to float (2^-24 of the largest weight per step): measured worst 6.8e-6 of the step
 * before that allowance, all of it that rounding (half a unit in the last place of a weight near
 * 0.9 is 3e-8, against SGD steps of 4e-3).
 */
class GoldenTinyNetworkTest {

    static final Path FIXTURE = Path.of("src/test/resources/fixtures/golden/tiny_network.json");
    /** Largest difference allowed, relative to the largest entry of the compared tensor. Measured worst: see the class comment. */
    static final double RELATIVE = 1e-5;
    /** float32's relative rounding, 2^-24: each update rounds the new weight to the float nearest. */
    static final double FLOAT_ROUNDING = 0x1p-24;

    static JsonObject fixture() {
        try {
            return JsonParser.parseString(Files.readString(FIXTURE, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every case of the fixture on each engine. */
    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (JsonElement c : fixture().getAsJsonArray("cases")) {
            BothEngines.engines().forEach(e -> cases.add(Arguments.of(c.getAsJsonObject().get("name").getAsString(), e)));
        }
        return cases.stream();
    }

    static JsonObject caseNamed(String name) {
        for (JsonElement c : fixture().getAsJsonArray("cases")) {
            if (c.getAsJsonObject().get("name").getAsString().equals(name)) return c.getAsJsonObject();
        }
        throw new IllegalArgumentException(name);
    }

    /** A nested JSON array of numbers, flattened row-major to float (the fixture holds float32 values exactly). */
    static float[] floats(JsonElement nested) {
        List<Double> out = new ArrayList<>();
        flatten(nested, out);
        float[] f = new float[out.size()];
        for (int i = 0; i < f.length; i++) f[i] = out.get(i).floatValue();
        return f;
    }

    static double[] doubles(JsonElement nested) {
        List<Double> out = new ArrayList<>();
        flatten(nested, out);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void flatten(JsonElement e, List<Double> out) {
        if (e.isJsonArray()) {
            for (JsonElement x : e.getAsJsonArray()) flatten(x, out);
        } else {
            out.add(e.getAsDouble());
        }
    }

    /** The fixture's network, built with ScratchNet's builder on {@code engine} and given the fixture's weights. */
    static Network network(Engine engine) {
        JsonObject f = fixture();
        JsonArray sizes = f.getAsJsonArray("sizes");
        JsonArray activations = f.getAsJsonArray("activations");
        NetworkBuilder b = Network.builder(sizes.get(0).getAsInt());
        for (int l = 0; l < activations.size(); l++) {
            b.dense(sizes.get(l + 1).getAsInt(), Activation.parse(activations.get(l).getAsString()));
        }
        Network net = b.softmax(sizes.get(sizes.size() - 1).getAsInt()).engine(engine).build();
        for (int l = 0; l < net.depth(); l++) {
            net.setWeights(l, floats(f.getAsJsonArray("weights").get(l)));
            net.setBias(l, floats(f.getAsJsonArray("biases").get(l)));
        }
        return net;
    }

    static Dataset batch(JsonObject c, int inputs, int classes) {
        float[] x = floats(c.get("x"));
        JsonArray labels = c.getAsJsonArray("labels");
        int[] y = new int[labels.size()];
        for (int i = 0; i < y.length; i++) y[i] = labels.get(i).getAsInt();
        return new Dataset(x, y, y.length, inputs, classes, "golden " + c.get("name").getAsString());
    }

    /** Asserts |actual - expected| ≤ RELATIVE · max |expected| for every entry, naming the worst. */
    static void assertClose(String what, double[] actual, double[] expected) {
        assertClose(what, actual, expected, 0);
    }

    /** The same with {@code rounding} more allowed: the float rounding of the numbers a step was added to. */
    static void assertClose(String what, double[] actual, double[] expected, double rounding) {
        assertThat(actual).as(what + " size").hasSameSizeAs(expected);
        double scale = 0;
        for (double e : expected) scale = Math.max(scale, Math.abs(e));
        double worst = 0;
        int at = 0;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs(actual[i] - expected[i]);
            if (d > worst) {
                worst = d;
                at = i;
            }
        }
        assertThat(worst).as(String.format(Locale.ROOT, "%s: worst difference at [%d] (%.9g against PyTorch's %.9g), of a largest entry %.3g",
                what, at, actual[at], expected[at], scale)).isLessThanOrEqualTo(RELATIVE * scale + rounding);
    }

    static double[] widen(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cases")
    void forwardPassMatchesPyTorch(String name, Engine engine) {
        JsonObject c = caseNamed(name);
        Network net = network(engine);
        Dataset data = batch(c, net.inputSize(), net.classes());
        List<float[]> hidden = net.hiddenActivations(data.x, data.size);
        JsonArray expectedHidden = c.getAsJsonArray("hidden_activations");
        assertThat(hidden).hasSize(expectedHidden.size());
        for (int l = 0; l < hidden.size(); l++) assertClose("A" + (l + 1), widen(hidden.get(l)), doubles(expectedHidden.get(l)));
        assertClose("probabilities", widen(net.predictProbabilities(data.x, data.size)), doubles(c.get("probabilities")));
        double loss = net.computeGradients(data.x, data.labels, 0, data.size) / data.size;
        assertClose("mean loss", new double[] {loss}, new double[] {c.get("loss").getAsDouble()});
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cases")
    void everyGradientMatchesPyTorch(String name, Engine engine) {
        JsonObject c = caseNamed(name);
        Network net = network(engine);
        Dataset data = batch(c, net.inputSize(), net.classes());
        net.computeGradients(data.x, data.labels, 0, data.size);
        for (int l = 0; l < net.depth(); l++) {
            assertClose("dW" + (l + 1), widen(net.weightGradient(l)), doubles(c.getAsJsonArray("weight_gradients").get(l)));
            assertClose("db" + (l + 1), widen(net.biasGradient(l)), doubles(c.getAsJsonArray("bias_gradients").get(l)));
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cases")
    void oneSgdStepMatchesPyTorch(String name, Engine engine) {
        JsonObject c = caseNamed(name);
        JsonObject after = c.getAsJsonObject("after_sgd");
        TrainingConfig sgd = TrainingConfig.builder().optimizer(OptimizerSpec.sgd(after.get("learning_rate").getAsFloat()))
                .schedule(ScheduleSpec.constant()).fullBatch().iterations(after.get("steps").getAsInt()).seed(1).build();
        assertStepsMatch(c, after, sgd, "SGD", engine);
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cases")
    void twoAdamStepsMatchPyTorch(String name, Engine engine) {
        JsonObject c = caseNamed(name);
        JsonObject after = c.getAsJsonObject("after_adam");
        // the fixture records the settings; these are the ones ScratchNet's "adam" uses
        assertThat(after.get("beta1").getAsDouble()).isEqualTo(0.9);
        assertThat(after.get("beta2").getAsDouble()).isEqualTo(0.999);
        assertThat(after.get("epsilon").getAsDouble()).isEqualTo(1e-8);
        TrainingConfig adam = TrainingConfig.builder().optimizer(OptimizerSpec.adam(after.get("learning_rate").getAsFloat()))
                .schedule(ScheduleSpec.constant()).fullBatch().iterations(after.get("steps").getAsInt()).seed(1).build();
        assertStepsMatch(c, after, adam, "Adam", engine);
    }

    /** Trains on the case's batch (full batch, so no shuffling) and compares each parameter's step with PyTorch's. */
    private static void assertStepsMatch(JsonObject c, JsonObject after, TrainingConfig config, String optimizer, Engine engine) {
        Network net = network(engine);
        Dataset data = batch(c, net.inputSize(), net.classes());
        List<float[]> weightsBefore = new ArrayList<>(), biasesBefore = new ArrayList<>();
        for (int l = 0; l < net.depth(); l++) {
            weightsBefore.add(net.weights(l));
            biasesBefore.add(net.bias(l));
        }
        new Trainer(config).fit(net, data, null);
        int steps = after.get("steps").getAsInt();
        for (int l = 0; l < net.depth(); l++) {
            float[] W = net.weights(l), b = net.bias(l);
            assertClose(optimizer + " step of W" + (l + 1), step(weightsBefore.get(l), W),
                    step(weightsBefore.get(l), doubles(after.getAsJsonArray("weights").get(l))), steps * FLOAT_ROUNDING * largest(W));
            assertClose(optimizer + " step of b" + (l + 1), step(biasesBefore.get(l), b),
                    step(biasesBefore.get(l), doubles(after.getAsJsonArray("biases").get(l))), steps * FLOAT_ROUNDING * largest(b));
        }
    }

    private static double largest(float[] values) {
        double m = 0;
        for (float v : values) m = Math.max(m, Math.abs(v));
        return m;
    }

    private static double[] step(float[] before, float[] after) {
        return step(before, widen(after));
    }

    private static double[] step(float[] before, double[] after) {
        double[] d = new double[before.length];
        for (int i = 0; i < d.length; i++) d[i] = after[i] - before[i];
        return d;
    }
}
