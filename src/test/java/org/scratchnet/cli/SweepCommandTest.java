package org.scratchnet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.scratchnet.cli.CliEndToEndTest.run;
import static org.scratchnet.cli.CliEndToEndTest.singleJsonObject;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.KaggleCsvReader;
import org.scratchnet.data.MnistFiles;
import org.scratchnet.data.Splits;
import org.scratchnet.engine.FastEngine;
import org.scratchnet.experiment.Experiment;
import org.scratchnet.experiment.ExperimentFile;
import org.scratchnet.sweep.Sweep;
import org.scratchnet.sweep.SweepFile;
import org.scratchnet.sweep.TrialResult;
import org.scratchnet.sweep.TrialRun;

/**
 * A tiny sweep end to end on real MNIST (4 trials of a small network, one epoch, on the first 1,700
 * MNIST training images as a Kaggle CSV: 1,377 to train on, 153 to validate, the test rows never
 * read), each trial in a JVM of its own: the table is sorted by validation accuracy and a
 * trial's accuracy is what training its recipe here gives; the best recipe is an experiment file
 * with that recipe; after one result is removed and another cut short, a rerun runs those two
 * only and leaves the others' files untouched (bytes and times); the job list run by GNU parallel
 * and collected gives the same table; the Slurm script lists the unfinished trials and passes
 * {@code bash -n}.
 */
class SweepCommandTest {
    static final String SWEEP = """
            name: tiny
            title: Rate and width on 1,377 images
            base: {layers: [784, 16, 10], init: kaiming, optimizer: adam, learning_rate: 0.001, batch: 64, epochs: 1}
            grid:
              learning_rate: [0.001, 0.01]
              layers: [[784, 16, 10], [784, 32, 10]]
            """;

    @TempDir
    Path dir;

    @Test
    void aTinySweepRunsResumesAndGivesTheSameTableThroughGnuParallel() throws Exception {
        Path file = dir.resolve("tiny.yaml");
        Files.writeString(file, SWEEP);
        Path out = dir.resolve("out");
        Dataset[] mnist = MnistFiles.load(CliEndToEndTest.MNIST);
        Path csv = dir.resolve("train.csv");
        KaggleCsvReader.write(mnist[0].head(1700), csv, true);
        String data = "--csv";
        String source = csv.toString();

        CliEndToEndTest.Result first = run("sweep", file.toString(), "--out", out.toString(), data, source, "-j", "2", "--json");
        assertThat(first.code()).as(first.err()).isZero();
        JsonObject table = singleJsonObject(first.out());
        assertThat(table.get("finished").getAsInt()).isEqualTo(4);
        assertThat(table.get("sorted_by").getAsString()).isEqualTo("validation_accuracy");
        JsonArray rows = table.getAsJsonArray("rows");
        for (int i = 1; i < rows.size(); i++) {
            assertThat(accuracy(rows.get(i))).isLessThanOrEqualTo(accuracy(rows.get(i - 1)));
        }
        assertThat(first.err()).contains("Sweep tiny: 4 trials, grid search; 2 trials at a time");

        // Trial 2 (learning_rate 0.01, layers 784-16-10) trained here on the same split gives the same validation figures.
        Sweep sweep = SweepFile.read(file);
        DataOptions options = new DataOptions();
        options.csv = csv;
        Dataset all = options.trainAndTest(new TestFractionOption(), ExperimentSession.SPLIT_SEED).train();
        Splits.Split split = Splits.stratified(all, ExperimentSession.VALIDATION, ExperimentSession.SPLIT_SEED);
        TrialResult here = TrialRun.run(sweep, sweep.trials().get(2), split.kept(), split.heldOut(), "here", FastEngine.withThreads(1));
        TrialResult there = TrialResult.read(TrialResult.file(out, 2));
        assertThat(there.validationAccuracy()).isEqualTo(here.validationAccuracy());
        assertThat(there.validationLoss()).isEqualTo(here.validationLoss());
        assertThat(there.validationSize()).isEqualTo(split.heldOut().size);

        int best = table.get("best_trial").getAsInt();
        assertThat(best).isEqualTo(rows.get(0).getAsJsonObject().get("trial").getAsInt());
        Experiment bestRecipe = ExperimentFile.read(out.resolve("best.yaml"));
        assertThat(bestRecipe.recipes().get(0).recipe()).isEqualTo(sweep.trials().get(best).recipe());
        assertThat(ImageIO.read(out.resolve("sweep.png").toFile()).getWidth()).isEqualTo(760);
        assertThat(Files.readString(out.resolve("sweep.svg"))).contains("<svg");
        assertThat(Files.readString(out.resolve("results.md"))).contains("| rank | trial | learning_rate | layers | val accuracy |");

        // Resume: trial 1's result removed, trial 3's cut short; 0 and 2 must not run again.
        Map<Integer, byte[]> bytes = new LinkedHashMap<>();
        Map<Integer, FileTime> times = new LinkedHashMap<>();
        for (int t : List.of(0, 2)) {
            bytes.put(t, Files.readAllBytes(TrialResult.file(out, t)));
            times.put(t, Files.getLastModifiedTime(TrialResult.file(out, t)));
        }
        Files.delete(TrialResult.file(out, 1));
        byte[] whole = Files.readAllBytes(TrialResult.file(out, 3));
        Files.write(TrialResult.file(out, 3), java.util.Arrays.copyOf(whole, whole.length / 2));
        CliEndToEndTest.Result again = run("sweep", file.toString(), "--out", out.toString(), data, source, "--json");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.err()).contains("(2 finished before, not run again)").contains("trial 1 of 4").contains("trial 3 of 4")
                .doesNotContain("trial 0 of 4").doesNotContain("trial 2 of 4");
        for (int t : List.of(0, 2)) {
            assertThat(Files.readAllBytes(TrialResult.file(out, t))).isEqualTo(bytes.get(t));
            assertThat(Files.getLastModifiedTime(TrialResult.file(out, t))).isEqualTo(times.get(t));
        }
        assertThat(TrialResult.read(TrialResult.file(out, 3))).isNotNull();
        assertThat(withoutTimes(singleJsonObject(again.out()))).isEqualTo(withoutTimes(table));

        // The sweep file changed since: its old results are refused, not mixed in.
        Path changed = dir.resolve("changed.yaml");
        Files.writeString(changed, SWEEP.replace("batch: 64", "batch: 32"));
        CliEndToEndTest.Result refused = run("sweep", changed.toString(), "--out", out.toString(), data, source);
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).startsWith("scratchnet: " + TrialResult.file(out, 0) + " is the result of another plan for trial 0");

        // The Slurm job array of a folder where trials 0 and 2 have finished: the array is 1,3.
        Path slurm = dir.resolve("slurm");
        Files.createDirectories(slurm.resolve("trials"));
        for (int t : List.of(0, 2)) Files.copy(TrialResult.file(out, t), TrialResult.file(slurm, t));
        CliEndToEndTest.Result emitted = run("sweep", file.toString(), "--out", slurm.toString(), data, source, "--emit", "slurm", "--json");
        assertThat(emitted.code()).as(emitted.err()).isZero();
        JsonObject said = singleJsonObject(emitted.out());
        assertThat(said.get("emit").getAsString()).isEqualTo("slurm");
        assertThat(said.get("trials").getAsInt()).isEqualTo(4);
        assertThat(said.get("finished_before").getAsInt()).isEqualTo(2);
        assertThat(said.getAsJsonArray("unfinished_trials").toString()).isEqualTo("[1,3]");
        assertThat(Path.of(said.get("file").getAsString())).isEqualTo(slurm.resolve("sweep.slurm"));
        assertThat(said.get("run").getAsString()).startsWith("sbatch ").endsWith("sweep.slurm");
        assertThat(said.get("collect").getAsString()).startsWith("scratchnet sweep --collect ");
        String script = Files.readString(slurm.resolve("sweep.slurm"));
        assertThat(script).startsWith("#!/bin/bash\n").contains("#SBATCH --array=1,3\n").contains("--trial \"${SLURM_ARRAY_TASK_ID}\"");
        assertThat(new ProcessBuilder("bash", "-n", slurm.resolve("sweep.slurm").toString()).inheritIO().start().waitFor()).isZero();

        // GNU parallel runs the job list; the collected table is the in-process run's.
        assumeTrue(onPath("parallel"), "GNU parallel is not installed (Debian: apt-get install parallel)");
        Path viaParallel = dir.resolve("parallel");
        CliEndToEndTest.Result jobs = run("sweep", file.toString(), "--out", viaParallel.toString(), data, source, "--emit", "parallel", "-j", "2");
        assertThat(jobs.code()).as(jobs.err()).isZero();
        assertThat(Files.readAllLines(viaParallel.resolve("jobs.txt"))).hasSize(4);
        Process p = new ProcessBuilder("bash", "-c", "parallel --will-cite --halt now,fail=1 --jobs 2 < jobs.txt")
                .directory(viaParallel.toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        CliEndToEndTest.Result collected = run("sweep", "--collect", viaParallel.toString(), "--json");
        assertThat(collected.code()).as(collected.err()).isZero();
        assertThat(withoutTimes(singleJsonObject(collected.out()))).isEqualTo(withoutTimes(table));
        assertThat(Files.readString(viaParallel.resolve("best.yaml"))).isEqualTo(Files.readString(out.resolve("best.yaml")));
    }

    private static double accuracy(JsonElement row) {
        return row.getAsJsonObject().get("validation_accuracy").getAsDouble();
    }

    /** The table without what a rerun may change: each trial's time and where the best recipe was written. */
    private static JsonObject withoutTimes(JsonObject table) {
        JsonObject copy = table.deepCopy();
        copy.remove("best_recipe");
        for (JsonElement row : copy.getAsJsonArray("rows")) row.getAsJsonObject().remove("seconds");
        return copy;
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, program))) return true;
        }
        return false;
    }
}
