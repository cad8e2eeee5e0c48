package org.scratchnet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scratchnet.cli.CliEndToEndTest.assertUserError;
import static org.scratchnet.cli.CliEndToEndTest.run;
import static org.scratchnet.cli.CliEndToEndTest.singleJsonObject;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.data.IdxReader;
import org.scratchnet.data.KaggleCsvReader;
import org.scratchnet.data.MnistFiles;
import org.scratchnet.io.ModelFile;

/** {@code scratchnet info}: a model's file, network, parameter counts, metrics, test split and provenance. */
class InfoCommandTest {

    @TempDir
    static Path dir;

    static Path model;
    static Path csv;
    static JsonObject trained;

    @BeforeAll
    static void trainSmallModel() {
        Path mnist = CliEndToEndTest.MNIST;
        csv = dir.resolve("train.csv");
        KaggleCsvReader.write(IdxReader.read(MnistFiles.file(mnist, MnistFiles.NAMES[2]),
                MnistFiles.file(mnist, MnistFiles.NAMES[3])).head(1000), csv, true);
        model = dir.resolve("i.safetensors");
        CliEndToEndTest.Result r = run("train", "--csv", csv.toString(), "--layers", "784,16,12,10", "--dropout", "0.25,0",
                "--activation", "tanh,relu", "--epochs", "1", "--seed", "3", "--out", model.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        trained = singleJsonObject(r.out());
    }

    @Test
    void jsonHasTheArchitectureParametersMetricsSplitAndProvenance() throws IOException {
        CliEndToEndTest.Result r = run("info", model.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonObject j = singleJsonObject(r.out());
        assertThat(j.get("file_bytes").getAsLong()).isEqualTo(Files.size(model));
        assertThat(j.get("format_version").getAsString()).isEqualTo(ModelFile.FORMAT_VERSION);
        assertThat(j.get("layers").getAsString()).isEqualTo("784-16-12-10");
        assertThat(j.get("activations").getAsString()).isEqualTo("tanh,relu,softmax");
        JsonArray layers = j.getAsJsonArray("per_layer");
        assertThat(layers).hasSize(3);
        long[] expected = {784 * 16 + 16, 16 * 12 + 12, 12 * 10 + 10};
        for (int i = 0; i < 3; i++) {
            assertThat(layers.get(i).getAsJsonObject().get("parameters").getAsLong()).isEqualTo(expected[i]);
        }
        assertThat(layers.get(0).getAsJsonObject().get("dropout").getAsDouble()).isEqualTo(0.25);
        assertThat(j.get("parameters").getAsLong()).isEqualTo(expected[0] + expected[1] + expected[2])
                .isEqualTo(ModelFile.load(model).network().parameterCount());
        assertThat(j.getAsJsonObject("metrics").get("test_accuracy").getAsDouble())
                .isCloseTo(trained.get("test_accuracy").getAsDouble(), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(j.getAsJsonObject("test_split").get("test_rows").getAsInt()).isBetween(95, 105);
        assertThat(j.getAsJsonObject("test_split").get("split_seed").getAsLong()).isEqualTo(3);
        JsonObject provenance = j.getAsJsonObject("provenance");
        assertThat(provenance.get("seed").getAsString()).isEqualTo("3");
        assertThat(provenance.get("optimizer").getAsString()).isEqualTo("adamw");
        assertThat(provenance.get("schedule").getAsString()).isEqualTo("onecycle");
        assertThat(provenance.has("test_accuracy")).as("metrics are not repeated as provenance").isFalse();
    }

    @Test
    void humanOutputListsLayersAndTotals() {
        CliEndToEndTest.Result r = run("info", model.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Model " + model + ": scratchnet format version 1, ")
                .contains("784 -> 16", "tanh", "0.25", "12,560", "12 -> 10", "softmax", "12,894")
                .contains("training time ")
                .contains("Metrics: test accuracy ", "Test set: the held-out 10% (", "split seed 3) of train.csv")
                .contains("optimizer", "adam");
    }

    @Test
    void aCheckpointSaysWhereItsRunStandsAndHowToContinueIt(@TempDir Path own) {
        Path mnist = CliEndToEndTest.MNIST;
        org.scratchnet.data.Dataset train = MnistFiles.load(mnist)[0].head(600);
        org.scratchnet.nn.Network net = org.scratchnet.nn.Network.builder(784).dense(16, org.scratchnet.nn.Activation.RELU)
                .softmax(10).seed(5).build();
        org.scratchnet.train.TrainingConfig config = org.scratchnet.train.TrainingConfig.builder().batchSize(100).epochs(3).seed(5).build();
        Path file = own.resolve("run.checkpoint");
        org.scratchnet.train.History history = new org.scratchnet.train.Trainer(config)
                .checkpoints(file, java.util.List.of("--layers", "784,16,10", "--epochs", "3")).fit(net, train, null);
        org.scratchnet.train.History.Row last = history.rows().get(history.rows().size() - 1);

        CliEndToEndTest.Result r = run("info", file.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonObject j = singleJsonObject(r.out());
        assertThat(j.get("network").getAsString()).isEqualTo(net.architecture().toString());
        JsonObject position = j.getAsJsonObject("position");
        assertThat(position.get("epoch").getAsInt()).isEqualTo(3);
        assertThat(position.get("planned").getAsString()).isEqualTo("3 epochs");
        assertThat(position.get("updates").getAsInt()).isEqualTo(18);
        assertThat(position.get("samples").getAsLong()).isEqualTo(1800);
        JsonObject record = j.getAsJsonObject("last_record");
        assertThat(record.get("update").getAsInt()).isEqualTo(last.iteration());
        assertThat(record.get("train_loss").getAsDouble()).isEqualTo(last.trainLoss());
        assertThat(record.get("validation_accuracy").isJsonNull()).as("no validation set: null, never NaN").isTrue();
        assertThat(j.getAsJsonArray("options").toString()).isEqualTo("[\"--layers\",\"784,16,10\",\"--epochs\",\"3\"]");
        assertThat(j.get("resume").getAsString()).isEqualTo("scratchnet train --resume " + file);

        CliEndToEndTest.Result text = run("info", file.toString());
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).startsWith("Checkpoint " + file + ": a training run between two updates")
                .contains("Position: epoch 3 of 3 epochs, 18 updates, 1,800 examples")
                .contains("Started with: --layers 784,16,10 --epochs 3")
                .contains("Continue it with: scratchnet train --resume " + file);
    }

    @Test
    void aFileThatIsNotAModelIsOneLine(@TempDir Path own) throws IOException {
        Path junk = own.resolve("junk.safetensors");
        Files.writeString(junk, "not a model");
        assertThat(assertUserError(run("info", junk.toString()), own, null)).contains("junk.safetensors");
        Path cut = own.resolve("cut.checkpoint");
        Files.writeString(cut, org.scratchnet.io.CheckpointFile.MAGIC + "cut short");
        assertThat(assertUserError(run("info", cut.toString()), own, null)).contains("cut.checkpoint").contains("cut short");
    }
}
