package org.scratchnet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scratchnet.cli.CliEndToEndTest.assertUserError;
import static org.scratchnet.cli.CliEndToEndTest.run;
import static org.scratchnet.cli.CliEndToEndTest.singleJsonObject;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.IdxReader;
import org.scratchnet.data.KaggleCsvReader;
import org.scratchnet.data.MnistFiles;
import org.scratchnet.io.ModelFile;

/**
 * {@code train --csv} holds out a test part of the file; {@code evaluate --csv} on the same file
 * must evaluate that same part (found again from the split recorded in the model), say so, and
 * give the numbers train printed; {@code --all} evaluates every row, and {@code --test-fraction}
 * does what it says in {@code data} and is refused where it means nothing.
 */
class EvaluateCsvSplitTest {

    static final Path MNIST = CliEndToEndTest.MNIST;

    @TempDir
    static Path dir;

    static Dataset mnistTest;
    /** 2000 labelled MNIST test images as a Kaggle train.csv. */
    static Path csv;
    static Path model;
    static JsonObject trained;

    @BeforeAll
    static void trainOnCsv() {
        mnistTest = IdxReader.read(MnistFiles.file(MNIST, MnistFiles.NAMES[2]), MnistFiles.file(MNIST, MnistFiles.NAMES[3]));
        csv = dir.resolve("train.csv");
        KaggleCsvReader.write(mnistTest.head(2000), csv, true);
        model = dir.resolve("c.safetensors");
        CliEndToEndTest.Result r = run("train", "--csv", csv.toString(), "--layers", "784,16,10", "--epochs", "1",
                "--test-fraction", "0.2", "--seed", "7", "--out", model.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        trained = singleJsonObject(r.out());
    }

    @Test
    void theModelRecordsTheSplit() {
        var meta = ModelFile.load(model).metadata();
        assertThat(meta).containsEntry("test_split", "stratified").containsEntry("test_fraction", "0.2")
                .containsEntry("split_seed", "7").containsEntry("data_rows", "2000").containsEntry("test_rows", "400");
        assertThat(meta.get("data_sha256")).matches("[0-9a-f]{64}");
    }

    @Test
    void evaluateCsvScoresTheHeldOutPartAsAtTraining() {
        CliEndToEndTest.Result r = run("evaluate", "--model", model.toString(), "--csv", csv.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonObject j = singleJsonObject(r.out());
        assertThat(j.get("examples").getAsInt()).isEqualTo(400).isEqualTo(heldOut(0.2));
        assertThat(j.get("test_accuracy").getAsDouble()).isEqualTo(trained.get("test_accuracy").getAsDouble());
        assertThat(j.get("confusion_matrix")).isEqualTo(trained.get("confusion_matrix"));
        assertThat(j.get("evaluated").getAsString())
                .isEqualTo("the held-out 20% (400 rows, split seed 7) of train.csv, as at training");
    }

    @Test
    void theCommandTrainPrintsGivesTrainsNumbers(@TempDir Path own) {
        Path m = own.resolve("m.safetensors");
        CliEndToEndTest.Result t = run("train", "--csv", csv.toString(), "--layers", "784,16,10", "--epochs", "1",
                "--out", m.toString());
        assertThat(t.code()).as(t.err()).isZero();
        Matcher command = Pattern.compile("with: scratchnet (evaluate .*)").matcher(t.out());
        assertThat(command.find()).as(t.out()).isTrue();
        Matcher trainAccuracy = Pattern.compile("test accuracy (\\d+\\.\\d\\d)%").matcher(t.out());
        assertThat(trainAccuracy.find()).as(t.out()).isTrue();

        CliEndToEndTest.Result e = run(command.group(1).strip().split(" "));
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(e.out()).contains("Evaluated on the held-out 10% (" + heldOut(0.1) + " rows, split seed 42) of train.csv, as at training")
                .contains("Accuracy " + trainAccuracy.group(1) + "%");
    }

    @Test
    void allEvaluatesEveryRowAndSaysHowManyWereTrainedOn() {
        CliEndToEndTest.Result r = run("evaluate", "--model", model.toString(), "--csv", csv.toString(), "--all");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Evaluated on all 2,000 rows of train.csv (the model was trained on 1,600 of them)");
    }

    @Test
    void anotherFileNeedsAll(@TempDir Path own) throws IOException {
        Path other = own.resolve("other.csv");
        KaggleCsvReader.write(mnistTest.subset(range(5000, 5300), "other"), other, true);
        assertThat(assertUserError(run("evaluate", "--model", model.toString(), "--csv", other.toString()), own, null))
                .contains("not the file").contains("--all");
        CliEndToEndTest.Result r = run("evaluate", "--model", model.toString(), "--csv", other.toString(), "--all", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(singleJsonObject(r.out()).get("examples").getAsInt()).isEqualTo(300);
    }

    @Test
    void aModelTrainedOnMnistHasNoHeldOutPartOfACsv(@TempDir Path own) throws IOException {
        Path m = own.resolve("mnist.safetensors");
        CliEndToEndTest.Result t = run("train", "--data", MNIST.toString(), "--layers", "784,10", "--iterations", "5",
                "--out", m.toString(), "--json");
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(assertUserError(run("evaluate", "--model", m.toString(), "--csv", csv.toString()), own, null))
                .contains("trained on MNIST").contains("--all");
        assertThat(assertUserError(run("evaluate", "--model", m.toString(), "--data", MNIST.toString(), "--all"), own, null))
                .contains("--all goes with --csv");
    }

    @Test
    void testFractionIsRefusedWhereItMeansNothing(@TempDir Path own) throws IOException {
        assertThat(assertUserError(run("train", "--data", MNIST.toString(), "--test-fraction", "0.2",
                "--out", own.resolve("m.safetensors").toString()), own, own.resolve("m.safetensors")))
                .contains("--test-fraction goes with --csv");
        assertThat(assertUserError(run("evaluate", "--model", model.toString(), "--csv", csv.toString(),
                "--test-fraction", "0.2"), own, null)).contains("--test-fraction");
    }

    @Test
    void dataSplitsTheCsvAsTrainDoes(@TempDir Path own) {
        CliEndToEndTest.Result r = run("data", "--csv", csv.toString(), "--test-fraction", "0.25",
                "--grid", own.resolve("g.png").toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonObject j = singleJsonObject(r.out());
        assertThat(j.getAsJsonObject("test").get("size").getAsInt()).isEqualTo(heldOut(0.25)).isBetween(490, 510);
        assertThat(j.getAsJsonObject("train").get("size").getAsInt()).isEqualTo(2000 - heldOut(0.25));
    }

    /** Rows a stratified split holds out of the 2000: the fraction of each class, rounded. */
    private static int heldOut(double fraction) {
        int n = 0;
        for (int count : mnistTest.head(2000).classCounts()) n += (int) Math.round(fraction * count);
        return n;
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) r[i] = from + i;
        return r;
    }
}
