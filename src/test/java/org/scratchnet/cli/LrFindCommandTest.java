package org.scratchnet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scratchnet.cli.CliEndToEndTest.run;
import static org.scratchnet.cli.CliEndToEndTest.singleJsonObject;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.data.KaggleCsvReader;
import org.scratchnet.data.MnistFiles;

/** {@code scratchnet lr-find} on 2,000 real MNIST images: a suggestion inside the range, the curve, both figures, strict JSON. */
class LrFindCommandTest {
    @TempDir
    Path dir;

    @Test
    void suggestsARateInsideTheRangeAndDrawsTheCurve() {
        Path csv = dir.resolve("train.csv");
        KaggleCsvReader.write(MnistFiles.loadTest(CliEndToEndTest.MNIST).head(2000), csv, true);
        CliEndToEndTest.Result r = run("lr-find", "--csv", csv.toString(), "--layers", "784,32,10", "--optimizer", "sgd",
                "--steps", "120", "--start", "1e-5", "--end", "100", "--plot", dir.resolve("lr.png").toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonObject j = singleJsonObject(r.out());
        double suggestion = j.get("suggested_learning_rate").getAsDouble();
        // Plain SGD on MNIST pixels trains well near 0.01-0.5 and diverges by 100.
        assertThat(suggestion).isBetween(1e-3, 10.0);
        assertThat(j.get("updates").getAsInt()).isLessThanOrEqualTo(120).isEqualTo(j.getAsJsonArray("rates").size());
        assertThat(dir.resolve("lr.png")).isRegularFile();
        assertThat(dir.resolve("lr.svg")).isRegularFile();
        assertThat(dir.resolve("model.safetensors")).doesNotExist();
    }

    @Test
    void anAugmentedRangeTestTrainsOnTheDistortedImagesAndRepeatsItself() {
        Path csv = dir.resolve("train.csv");
        KaggleCsvReader.write(MnistFiles.loadTest(CliEndToEndTest.MNIST).head(2000), csv, true);
        String[] plain = {"lr-find", "--csv", csv.toString(), "--layers", "784,32,10", "--steps", "30", "--json"};
        JsonObject without = singleJsonObject(run(plain).out());
        String[] augmented = java.util.stream.Stream.concat(java.util.Arrays.stream(plain), java.util.stream.Stream.of("--augment", "elastic"))
                .toArray(String[]::new);
        JsonObject with = singleJsonObject(run(augmented).out());
        JsonObject again = singleJsonObject(run(augmented).out());
        assertThat(with.get("augmentation").getAsString()).isEqualTo("elastic(sigma=4, alpha=34)");
        assertThat(without.get("augmentation").getAsString()).isEqualTo("none");
        // The first loss is the fresh network's on the first batch: the same examples, other pixels.
        assertThat(with.getAsJsonArray("losses").get(0)).isNotEqualTo(without.getAsJsonArray("losses").get(0));
        assertThat(again.getAsJsonArray("losses")).isEqualTo(with.getAsJsonArray("losses"));
    }

    @Test
    void normalisationAndNoiseTrainInTheRangeTestAsInTrain() {
        Path csv = dir.resolve("train.csv");
        KaggleCsvReader.write(MnistFiles.loadTest(CliEndToEndTest.MNIST).head(2000), csv, true);
        String[] plain = {"lr-find", "--csv", csv.toString(), "--layers", "784,32,10", "--steps", "30", "--json"};
        String[] both = java.util.stream.Stream.concat(java.util.Arrays.stream(plain), java.util.stream.Stream.of("--noise", "0.3",
                "--batch-norm")).toArray(String[]::new);
        JsonObject without = singleJsonObject(run(plain).out());
        JsonObject with = singleJsonObject(run(both).out());
        assertThat(with.get("network").getAsString()).endsWith("noise 0.3 batch norm");
        assertThat(without.get("network").getAsString()).doesNotContain("noise").doesNotContain("batch norm");
        assertThat(with.getAsJsonArray("losses").get(0)).isNotEqualTo(without.getAsJsonArray("losses").get(0));
        assertThat(singleJsonObject(run(both).out()).getAsJsonArray("losses")).isEqualTo(with.getAsJsonArray("losses"));
    }

    @Test
    void aRangeThatIsNoRangeIsOneLine() {
        CliEndToEndTest.Result r = run("lr-find", "--start", "1", "--end", "0.1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("scratchnet: --end must be above --start, got --start 1.0 and --end 0.1");
    }
}
