package org.scratchnet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scratchnet.cli.CliEndToEndTest.run;
import static org.scratchnet.cli.CliEndToEndTest.singleJsonObject;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.KaggleCsvReader;
import org.scratchnet.data.MnistFiles;
import org.scratchnet.eval.Committee;
import org.scratchnet.eval.Evaluation;
import org.scratchnet.image.MnistImage;
import org.scratchnet.image.Polarity;
import org.scratchnet.io.ModelFile;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Network;
import org.scratchnet.optim.OptimizerSpec;
import org.scratchnet.train.Trainer;
import org.scratchnet.train.TrainingConfig;

/**
 * {@code evaluate} and {@code predict} with several {@code --model}s, on two real models trained
 * on a slice of MNIST: evaluate reports each member's accuracy (as {@code evaluate} gives it for
 * that model alone) and the committee's with its full report, and predict writes the mean of the
 * members' probabilities in every mode (images, CSV rows, the submission). A committee of one
 * model twice answers as that model.
 */
class CommitteeCommandTest {
    @TempDir
    static Path dir;

    static Dataset test;
    static Path a;
    static Path b;

    @BeforeAll
    static void trainTwoModels() {
        Dataset[] mnist = MnistFiles.load(CliEndToEndTest.MNIST);
        test = mnist[1];
        Dataset slice = mnist[0].head(2000);
        Network netA = Network.builder(784).dense(32, Activation.RELU).softmax(10).seed(3).build();
        Network netB = Network.builder(784).dense(24, Activation.TANH).dense(16, Activation.RELU).softmax(10).seed(4).build();
        TrainingConfig config = TrainingConfig.builder().optimizer(OptimizerSpec.adam(0.003f)).batchSize(64).epochs(1).seed(3).build();
        new Trainer(config).fit(netA, slice, null);
        new Trainer(config.withSeed(4)).fit(netB, slice, null);
        a = dir.resolve("a.safetensors");
        b = dir.resolve("b.safetensors");
        ModelFile.save(a, netA, null);
        ModelFile.save(b, netB, null);
    }

    /** MNIST test digit i as a 56x56 dark-on-light PNG, as a user's picture would be. */
    static Path digit(int i, Path file) throws IOException {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(56, 56, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 56; y++) {
            for (int x = 0; x < 56; x++) img.getRaster().setSample(x, y, 0, 255 - Math.round(test.x[i * 784 + (y / 2) * 28 + x / 2] * 255));
        }
        javax.imageio.ImageIO.write(img, "png", file.toFile());
        return file;
    }

    private static Committee committee(Path... files) {
        return Committee.of(Arrays.stream(files).map(f -> ModelFile.load(f).network()).toList());
    }

    @Test
    void evaluateReportsEachMemberAndTheCommittee() {
        CliEndToEndTest.Result r = run("evaluate", "--model", a.toString(), "--model", b.toString(),
                "--data", CliEndToEndTest.MNIST.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonObject json = singleJsonObject(r.out());
        Evaluation expected = committee(a, b).evaluate(test);
        assertThat(json.get("test_accuracy").getAsDouble()).isEqualTo(expected.accuracy());
        assertThat(json.get("test_loss").getAsDouble()).isEqualTo(expected.loss());
        assertThat(json.get("committee").getAsString()).startsWith("the arithmetic mean of the members' softmax probabilities");
        JsonArray cm = json.getAsJsonArray("confusion_matrix");
        List<List<Long>> counts = new ArrayList<>();
        cm.forEach(row -> {
            List<Long> values = new ArrayList<>();
            row.getAsJsonArray().forEach(v -> values.add(v.getAsLong()));
            counts.add(values);
        });
        assertThat(counts).isEqualTo(expected.report().toJson().get("confusion_matrix"));
        assertThat(json.getAsJsonArray("per_class")).hasSize(10);
        JsonArray members = json.getAsJsonArray("members");
        assertThat(members).hasSize(2);
        for (int k = 0; k < 2; k++) {
            Path file = k == 0 ? a : b;
            JsonObject m = members.get(k).getAsJsonObject();
            CliEndToEndTest.Result alone = run("evaluate", "--model", file.toString(), "--data", CliEndToEndTest.MNIST.toString(), "--json");
            assertThat(m.get("model").getAsString()).isEqualTo(file.toString());
            assertThat(m.get("test_accuracy").getAsDouble()).isEqualTo(singleJsonObject(alone.out()).get("test_accuracy").getAsDouble());
            assertThat(m.get("test_loss").getAsDouble()).isEqualTo(singleJsonObject(alone.out()).get("test_loss").getAsDouble());
        }

        // How the members agree, recounted here from each model's own predictions.
        int[] predictedA = Evaluation.of(ModelFile.load(a).network(), test).predicted();
        int[] predictedB = Evaluation.of(ModelFile.load(b).network(), test).predicted();
        int bothRight = 0;
        int bothWrong = 0;
        int bothWrongCommitteeWrong = 0;
        int splitCommitteeWrong = 0;
        int errorsA = 0;
        int errorsB = 0;
        for (int i = 0; i < test.size; i++) {
            boolean wrongA = predictedA[i] != test.labels[i];
            boolean wrongB = predictedB[i] != test.labels[i];
            boolean committeeWrong = expected.predicted()[i] != test.labels[i];
            if (wrongA) errorsA++;
            if (wrongB) errorsB++;
            if (!wrongA && !wrongB) bothRight++;
            else if (wrongA && wrongB) {
                bothWrong++;
                if (committeeWrong) bothWrongCommitteeWrong++;
            } else if (committeeWrong) splitCommitteeWrong++;
        }
        JsonObject agreement = json.getAsJsonObject("agreement");
        assertThat(agreement.getAsJsonObject("all_right").get("examples").getAsInt()).isEqualTo(bothRight);
        assertThat(agreement.getAsJsonObject("all_right").get("committee_wrong").getAsInt()).isZero();
        assertThat(agreement.getAsJsonObject("all_wrong").get("examples").getAsInt()).isEqualTo(bothWrong);
        assertThat(agreement.getAsJsonObject("all_wrong").get("committee_wrong").getAsInt()).isEqualTo(bothWrongCommitteeWrong);
        assertThat(agreement.getAsJsonObject("split").get("examples").getAsInt()).isEqualTo(test.size - bothRight - bothWrong)
                .as("two small models trained on 2,000 images disagree somewhere").isPositive();
        assertThat(agreement.getAsJsonObject("split").get("committee_wrong").getAsInt()).isEqualTo(splitCommitteeWrong);
        JsonArray inCommon = agreement.getAsJsonArray("errors_in_common");
        assertThat(inCommon.get(0).getAsJsonArray().get(0).getAsInt()).isEqualTo(errorsA);
        assertThat(inCommon.get(1).getAsJsonArray().get(1).getAsInt()).isEqualTo(errorsB);
        assertThat(inCommon.get(0).getAsJsonArray().get(1).getAsInt()).isEqualTo(bothWrong);
        assertThat(inCommon.get(1).getAsJsonArray().get(0).getAsInt()).isEqualTo(bothWrong);
        assertThat(agreement.get("mean_shared_errors").getAsDouble())
                .isCloseTo(((double) bothWrong / errorsA + (double) bothWrong / errorsB) / 2, org.assertj.core.data.Offset.offset(1e-12));

        CliEndToEndTest.Result text = run("evaluate", "--model", a.toString(), "--model", b.toString(),
                "--data", CliEndToEndTest.MNIST.toString());
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).startsWith("Committee of 2 models: the arithmetic mean of the members' softmax probabilities")
                .containsPattern("\\Q" + a + "\\E +784-32-10 relu,softmax +[0-9.]+% +[0-9.]+")
                .containsPattern("\\Q" + b + "\\E +784-24-16-10 tanh,relu,softmax +[0-9.]+% +[0-9.]+")
                .contains(String.format(java.util.Locale.ROOT, "Committee: accuracy %.2f%%", 100 * expected.accuracy()))
                .contains("precision").contains("macro avg")
                .containsPattern("every member right +" + String.format(java.util.Locale.ROOT, "%,d", bothRight)
                        + " +the committee wrong on 0")
                .containsPattern("every member wrong +" + String.format(java.util.Locale.ROOT, "%,d", bothWrong)
                        + " +the committee wrong on " + String.format(java.util.Locale.ROOT, "%,d", bothWrongCommitteeWrong))
                .containsPattern("\\n +1 +" + errorsA + " +" + bothWrong + "\\n +2 +" + bothWrong + " +" + errorsB + "\\n");
        // The table's columns line up whatever the lengths of the file names and networks: every row as long as the header.
        List<String> rows = text.out().lines()
                .filter(l -> l.startsWith("  model ") || l.startsWith("  " + a) || l.startsWith("  " + b) || l.startsWith("  committee "))
                .toList();
        assertThat(rows).hasSize(4);
        assertThat(rows).allSatisfy(l -> assertThat(l).hasSameSizeAs(rows.get(0)));
    }

    @Test
    void aCommitteeOfOneModelTwiceIsThatModel() throws IOException {
        String data = CliEndToEndTest.MNIST.toString();
        JsonObject once = singleJsonObject(run("evaluate", "--model", a.toString(), "--data", data, "--json").out());
        JsonObject twice = singleJsonObject(run("evaluate", "--model", a.toString(), "--model", a.toString(), "--data", data, "--json").out());
        assertThat(twice.get("test_accuracy")).isEqualTo(once.get("test_accuracy"));
        assertThat(twice.get("confusion_matrix")).isEqualTo(once.get("confusion_matrix"));
        assertThat(twice.get("per_class")).isEqualTo(once.get("per_class"));
        JsonObject agreement = twice.getAsJsonObject("agreement");
        assertThat(agreement.getAsJsonObject("split").get("examples").getAsInt()).as("a model never disagrees with itself").isZero();
        assertThat(agreement.get("mean_shared_errors").getAsDouble()).isEqualTo(1.0);

        List<String> images = new ArrayList<>();
        for (int i = 0; i < 3; i++) images.add(digit(i, dir.resolve("d" + i + ".png")).toString());
        List<String> one = new ArrayList<>(List.of("predict", "--model", a.toString()));
        one.addAll(images);
        List<String> two = new ArrayList<>(List.of("predict", "--model", a.toString(), "--model", a.toString()));
        two.addAll(images);
        CliEndToEndTest.Result r1 = run(one.toArray(String[]::new));
        CliEndToEndTest.Result r2 = run(two.toArray(String[]::new));
        assertThat(r1.code()).as(r1.err()).isZero();
        assertThat(r2.out()).isEqualTo(r1.out());
    }

    /** Each member's own answer beside the committee's: all of it in the JSON, a split vote on the image's line. */
    @Test
    void predictShowsEachMembersAnswerAndWhereTheySplit() throws IOException {
        List<Network> members = List.of(ModelFile.load(a).network(), ModelFile.load(b).network());
        List<String> args = new ArrayList<>(List.of("predict", "--model", a.toString(), "--model", b.toString()));
        int n = 40;
        for (int i = 0; i < n; i++) args.add(digit(i, dir.resolve("m" + i + ".png")).toString());
        CliEndToEndTest.Result text = run(args.toArray(String[]::new));
        args.add("--json");
        CliEndToEndTest.Result json = run(args.toArray(String[]::new));
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(json.code()).as(json.err()).isZero();
        JsonArray predictions = singleJsonObject(json.out()).getAsJsonArray("predictions");
        List<String> lines = text.out().lines().toList();
        int splits = 0;
        for (int i = 0; i < n; i++) {
            float[] x = MnistImage.load(dir.resolve("m" + i + ".png"), Polarity.AUTO);
            JsonArray answers = predictions.get(i).getAsJsonObject().getAsJsonArray("members");
            assertThat(answers).hasSize(2);
            int[] votes = new int[2];
            for (int m = 0; m < 2; m++) {
                JsonObject answer = answers.get(m).getAsJsonObject();
                float[] own = members.get(m).predictProbabilities(x, 1);
                votes[m] = Committee.argmax(own, 0, 10);
                assertThat(answer.get("model").getAsString()).isEqualTo((m == 0 ? a : b).toString());
                assertThat(answer.get("prediction").getAsInt()).isEqualTo(votes[m]);
                for (int c = 0; c < 10; c++) assertThat(answer.getAsJsonArray("probabilities").get(c).getAsFloat()).isEqualTo(own[c]);
            }
            if (votes[0] != votes[1]) {
                splits++;
                assertThat(lines.get(i)).endsWith("   (members split: " + votes[0] + ", " + votes[1] + ")");
            } else {
                assertThat(lines.get(i)).doesNotContain("members");
            }
        }
        assertThat(splits).as("two weak models disagree on some of 40 digits").isPositive();

        // The same members' classes in each row of --output, JSON Lines.
        Path jsonl = dir.resolve("members.jsonl");
        List<String> rowsArgs = new ArrayList<>(args.subList(0, args.size() - 1));
        rowsArgs.addAll(List.of("--output", jsonl.toString()));
        CliEndToEndTest.Result written = run(rowsArgs.toArray(String[]::new));
        assertThat(written.code()).as(written.err()).isZero();
        List<String> rows = Files.readAllLines(jsonl);
        assertThat(rows).hasSize(n);
        for (int i = 0; i < n; i++) {
            JsonArray answers = predictions.get(i).getAsJsonObject().getAsJsonArray("members");
            JsonArray classes = com.google.gson.JsonParser.parseString(rows.get(i)).getAsJsonObject().getAsJsonArray("member_predictions");
            assertThat(classes).hasSize(2);
            for (int m = 0; m < 2; m++) {
                assertThat(classes.get(m).getAsInt()).isEqualTo(answers.get(m).getAsJsonObject().get("prediction").getAsInt());
            }
        }
    }

    @Test
    void predictWritesTheMeanProbabilitiesForImagesRowsAndTheSubmission() throws IOException {
        Committee committee = committee(a, b);
        Path image = digit(7, dir.resolve("seven.png"));
        CliEndToEndTest.Result r = run("predict", "--model", a.toString(), "--model", b.toString(), image.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonArray p = singleJsonObject(r.out()).getAsJsonArray("predictions").get(0).getAsJsonObject().getAsJsonArray("probabilities");
        float[] expected = committee.predictProbabilities(MnistImage.load(image, Polarity.AUTO), 1);
        for (int c = 0; c < 10; c++) assertThat(p.get(c).getAsFloat()).isEqualTo(expected[c]);

        int n = 300;
        Dataset rows = test.head(n);
        Path csv = dir.resolve("rows.csv");
        KaggleCsvReader.write(rows, csv, true);
        Path out = dir.resolve("probabilities.csv");
        Path submission = dir.resolve("submission.csv");
        CliEndToEndTest.Result written = run("predict", "--model", a.toString(), "--model", b.toString(), "--csv", csv.toString(),
                "--output", out.toString(), "--submission", submission.toString());
        assertThat(written.code()).as(written.err()).isZero();
        float[] mean = committee.predictProbabilities(Arrays.copyOf(rows.x, n * 784), n);
        List<float[]> own = committee.memberProbabilities(Arrays.copyOf(rows.x, n * 784), n);
        List<String> lines = Files.readAllLines(out);
        List<String> labels = Files.readAllLines(submission);
        assertThat(lines).hasSize(n + 1);
        assertThat(lines.get(0)).endsWith(",p9,error,label,member_1,member_2");
        int correct = 0;
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i + 1).split(",");
            assertThat(f).hasSize(16);  // image, prediction, p0..p9, error, label, the two members' classes
            assertThat(f[14]).isEqualTo(Integer.toString(Committee.argmax(own.get(0), i * 10, 10)));
            assertThat(f[15]).isEqualTo(Integer.toString(Committee.argmax(own.get(1), i * 10, 10)));
            int best = 0;
            for (int c = 0; c < 10; c++) {
                assertThat(Float.parseFloat(f[2 + c])).as("row %d class %d", i, c).isEqualTo(mean[i * 10 + c]);
                if (mean[i * 10 + c] > mean[i * 10 + best]) best = c;
            }
            assertThat(f[1]).isEqualTo(Integer.toString(best));
            assertThat(labels.get(i + 1)).isEqualTo((i + 1) + "," + best);
            if (best == rows.labels[i]) correct++;
        }
        assertThat(written.out()).contains(String.format(java.util.Locale.ROOT, "Accuracy %.2f%%", 100.0 * correct / n));
    }
}
