package org.scratchnet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scratchnet.cli.CliEndToEndTest.run;
import static org.scratchnet.cli.CliEndToEndTest.singleJsonObject;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.KaggleCsvReader;
import org.scratchnet.data.MnistFiles;
import org.scratchnet.io.ModelFile;

/**
 * {@code train --patience/--monitor/--min-delta/--keep} end to end on 3,000 real MNIST images
 * (a Kaggle CSV): --json reports the best epoch, the epoch the run stopped at, and the saved
 * model's validation figures, which must be those the history recorded for the epoch kept.
 */
class TrainEarlyStoppingTest {

    @TempDir
    static Path dir;
    static Path csv;

    @BeforeAll
    static void writeCsv() {
        Dataset test = MnistFiles.loadTest(CliEndToEndTest.MNIST);
        csv = dir.resolve("train.csv");
        KaggleCsvReader.write(test.head(3000), csv, true);
    }

    private static JsonObject train(String out, int epochs, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--csv", csv.toString(), "--layers", "784,64,10",
                "--lr", "0.01", "--batch", "32", "--epochs", Integer.toString(epochs), "--dropout", "0", "--out", dir.resolve(out).toString(), "--json"));
        args.addAll(List.of(extra));
        CliEndToEndTest.Result r = run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        return singleJsonObject(r.out());
    }

    /** The history file's rows: [epoch, validation_loss, validation_accuracy]. */
    private static List<double[]> history(String model) throws IOException {
        List<String> lines = Files.readAllLines(TrainCommand.historyPath(dir.resolve(model)));
        return lines.subList(1, lines.size()).stream().map(l -> l.split(","))
                .map(c -> new double[] {Double.parseDouble(c[1]), Double.parseDouble(c[5]), Double.parseDouble(c[6])}).toList();
    }

    @Test
    void patienceStopsEarlyAndTheSavedModelIsTheBestEpochs() throws IOException {
        JsonObject j = train("stopped.safetensors", 12, "--patience", "2");
        int best = j.get("best_epoch").getAsInt();
        int stopped = j.get("stopped_epoch").getAsInt();
        assertThat(stopped).isEqualTo(best + 2).isLessThan(12);
        assertThat(j.get("kept").getAsString()).isEqualTo("best");
        List<double[]> rows = history("stopped.safetensors");
        assertThat(rows).hasSize(stopped);
        double[] bestRow = rows.get(best - 1);
        assertThat(j.get("validation_loss").getAsDouble()).isCloseTo(bestRow[1], Offset.offset(1e-6));
        assertThat(j.get("validation_accuracy").getAsDouble()).isCloseTo(bestRow[2], Offset.offset(1e-6));
        for (double[] row : rows) assertThat(row[1]).isGreaterThanOrEqualTo(bestRow[1]);
        assertThat(ModelFile.load(dir.resolve("stopped.safetensors")).metadata())
                .containsEntry("best_epoch", Integer.toString(best)).containsEntry("stopped_epoch", Integer.toString(stopped))
                .containsEntry("kept", "best");
    }

    @Test
    void keepLastSavesTheLastEpochAndAnUnstoppedRunReportsNull() throws IOException {
        JsonObject j = train("last.safetensors", 4, "--keep", "last", "--monitor", "val_accuracy");
        assertThat(j.get("stopped_epoch").isJsonNull()).isTrue();
        assertThat(j.get("best_epoch").isJsonNull()).as("nothing judged the epochs").isTrue();
        assertThat(j.get("kept").getAsString()).isEqualTo("last");
        double[] last = history("last.safetensors").get(3);
        assertThat(j.get("validation_accuracy").getAsDouble()).isCloseTo(last[2], Offset.offset(1e-6));
    }

    @Test
    void judgingWithoutAValidationSetIsOneLine() {
        CliEndToEndTest.Result r = run("train", "--csv", csv.toString(), "--validation", "0", "--patience", "3",
                "--out", dir.resolve("none.safetensors").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("scratchnet: --patience judges each epoch on the validation set, and this run has none;"
                + " drop --validation 0 or --patience");
        CliEndToEndTest.Result monitor = run("train", "--csv", csv.toString(), "--monitor", "accuracy",
                "--out", dir.resolve("none.safetensors").toString());
        assertThat(monitor.code()).isEqualTo(2);
        assertThat(monitor.err().strip()).isEqualTo("scratchnet: unknown monitor 'accuracy': use val_loss or val_accuracy");
        assertThat(dir.resolve("none.safetensors")).doesNotExist();
    }
}
