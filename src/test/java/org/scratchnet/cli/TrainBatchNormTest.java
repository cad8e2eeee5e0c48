package org.scratchnet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.scratchnet.cli.CliEndToEndTest.run;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.UserException;
import org.scratchnet.experiment.ExperimentFile;
import org.scratchnet.io.ModelFile;
import org.scratchnet.nn.Architecture;

/**
 * {@code train --batch-norm --noise SIGMA} on real MNIST: the run trains, the saved model is a
 * plain network (the normalisation folded into its dense layers) that {@code evaluate} reads and
 * scores exactly as {@code train} reported, the file says how it was trained, and a noise or a
 * switch out of range is one line with exit code 2, on the command line and in experiment files.
 */
class TrainBatchNormTest {
    @TempDir
    Path dir;

    @Test
    void aNormalisedNoisyNetworkTrainsAndIsSavedFoldedAsAPlainNetwork() {
        Path model = dir.resolve("bn.safetensors");
        CliEndToEndTest.Result trained = run("train", "--data", CliEndToEndTest.MNIST.toString(), "--layers", "784,64,32,10",
                "--batch-norm", "--noise", "0.3", "--optimizer", "adam", "--lr", "0.002", "--epochs", "2", "--seed", "5",
                "--json", "--out", model.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        JsonObject t = JsonParser.parseString(trained.out()).getAsJsonObject();
        assertThat(t.get("noise").getAsDouble()).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(t.get("batch_norm").getAsBoolean()).isTrue();
        assertThat(t.get("test_accuracy").getAsDouble()).as("two epochs (an untrained network scores about 0.1)").isGreaterThan(0.9);

        ModelFile.Loaded loaded = ModelFile.load(model);
        Architecture a = loaded.network().architecture();
        assertThat(a.sizesText()).isEqualTo("784-64-32-10");
        assertThat(a.batchNorm()).isFalse();
        assertThat(a.noise()).isZero();
        assertThat(loaded.network().batchNorms()).isEmpty();
        assertThat(loaded.metadata()).containsEntry("noise", "0.3").containsEntry("batch_norm", "folded into the dense layers");

        CliEndToEndTest.Result evaluated = run("evaluate", "--data", CliEndToEndTest.MNIST.toString(), "--model", model.toString(),
                "--json");
        assertThat(evaluated.code()).as(evaluated.err()).isZero();
        JsonObject e = JsonParser.parseString(evaluated.out()).getAsJsonObject();
        assertThat(e.get("test_accuracy").getAsDouble()).as("train's figure is the saved model's").isEqualTo(t.get("test_accuracy").getAsDouble());
        assertThat(e.get("test_loss").getAsDouble()).isEqualTo(t.get("test_loss").getAsDouble());
    }

    @Test
    void aNoiseOrASwitchOutOfRangeIsOneLine() {
        for (String[] bad : List.of(new String[] {"--noise", "11"}, new String[] {"--noise", "-0.1"}, new String[] {"--noise", "NaN"},
                new String[] {"--batch-norm=maybe"})) {
            String[] args = new String[3 + bad.length];
            args[0] = "train";
            args[1] = "--data";
            args[2] = CliEndToEndTest.MNIST.toString();
            System.arraycopy(bad, 0, args, 3, bad.length);
            CliEndToEndTest.Result r = run(args);
            assertThat(r.code()).as(String.join(" ", bad)).isEqualTo(2);
            assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
            assertThat(r.err()).contains(bad[0].replace("=maybe", ""));
        }
    }

    private static Map<String, Object> recipe(Object noise, Object batchNorm) {
        Map<String, Object> m = new LinkedHashMap<>(Map.of("layers", List.of(784, 32, 10), "init", "kaiming", "optimizer", "adam",
                "learning_rate", 0.002, "batch", 100, "epochs", 1));
        if (noise != null) m.put("noise", noise);
        if (batchNorm != null) m.put("batch_norm", batchNorm);
        return m;
    }

    @Test
    void experimentFilesNameThemAndRefuseWhatIsOutOfRange() {
        Architecture a = ExperimentFile.recipe(recipe(0.3, true), "x.yaml", "").architecture();
        assertThat(a.noise()).isEqualTo(0.3f);
        assertThat(a.batchNorm()).isTrue();
        Architecture plain = ExperimentFile.recipe(recipe(null, null), "x.yaml", "").architecture();
        assertThat(plain.noise()).isZero();
        assertThat(plain.batchNorm()).isFalse();
        assertThatThrownBy(() -> ExperimentFile.recipe(recipe(20, null), "x.yaml", "")).isInstanceOf(UserException.class)
                .hasMessageContaining("noise").hasMessageContaining("[0, 10]");
        assertThatThrownBy(() -> ExperimentFile.recipe(recipe(null, 1), "x.yaml", "")).isInstanceOf(UserException.class)
                .hasMessageContaining("batch_norm").hasMessageContaining("true or false");
    }
}
