package org.scratchnet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scratchnet.cli.CliEndToEndTest.run;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.io.ModelFile;

/**
 * {@code train --from}: training starts from a model's weights, a ScratchNet model (whose layers
 * and activations it takes) or a PyTorch state dict (declared with --layers/--activation). One
 * update with a negligible learning rate leaves the weights as they were, so the test accuracy
 * must be the starting model's, where fresh weights would score about 10%.
 */
class TrainFromTest {
    static final Path STATE_DICT = Path.of("src/test/resources/fixtures/pytorch/mlp-784-32-16-10-tanh-relu.safetensors");
    static final Path ANSWERS = Path.of("src/test/resources/fixtures/pytorch/mlp-784-32-16-10-tanh-relu.json");
    static final Path SCRATCHNET_MODEL = Path.of("src/test/resources/fixtures/models/scratchnet-format1-784-16-10.safetensors");

    @TempDir
    Path dir;

    private JsonObject trainOneNegligibleStep(String... extra) {
        String[] base = {"train", "--data", CliEndToEndTest.MNIST.toString(), "--optimizer", "sgd", "--lr", "1e-9",
                "--iterations", "1", "--dropout", "0", "--out", dir.resolve("m.safetensors").toString(), "--json"};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        CliEndToEndTest.Result r = run(args);
        assertThat(r.code()).as(r.err()).isZero();
        return JsonParser.parseString(r.out()).getAsJsonObject();
    }

    @Test
    void aPyTorchStateDictIsTheStartingPoint() throws Exception {
        double pytorch = JsonParser.parseString(Files.readString(ANSWERS)).getAsJsonObject().get("test_accuracy").getAsDouble();
        JsonObject result = trainOneNegligibleStep("--from", STATE_DICT.toString(), "--layers", "784,32,16,10",
                "--activation", "tanh,relu");
        assertThat(result.get("test_accuracy").getAsDouble()).isCloseTo(pytorch, Offset.offset(0.002));
        assertThat(result.get("activations").getAsString()).isEqualTo("tanh,relu,softmax");
        assertThat(ModelFile.load(dir.resolve("m.safetensors")).metadata()).containsEntry("started_from", STATE_DICT.getFileName().toString());
    }

    @Test
    void aScratchNetModelGivesItsOwnLayersAndWeights() {
        ModelFile.Loaded start = ModelFile.load(SCRATCHNET_MODEL);
        double before = org.scratchnet.eval.Evaluation.of(start.network(),
                org.scratchnet.data.MnistFiles.load(CliEndToEndTest.MNIST)[1]).accuracy();
        JsonObject result = trainOneNegligibleStep("--from", SCRATCHNET_MODEL.toString());
        assertThat(result.get("layers").getAsString()).isEqualTo("784-16-10");
        assertThat(result.get("test_accuracy").getAsDouble()).isCloseTo(before, Offset.offset(0.002));
        assertThat(before).isGreaterThan(0.5);
    }
}
