package org.scratchnet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scratchnet.cli.CliEndToEndTest.assertUserError;
import static org.scratchnet.cli.CliEndToEndTest.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.KaggleCsvReader;
import org.scratchnet.data.MnistFiles;

/**
 * Every numeric option of every subcommand refuses a value outside its range with one line that
 * names the option, the range and the value, before any data is read; lists and combinations of
 * options that cannot work (a dropout rate for a network without hidden layers, a split that
 * leaves a set empty, more updates than a run can count) are refused the same way. In process,
 * on a small random CSV: nothing here trains.
 */
class OptionValidationTest {

    @TempDir
    static Path shared;
    /** 50 labelled rows of noise, 5 of each class, as Kaggle's train.csv. */
    static Path csv;
    /** The same rows without the label column, as Kaggle's test.csv. */
    static Path unlabelled;

    @BeforeAll
    static void writeCsvs() {
        Random random = new Random(3);
        int n = 50;
        float[] x = new float[n * 784];
        int[] y = new int[n];
        for (int i = 0; i < x.length; i++) x[i] = random.nextInt(256) / 255f;
        for (int i = 0; i < n; i++) y[i] = i % 10;
        Dataset d = new Dataset(x, y, n, 784, 10, "noise");
        csv = shared.resolve("train.csv");
        unlabelled = shared.resolve("test.csv");
        KaggleCsvReader.write(d, csv, true);
        KaggleCsvReader.write(d, unlabelled, false);
    }

    /** {command line, what the message must say}: one case per option and kind of wrong value. */
    static Stream<Arguments> outOfRange() {
        return Stream.of(
                bad("train --iterations -5", "--iterations", "from 1 to", "'-5'"),
                bad("train --iterations 0", "--iterations", "from 1 to", "'0'"),
                bad("train --epochs 0", "--epochs", "from 1 to", "'0'"),
                bad("train --epochs 1.5", "--epochs", "whole number", "'1.5'"),
                bad("train --lr NaN", "--lr", "finite number above 0", "'NaN'"),
                bad("train --lr -0.1", "--lr", "above 0", "'-0.1'"),
                bad("train --lr 0", "--lr", "above 0", "'0'"),
                bad("train --lr Infinity", "--lr", "finite", "'Infinity'"),
                bad("train --batch -1", "--batch", "full", "'-1'"),
                bad("train --momentum 1", "--momentum", "at least 0 and below 1", "'1'"),
                bad("train --beta1 -0.1", "--beta1", "at least 0 and below 1", "'-0.1'"),
                bad("train --beta2 0.99999999", "--beta2", "below 1", "'0.99999999'"),  // 1.0 as a float
                bad("train --rho 1.5", "--rho", "at least 0 and below 1", "'1.5'"),
                bad("train --eps -1e-8", "--eps", "finite number of at least 0", "'-1e-8'"),
                bad("train --weight-decay NaN", "--weight-decay", "finite number of at least 0", "'NaN'"),
                bad("train --max-norm 0", "--max-norm", "finite number above 0", "'0'"),
                bad("train --warmup -1", "--warmup", "finite number of at least 0", "'-1'"),
                bad("train --step-size 0", "--step-size", "from 1 to", "'0'"),
                bad("train --gamma 0", "--gamma", "above 0 and at most 1", "'0'"),
                bad("train --gamma 1.5", "--gamma", "above 0 and at most 1", "'1.5'"),
                bad("train --min-lr -0.1", "--min-lr", "at least 0", "'-0.1'"),
                bad("train --plateau-patience 0", "--plateau-patience", "from 1 to", "'0'"),
                bad("train --plateau-factor 1", "--plateau-factor", "above 0 and below 1", "'1'"),
                bad("train --record-every 0", "--record-every", "from 1 to", "'0'"),
                bad("train --validation 1", "--validation", "at least 0 and below 1", "'1'"),
                bad("train --validation -0.1", "--validation", "at least 0 and below 1", "'-0.1'"),
                bad("train --validation NaN", "--validation", "below 1", "'NaN'"),
                bad("train --test-fraction 1", "--test-fraction", "above 0 and below 1", "'1'"),
                bad("train --test-fraction 0", "--test-fraction", "above 0 and below 1", "'0'"),
                bad("train --seed 1e3", "--seed", "whole number", "'1e3'"),
                bad("train --seed 99999999999999999999", "--seed", "9223372036854775807", "'99999999999999999999'"),
                bad("data --test-fraction 1.5", "--test-fraction", "below 1", "'1.5'"),
                bad("experiment --test-fraction 0 x.yaml", "--test-fraction", "above 0", "'0'"),
                bad("data --rows 0", "--rows", "from 1 to 100", "'0'"),
                bad("data --cols 101", "--cols", "from 1 to 100", "'101'"),
                bad("data --seed x", "--seed", "whole number", "'x'"),
                bad("gradcheck --threshold NaN", "--threshold", "finite number above 0", "'NaN'"),
                bad("gradcheck --threshold 0", "--threshold", "above 0", "'0'"),
                bad("gradcheck --threshold -1", "--threshold", "above 0", "'-1'"),
                bad("gradcheck --seed 1.5", "--seed", "whole number", "'1.5'"),
                bad("bench --threads 0", "--threads", "from 1 to 1024", "'0'"),
                bad("bench --w1-iterations 0", "--w1-iterations", "from 1 to", "'0'"),
                bad("bench --peak-gflops -3", "--peak-gflops", "above 0", "'-3'"),
                bad("experiment --parallel 0 x.yaml", "--parallel", "from 1 to 1024", "'0'"),
                bad("reproduce --parallel -2", "--parallel", "from 1 to 1024", "'-2'"),
                bad("serve --port 65536", "--port", "from 0 to 65535", "'65536'"),
                bad("serve --port -1", "--port", "from 0 to 65535", "'-1'"),
                bad("serve --threads 0", "--threads", "from 1 to 1024", "'0'"),
                bad("serve --timeout 0", "--timeout", "from 1 to 3600", "'0'"),
                bad("serve --timeout 1.5", "--timeout", "whole number", "'1.5'"));
    }

    static Arguments bad(String commandLine, String... says) {
        return Arguments.of(commandLine, says);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outOfRange")
    void anOptionOutOfRangeIsOneLineWithItsRange(String commandLine, String[] says, @TempDir Path dir) throws IOException {
        CliEndToEndTest.Result r = run(commandLine.split(" "));
        String err = assertUserError(r, dir, null);
        assertThat(err).contains(says).contains("--help");
        assertThat(r.out()).isEmpty();
    }

    /** {train options on the small CSV, what the message must say}: lists and combinations. */
    static Stream<Arguments> trainCombinations() {
        return Stream.of(
                bad("--preset nope", "unknown preset 'nope'", "default, paper, simard2003, srivastava2014, best, best-augmented or rasmus2015"),
                bad("--layers 784,abc,10", "--layers", "size 2", "'abc'"),
                bad("--layers 784,0,10", "--layers", "from 1 to", "'0'"),
                bad("--layers 784", "--layers", "at least an input and an output size"),
                bad("--layers 784,,10", "--layers", "size 2"),
                bad("--layers 784,32,10 --activation relu,tanh", "--activation has 2 names", "has 1 hidden layer;"),
                bad("--layers 784,32,10 --activation swish", "swish", "relu, sigmoid or tanh"),
                bad("--layers 784,32,16,10 --dropout 0.1,0.2,0.3", "--dropout has 3 rates", "2 hidden layers"),
                bad("--layers 784,32,10 --dropout 1", "--dropout", "at least 0 and below 1", "'1'"),
                bad("--layers 784,32,10 --dropout -0.2", "--dropout", "'-0.2'"),
                bad("--layers 784,32,16,10 --dropout 0.2,x", "--dropout", "'x'"),
                bad("--layers 784,10 --dropout 0.5", "--dropout 0.5 would be ignored", "no hidden layer"),
                bad("--layers 784,10 --activation tanh", "--activation tanh would be ignored", "no hidden layer"),
                bad("--layers 784,32,10 --optimizer sgd --beta1 0.8", "--beta1 does not apply to sgd: it is a setting of adam and adamw"),
                bad("--layers 784,32,10 --optimizer adam --momentum 0.5",
                        "--momentum does not apply to adam: it is a setting of momentum and nesterov"),
                bad("--preset paper --rho 0.95", "--rho does not apply to gd: it is a setting of rmsprop"),
                bad("--layers 784,32,10 --optimizer nesterov --eps 1e-6", "--eps does not apply to nesterov"),
                bad("--layers 784,32,10 --optimizer adagrad", "unknown optimizer 'adagrad'", "nesterov, rmsprop, adam or adamw"),
                bad("--layers 784,32,10 --schedule cosine --gamma 0.5",
                        "--gamma does not apply to the cosine schedule: it is a setting of step and exponential"),
                bad("--layers 784,32,10 --schedule step --plateau-patience 3", "--plateau-patience does not apply to the step schedule"),
                bad("--layers 784,32,10 --schedule triangle", "unknown schedule 'triangle'", "cosine, linear, onecycle or plateau"),
                bad("--layers 784,32,10 --schedule cosine --hold 3", "--hold does not apply to the cosine schedule: it is a setting of linear"),
                bad("--layers 784,32,10 --schedule linear --hold -1", "--hold", "'-1'"),
                bad("--layers 784,32,10 --epochs 2 --schedule linear --hold 2", "a hold of 2 epochs", "leaves nothing of the run's",
                        "use a shorter hold or a longer run"),
                bad("--layers 784,32,10 --schedule linear --lr 0.01 --min-lr 0.1", "the linear schedule's floor min_lr 0.1 is above"),
                bad("--layers 784,32,10 --epochs 1 --warmup 1", "a 1-epoch warm-up", "leaves nothing of the run's", "shorter warm-up"),
                bad("--layers 784,32,10 --schedule cosine --lr 0.01 --min-lr 0.1", "floor min_lr 0.1 is above the learning rate 0.01"),
                bad("--layers 784,32,10 --schedule plateau --validation 0", "the plateau schedule watches the validation loss"),
                bad("--layers 784,32,10 --validation 0.9999", "--validation 0.9999 leaves no examples to train on"),
                bad("--layers 784,32,10 --validation 0.001", "--validation 0.001 holds out none", "validation set would be empty"),
                bad("--layers 784,32,10 --test-fraction 0.999", "--test-fraction 0.999 leaves no examples to train on", "test set"),
                bad("--layers 784,32,10 --test-fraction 0.001", "--test-fraction 0.001 holds out none", "test set would be empty"),
                bad("--layers 784,32,10 --epochs 2147483647 --batch 1", "2,147,483,647 epochs", "more than the 2,147,483,647",
                        "fewer epochs or larger batches"));
    }

    @ParameterizedTest(name = "train {0}")
    @MethodSource("trainCombinations")
    void aCombinationThatCannotWorkIsRefusedBeforeTraining(String options, String[] says, @TempDir Path dir) throws IOException {
        List<String> args = new ArrayList<>(List.of("train", "--csv", csv.toString(), "--out", dir.resolve("m.safetensors").toString()));
        args.addAll(List.of(options.split(" ")));
        assertThat(assertUserError(run(args.toArray(String[]::new)), dir, dir.resolve("m.safetensors"))).contains(says);
    }

    @Test
    void aCsvWithoutLabelsCannotBeTrainedOnButCanBeSummarised(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("m.safetensors");
        assertThat(assertUserError(run("train", "--csv", unlabelled.toString(), "--out", out.toString()), dir, out))
                .contains("no label column").contains("predict --csv");
        CliEndToEndTest.Result data = run("data", "--csv", unlabelled.toString(), "--grid", dir.resolve("g.png").toString(), "--json");
        assertThat(data.code()).as(data.err()).isZero();
        assertThat(CliEndToEndTest.singleJsonObject(data.out()).getAsJsonObject("csv").get("labelled").getAsBoolean()).isFalse();
    }

    @Test
    void dataNamingAFileIsNotAFolder(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("m.safetensors");
        assertThat(assertUserError(run("train", "--data", csv.toString(), "--out", out.toString()), dir, out))
                .contains(csv.toString()).contains("is not a folder");
        assertThat(assertUserError(run("data", "--data", csv.toString(), "--grid", dir.resolve("g.png").toString()), dir, null))
                .contains("is not a folder");
        assertThat(dir.resolve("g.png")).doesNotExist();
    }

    /** An MNIST folder whose test files hold no images: refused, not "test accuracy 0.00%, loss NaN". */
    @Test
    void anEmptyMnistTestSetIsRefused(@TempDir Path dir) throws IOException {
        Path mnist = Files.createDirectory(dir.resolve("mnist"));
        int n = 20;
        byte[] pixels = new byte[n * 784];
        new Random(5).nextBytes(pixels);
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) labels[i] = (byte) (i % 10);
        Files.write(mnist.resolve(MnistFiles.NAMES[0].replace(".gz", "")), idx(0x803, n, pixels, 28, 28));
        Files.write(mnist.resolve(MnistFiles.NAMES[1].replace(".gz", "")), idx(0x801, n, labels));
        Files.write(mnist.resolve(MnistFiles.NAMES[2].replace(".gz", "")), idx(0x803, 0, new byte[0], 28, 28));
        Files.write(mnist.resolve(MnistFiles.NAMES[3].replace(".gz", "")), idx(0x801, 0, new byte[0]));
        Path out = dir.resolve("m.safetensors");
        assertThat(assertUserError(run("train", "--data", mnist.toString(), "--layers", "784,10", "--out", out.toString()), dir, out))
                .contains("holds no examples").contains("to test on");

        Path model = dir.resolve("tiny.safetensors");
        CliEndToEndTest.Result trained = run("train", "--csv", csv.toString(), "--layers", "784,10", "--iterations", "1",
                "--out", model.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        assertThat(assertUserError(run("evaluate", "--data", mnist.toString(), "--model", model.toString()), dir, null))
                .contains("holds no examples");
    }

    private static byte[] idx(int magic, int count, byte[] data, int... dims) {
        ByteBuffer b = ByteBuffer.allocate(8 + 4 * dims.length + data.length);
        b.putInt(magic).putInt(count);
        for (int d : dims) b.putInt(d);
        b.put(data);
        return b.array();
    }

    @Test
    void predictRefusesAMissingOrCorruptModelAndASubmissionWithoutCsv(@TempDir Path dir) throws IOException {
        Path image = dir.resolve("digit.png");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(28, 28, java.awt.image.BufferedImage.TYPE_BYTE_GRAY), "png",
                image.toFile());
        assertThat(assertUserError(run("predict", image.toString()), dir, null)).contains("--model");
        Path missing = dir.resolve("missing.safetensors");
        assertThat(assertUserError(run("predict", "--model", missing.toString(), image.toString()), dir, null))
                .contains(missing.toString());
        assertThat(missing).doesNotExist();
        Path corrupt = dir.resolve("corrupt.safetensors");
        byte[] junk = new byte[2048];
        new Random(9).nextBytes(junk);
        Files.write(corrupt, junk);
        assertThat(assertUserError(run("predict", "--model", corrupt.toString(), image.toString()), dir, null))
                .contains(corrupt.toString());
        Path submission = dir.resolve("submission.csv");
        assertThat(assertUserError(run("predict", "--model", corrupt.toString(), "--submission", submission.toString(),
                image.toString()), dir, null)).contains("--submission").contains("--csv");
        assertThat(submission).doesNotExist();
    }

    @Test
    void plotActivationsDrawsEveryFigureAsPngAndSvg(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("figures");
        CliEndToEndTest.Result r = run("plot", "activations", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<Path> files;
        try (Stream<Path> listed = Files.list(out)) {
            files = listed.sorted().toList();
        }
        assertThat(files).extracting(f -> f.getFileName().toString()).contains("activation-relu.png", "activation-relu.svg",
                "activation-sigmoid.png", "activation-tanh.svg", "activation-softmax.png");
        for (Path f : files) {
            assertThat(Files.size(f)).as(f.toString()).isPositive();
            assertThat(r.out()).contains(f.getFileName().toString());
            if (f.toString().endsWith(".png")) assertThat(javax.imageio.ImageIO.read(f.toFile())).as(f.toString()).isNotNull();
            else assertThat(Files.readString(f)).as(f.toString()).contains("<svg");
        }
        assertThat(assertUserError(run("plot", "weights", "--out", out.toString()), dir, null)).contains("'weights'");
    }

    @Test
    void aFailedGradientCheckExitsOne() {
        CliEndToEndTest.Result r = run("gradcheck", "--threshold", "1e-12");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("GRADIENT CHECK FAILED").contains("FAIL ");
        assertThat(r.err()).isEmpty();
    }
}
