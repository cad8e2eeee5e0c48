package org.scratchnet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.scratchnet.cli.CliEndToEndTest.MNIST;
import static org.scratchnet.cli.CliEndToEndTest.run;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.IdxReader;
import org.scratchnet.data.KaggleCsvReader;
import org.scratchnet.data.MnistFiles;

/**
 * {@code scratchnet explain} on the command line: the walk through a step of 784-16-10 on 8 real
 * MNIST training images, every equation (1)-(14) in it and its gradient check passing (exit 0);
 * its {@code --json}, strict, shaped as issue 16 asks, every number of which numpy recomputes
 * (src/test/python/explain_step.py, skipped with a message where /usr/bin/python3 has no
 * numpy); and the one-line errors, exit code 2, of a batch out of range or larger than the data
 * and of layers that do not fit it. The last two read 300 real MNIST test images from a CSV, which
 * is quicker than MNIST's 60,000.
 */
class ExplainCommandTest {
    private static final Path SCRIPT = Path.of("src/test/python/explain_step.py");

    @Test
    void walksThroughOneStepInThePapersOrderAndChecksIt() {
        CliEndToEndTest.Result r = run("explain", "--data", MNIST.toString(), "--layers", "784,16,10", "--batch", "8", "--seed", "3");
        assertThat(r.code()).as(r.err()).isZero();
        String out = r.out();
        assertThat(out).startsWith("One training step of 784-16-10 (relu, softmax) on 8 of MNIST's 60,000 training images");
        assertThat(out).contains("numbered in the order of the paper");
        int at = 0;
        for (String line : new String[] {"A[0] = X", "(1)  Z[1] = A[0]·W[1]ᵀ + b[1]   [8 x 16]", "(2)  A[1] = relu(Z[1])",
                "(3)  Z[2]", "(4)  A[2] = softmax(Z[2])", "(5)  L =", "(6)  dZ[2] = A[2] - Y   [8 x 10]",
                "(7)  dW[2] = (1/m) dZ[2]ᵀ·A[1]   [10 x 16]", "(8)  db[2]", "(9)  dA[1] = dZ[2]·W[2]", "(10)  dZ[1] = dA[1] ⊙ relu'(Z[1])",
                "(11)  dW[1]", "(12)  db[1]", "(13)  W[1] := W[1] - α dW[1]", "(14)  b[1]", "(13)  W[2]", "(14)  b[2]",
                "== Check ==", "the gradients above are right"}) {
            int next = out.indexOf(line, at);
            assertThat(next).as("'%s' after position %d of:%n%s", line, at, out).isGreaterThanOrEqualTo(at);
            at = next + line.length();
        }
        assertThat(out).contains("Where the paper's text differs: its softmax-derivative step",
                "The paper's baseline initialisation");  // --init defaults to the paper's
    }

    /** 300 real MNIST test images as a Kaggle train.csv: a quicker read than MNIST's 60,000 (its training part is 270-odd rows). */
    static Path smallCsv(Path dir) {
        Dataset test = IdxReader.read(MnistFiles.file(MNIST, MnistFiles.NAMES[2]), MnistFiles.file(MNIST, MnistFiles.NAMES[3]));
        Path csv = dir.resolve("train.csv");
        KaggleCsvReader.write(test.head(300), csv, true);
        return csv;
    }

    @Test
    void jsonHoldsEveryNumberOfTheStepAndNumpyRecomputesThem(@TempDir Path dir) throws IOException, InterruptedException {
        Path csv = smallCsv(dir);
        String[][] cases = {
                {"--layers", "784,16,10", "--batch", "8", "--seed", "3"},
                {"--layers", "784,12,8,10", "--activation", "tanh,sigmoid", "--dropout", "0.3", "--init", "xavier", "--lr", "0.5",
                        "--batch", "5", "--seed", "7"},
                {"--layers", "784,16,10", "--input-dropout", "0.2", "--dropout", "0.1", "--batch", "6", "--seed", "5"}};
        boolean numpy = numpyAvailable();
        for (String[] options : cases) {
            String[] args = new String[options.length + 4];
            args[0] = "explain";
            args[1] = "--csv";
            args[2] = csv.toString();
            System.arraycopy(options, 0, args, 3, options.length);
            args[args.length - 1] = "--json";
            CliEndToEndTest.Result r = run(args);
            assertThat(r.code()).as(r.err()).isZero();
            JsonOutputTest.assertStrict(r.out());
            JsonObject j = CliEndToEndTest.singleJsonObject(r.out());
            assertThat(j.keySet()).containsExactly("learning_rate", "batch", "loss", "layers", "gradient_check");
            JsonArray X = j.getAsJsonObject("batch").getAsJsonArray("X");
            int m = Integer.parseInt(options[options.length - 3]);
            assertThat(X).hasSize(m);
            assertThat(X.get(0).getAsJsonArray()).hasSize(784);
            JsonObject first = j.getAsJsonArray("layers").get(0).getAsJsonObject();
            assertThat(first.get("index").getAsInt()).isEqualTo(1);
            assertThat(first.getAsJsonArray("W").get(0).getAsJsonArray()).hasSize(784);
            assertThat(first.getAsJsonArray("Z")).hasSize(m);
            assertThat(j.getAsJsonObject("gradient_check").get("passed").getAsBoolean()).isTrue();
            boolean inputDropout = List.of(options).contains("--input-dropout");
            assertThat(j.getAsJsonObject("batch").keySet()).as("the batch's mask and A[0], with input dropout only")
                    .containsExactlyElementsOf(inputDropout ? List.of("X", "labels", "dropout_mask", "A") : List.of("X", "labels"));

            if (!numpy) continue;
            Path json = dir.resolve("step.json");
            Files.writeString(json, r.out(), StandardCharsets.UTF_8);
            Process p = new ProcessBuilder("/usr/bin/python3", SCRIPT.toString(), json.toString()).redirectErrorStream(true).start();
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            System.out.println("explain_step.py " + String.join(" ", options) + ":\n" + said);
            assertThat(p.exitValue()).as(said).isZero();
            assertThat(said).contains("quantities agree with numpy");
        }
        assumeTrue(numpy, "/usr/bin/python3 with numpy is not installed (Debian: apt-get install python3-numpy);"
                + " the JSON was checked, its numbers were not recomputed");
    }

    /** --from: the step starts from a trained model's own weights (its W[1] in the JSON, bit for bit), its network and dropout. */
    @Test
    void fromAModelTheStepStartsFromItsWeights(@TempDir Path dir) {
        Path csv = smallCsv(dir);
        Path model = dir.resolve("m.safetensors");
        CliEndToEndTest.Result trained = run("train", "--csv", csv.toString(), "--layers", "784,12,10", "--dropout", "0.1", "--epochs", "1",
                "--out", model.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        CliEndToEndTest.Result r = run("explain", "--csv", csv.toString(), "--from", model.toString(), "--batch", "4", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonObject first = CliEndToEndTest.singleJsonObject(r.out()).getAsJsonArray("layers").get(0).getAsJsonObject();
        JsonArray W = first.getAsJsonArray("W");
        float[] saved = org.scratchnet.io.ModelFile.load(model).network().weights(0);
        assertThat(W).hasSize(12);
        for (int j = 0; j < 12; j++) {
            for (int k = 0; k < 784; k += 97) {
                assertThat(W.get(j).getAsJsonArray().get(k).getAsFloat()).as("W[1][%d][%d]", j, k).isEqualTo(saved[j * 784 + k]);
            }
        }
        String walk = run("explain", "--csv", csv.toString(), "--from", model.toString(), "--batch", "4").out();
        assertThat(walk).startsWith("One training step of 784-12-10 (relu, softmax)").contains("dropout 0.1, the weights of m.safetensors");
        CliEndToEndTest.Result refused = run("explain", "--csv", csv.toString(), "--from", model.toString(), "--dropout", "0.5");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err().strip()).isEqualTo("scratchnet: --dropout is the model's with --from " + model + "; leave it out");
    }

    @Test
    void badOptionsEndInOneLineWithExitCode2(@TempDir Path dir) {
        Path csv = smallCsv(dir);
        String[][] cases = {
                {"--batch", "0", "--batch must be a whole number from 1 to 1000, got '0'"},
                {"--batch", "1001", "--batch must be a whole number from 1 to 1000, got '1001'"},
                {"--layers", "784,16,9", "--layers 784,16,9 does not fit the data"},
                {"--layers", "784", "--layers needs at least an input and an output size"},
                {"--activation", "swish", "unknown activation 'swish'"},
                {"--batch", "1000", "--batch 1000 is more than the 27"}};  // the CSV's training part: 270-odd rows
        for (String[] c : cases) {
            CliEndToEndTest.Result r = run("explain", "--csv", csv.toString(), c[0], c[1]);
            assertThat(r.code()).as("%s %s: %s", c[0], c[1], r.err()).isEqualTo(2);
            assertThat(r.err().strip()).as("%s %s", c[0], c[1]).startsWith("scratchnet: ").contains(c[2]).doesNotContain("\n");
            assertThat(r.out()).isEmpty();
        }
    }

    static boolean numpyAvailable() {
        if (!Files.isExecutable(Path.of("/usr/bin/python3"))) return false;
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import numpy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
