package org.scratchnet.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.UserException;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Architecture;

/**
 * Model files are checked strictly before a network is made from them: architecture metadata
 * (counts, names, sizes against the tensors), the format version, finite weights and numeric
 * provenance. Each case starts from a model saved by {@link ModelFile#save} and breaks one thing.
 */
class ModelFileValidationTest {

    @TempDir
    Path dir;

    private Path saved(Consumer<Map<String, String>> change, String nanTensor) {
        Path good = dir.resolve("good.safetensors");
        ModelFile.save(good, ModelFileTest.network(), Map.of("test_accuracy", "0.5"));
        SafeTensors.Contents c = SafeTensors.read(good);
        Map<String, String> meta = new LinkedHashMap<>(c.metadata());
        change.accept(meta);
        List<Tensor> tensors = new ArrayList<>();
        for (Tensor t : c.tensors().values()) {
            float[] data = t.data().clone();
            if (t.name().equals(nanTensor)) data[data.length - 1] = Float.POSITIVE_INFINITY;
            tensors.add(new Tensor(t.name(), t.shape(), data));
        }
        Path broken = dir.resolve("broken.safetensors");
        SafeTensors.write(broken, tensors, meta);
        return broken;
    }

    private void assertRefused(Consumer<Map<String, String>> change, String nanTensor, String... fragments) {
        Path file = saved(change, nanTensor);
        assertThatThrownBy(() -> ModelFile.load(file)).isInstanceOf(UserException.class)
                .hasMessageContaining(file.toString()).hasMessageContainingAll(fragments);
    }

    @Test
    void theUnchangedModelLoads() {
        assertThat(ModelFile.load(saved(m -> { }, null)).network().architecture().sizesText()).isEqualTo("12-7-5-3");
    }

    @Test
    void activationsAreReadStrictly() {
        assertRefused(m -> m.put("activations", "tanh,relu,sigmoid"), null, "must end with softmax", "'sigmoid'");
        assertRefused(m -> m.put("activations", "tanh,softmax"), null, "has 2 entries", "3 layers");
        assertRefused(m -> m.put("activations", "tanh,swish,softmax"), null, "hidden layer 2", "swish");
    }

    @Test
    void sizesAndDropoutAreReadStrictly() {
        assertRefused(m -> m.put("layer_sizes", "12-7-5-3-"), null, "is not sizes joined by '-'");
        assertRefused(m -> m.put("layer_sizes", "12-7-6-3"), null, "'layers.1.weight' has shape [5, 7]", "[6, 7]");
        assertRefused(m -> m.put("layer_sizes", "12-2000000000-5-3"), null, "more than one Java array can hold");
        assertRefused(m -> m.put("dropout", "0.25"), null, "dropout '0.25' has 1 rates", "2 hidden layers");
        assertRefused(m -> m.put("dropout", "0.25,lots"), null, "'lots' is not a number");
    }

    @Test
    void nonFiniteWeightsAreRefused() {
        assertRefused(m -> { }, "layers.2.weight", "'layers.2.weight' holds Infinity at index 14", "train it again");
    }

    @Test
    void numericProvenanceMustBeANumber() {
        assertRefused(m -> m.put("test_accuracy", "abc"), null, "test_accuracy 'abc' is not a number");
        assertRefused(m -> m.put("train_accuracy", "NaN"), null, "train_accuracy 'NaN' is not a number");
    }

    @Test
    void aNewerFormatVersionAsksForANewerScratchNet() {
        assertRefused(m -> m.put("format_version", "7"), null, "saved by a newer ScratchNet", "version 7", "update ScratchNet");
        assertRefused(m -> m.put("format_version", "one"), null, "unknown ScratchNet model format version 'one'");
    }

    @Test
    void aClassifierNeedsTwoClassesAndArraysHaveALimit() {
        assertThatThrownBy(() -> new Architecture(new int[] {784, 1}, new Activation[0], new float[0]))
                .isInstanceOf(UserException.class).hasMessageContaining("at least 2");
        assertThatThrownBy(() -> new Architecture(new int[] {784, 3_000_000, 10}, new Activation[] {Activation.RELU},
                new float[1])).isInstanceOf(UserException.class)
                .hasMessageContaining("layer 1 (784 inputs x 3000000 units) would have 2,352,000,000 weights");
    }
}
