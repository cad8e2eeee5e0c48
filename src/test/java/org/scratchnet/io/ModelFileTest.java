package org.scratchnet.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.UserException;
import org.scratchnet.data.Dataset;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Architecture;
import org.scratchnet.nn.Initializer;
import org.scratchnet.nn.Network;
import org.scratchnet.nn.Parameter;

class ModelFileTest {

    @TempDir
    Path dir;

    static Network network() {
        return Network.builder(12).dense(7, Activation.TANH).dropout(0.25f).dense(5, Activation.RELU)
                .softmax(3).init(Initializer.XAVIER_NORMAL).seed(99).build();
    }

    static Dataset inputs() {
        Random r = new Random(1);
        float[] x = new float[20 * 12];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        return new Dataset(x, null, 20, 12, 3, "random");
    }

    @Test
    void saveThenLoadIsBitExact() {
        Network net = network();
        Path file = dir.resolve("model.safetensors");
        ModelFile.save(file, net, Map.of("seed", "99", "format", "ignored-by-putIfAbsent"));
        ModelFile.Loaded loaded = ModelFile.load(file);
        Network back = loaded.network();

        assertThat(back.architecture()).isEqualTo(net.architecture());
        List<Parameter> a = net.parameters(), b = back.parameters();
        assertThat(b).hasSameSizeAs(a);
        for (int k = 0; k < a.size(); k++) {
            assertThat(b.get(k).name).isEqualTo(a.get(k).name);
            assertThat(b.get(k).shape).containsExactly(a.get(k).shape);
            for (int i = 0; i < a.get(k).size(); i++) {
                assertThat(Float.floatToRawIntBits(b.get(k).value[i])).isEqualTo(Float.floatToRawIntBits(a.get(k).value[i]));
            }
        }
        Dataset x = inputs();
        assertThat(back.predict(x)).containsExactly(net.predict(x));
        assertThat(back.predictProbabilities(x.x, 20)).containsExactly(net.predictProbabilities(x.x, 20));

        Map<String, String> meta = loaded.metadata();
        assertThat(meta).containsEntry("format", "scratchnet").containsEntry("format_version", "1")
                .containsEntry("layer_sizes", "12-7-5-3").containsEntry("activations", "tanh,relu,softmax")
                .containsEntry("dropout", "0.25,0").containsEntry("seed", "99")
                .containsKey("preprocessing");
    }

    @Test
    void theFileHoldsEveryWeightMatrixAsOutByInThoughTheFirstLayerStoresItTransposed() {
        Network net = network();
        Path file = dir.resolve("model.safetensors");
        ModelFile.save(file, net, Map.of());
        SafeTensors.Contents contents = SafeTensors.read(file);
        org.scratchnet.nn.Linear first = net.linearLayers().get(0);
        assertThat(first.parameters().get(0).shape).as("the fast first layer stores Wᵀ").containsExactly(12, 7);
        float[] W = contents.require("layers.0.weight", new int[] {7, 12}).data();
        float[] b = contents.require("layers.0.bias", new int[] {7}).data();
        // What the layer computes for a single lit pixel p is b + column p of W [out, in].
        for (int p = 0; p < 12; p++) {
            float[] x = new float[12];
            x[p] = 1f;
            float[] z = first.forward(x, 1, false);
            for (int j = 0; j < 7; j++) assertThat(z[j]).as("unit %d, pixel %d", j, p).isEqualTo(b[j] + W[j * 12 + p]);
        }
        assertThat(contents.require("layers.1.weight", new int[] {5, 7}).data()).containsExactly(net.weights(1));
    }

    @Test
    void aCheckpointGivenAsAModelIsNamedForWhatItIs() throws IOException {
        Path file = dir.resolve("run.checkpoint");
        Files.write(file, (CheckpointFile.MAGIC + "the rest of a checkpoint").getBytes(StandardCharsets.US_ASCII));
        for (ThrowingCallable load : List.<ThrowingCallable>of(() -> ModelFile.load(file),
                () -> ModelFile.load(file, Architecture.parse("784-10", "softmax", "", "0")))) {
            assertThatThrownBy(load).isInstanceOf(UserException.class).hasMessage(file + " is a training checkpoint, not a model:"
                    + " continue its run with 'scratchnet train --resume " + file + "', or give the model (.safetensors) that train"
                    + " saves when it ends");
        }
    }

    @Test
    void safetensorsWithoutMarkerIsRejected() {
        Path file = dir.resolve("other.safetensors");
        SafeTensors.write(file, List.of(new Tensor("layers.0.weight", new int[] {3, 12}, new float[36])), Map.of("foo", "bar"));
        assertThatThrownBy(() -> ModelFile.load(file))
                .isInstanceOf(UserException.class).hasMessageContaining("not a ScratchNet model");
        SafeTensors.write(file, List.of(new Tensor("x", new int[] {1}, new float[1])), null);
        assertThatThrownBy(() -> ModelFile.load(file))
                .isInstanceOf(UserException.class).hasMessageContaining("not a ScratchNet model");
    }

    @Test
    void wrongTensorShapeIsRejected() {
        Network net = network();
        Path file = dir.resolve("bad.safetensors");
        ModelFile.save(file, net, null);
        // rewrite with the metadata of a 12-7-5-3 net but layer 1 weights shaped [5, 6]
        SafeTensors.Contents c = SafeTensors.read(file);
        List<Tensor> tensors = new java.util.ArrayList<>(c.tensors().values());
        tensors.set(2, new Tensor("layers.1.weight", new int[] {5, 6}, new float[30]));
        SafeTensors.write(file, tensors, c.metadata());
        assertThatThrownBy(() -> ModelFile.load(file))
                .isInstanceOf(UserException.class).hasMessageContaining("layers.1.weight").hasMessageContaining("[5, 6]");
    }

    @Test
    void wrongVersionAndExtraTensorsAreRejected() {
        Network net = network();
        Path file = dir.resolve("v.safetensors");
        ModelFile.save(file, net, null);
        SafeTensors.Contents c = SafeTensors.read(file);
        Map<String, String> meta = new java.util.LinkedHashMap<>(c.metadata());
        meta.put("format_version", "2");
        SafeTensors.write(file, List.copyOf(c.tensors().values()), meta);
        assertThatThrownBy(() -> ModelFile.load(file)).isInstanceOf(UserException.class).hasMessageContaining("version 2");

        List<Tensor> more = new java.util.ArrayList<>(c.tensors().values());
        more.add(new Tensor("layers.9.bias", new int[] {2}, new float[2]));
        SafeTensors.write(file, more, c.metadata());
        assertThatThrownBy(() -> ModelFile.load(file)).isInstanceOf(UserException.class).hasMessageContaining("7 tensors");
    }
}
