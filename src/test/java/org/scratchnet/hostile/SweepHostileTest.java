package org.scratchnet.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sweeps against bad files and real signals, in JVMs of their own. A sweep file with an unknown
 * field, an empty grid, a grid of a billion trials, a bad value or a bad range is refused in one
 * line before anything runs, the folder unchanged. A trial's process killed with SIGKILL is
 * reported, the other trials still run, and a rerun runs that trial alone; a sweep stopped with
 * SIGTERM stops its trials, leaves no temporary file and resumes. A test hook
 * ({@code -Dscratchnet.test.pauseAfterUpdate}, which the sweep passes to its trials) slows the
 * trials so the signals land mid-trial; it changes no number.
 */
class SweepHostileTest {
    static final String BASE = "base: {layers: [784, 8, 10], init: kaiming, optimizer: adam, learning_rate: 0.01, batch: 32, epochs: 1}\n";
    static final List<String> SLOW = List.of("-Dscratchnet.test.pauseAfterUpdate=40");

    @TempDir
    Path dir;

    @Test
    void badSweepFilesAreRefusedInOneLineBeforeAnythingRuns() {
        write("unknown.yaml", "name: s\n" + BASE + "gird: {learning_rate: [0.1]}\n");
        write("field.yaml", "name: s\n" + BASE + "grid: {learning_rat: [0.1, 0.2]}\n");
        write("empty.yaml", "name: s\n" + BASE + "grid: {}\n");
        StringBuilder billion = new StringBuilder("name: s\n" + BASE + "grid:\n");
        for (String field : List.of("learning_rate", "momentum", "beta1", "beta2", "epsilon", "rho", "weight_decay", "max_norm", "min_lr")) {
            billion.append("  ").append(field).append(": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95]\n");
        }
        write("billion.yaml", billion.toString());
        write("value.yaml", "name: s\n" + BASE + "grid: {dropout: [0.1, 1.5]}\n");
        write("range.yaml", "name: s\n" + BASE + "random: {samples: 4, space: {learning_rate: {log_uniform: [0, 0.1]}}}\n");
        write("yaml.yaml", "name: s\nbase: [unclosed\n");
        FolderSnapshot before = FolderSnapshot.of(dir);

        assertThat(sweep("unknown.yaml")).isEqualTo("unknown.yaml: gird is not a known field (did you mean grid?); the file takes"
                + " base, grid, name, random, seed, title, train_images");
        assertThat(sweep("field.yaml")).startsWith("field.yaml: grid.learning_rat is not a known field (did you mean learning_rate?);"
                + " a recipe takes ");
        assertThat(sweep("empty.yaml")).startsWith("empty.yaml: grid names no field to vary");
        assertThat(sweep("billion.yaml")).isEqualTo("billion.yaml: grid makes 1,000,000,000 trials (10 x 10 x 10 x 10 x 10 x 10 x 10"
                + " x 10 x 10), more than a sweep runs (10,000); vary fewer fields or values, or draw samples with random:"
                + " {samples: N, space: {...}}");
        assertThat(sweep("value.yaml")).isEqualTo("value.yaml: trial 1 (dropout 1.5): dropout is a rate in [0, 1), got 1.5");
        assertThat(sweep("range.yaml")).startsWith("range.yaml: random.space.learning_rate.log_uniform must be a range of positive numbers");
        assertThat(sweep("yaml.yaml")).startsWith("yaml.yaml is not valid YAML: ");
        assertThat(Expect.userError(Cli.run(dir, "sweep", "--collect", "nowhere"))).startsWith("nowhere is not a folder");
        before.assertUnchanged();
    }

    @Test
    void aKilledTrialIsRerunAloneAndAStoppedSweepResumes() throws Exception {
        // The first 1,000 MNIST test images as a Kaggle CSV: 900 after the held-out test rows, of which train_images keeps 600.
        SmallData.trainCsv(dir.resolve("train.csv"), 1000);
        write("s.yaml", "name: s\ntrain_images: 600\n" + BASE + "grid: {learning_rate: [0.003, 0.01, 0.03]}\n");
        String[] args = {"sweep", "s.yaml", "--out", "out", "--csv", "train.csv"};

        // SIGKILL the process of trial 1 (after trial 0 has finished): reported, trial 2 still runs.
        Process sweep = Cli.start(dir, SLOW, args);
        ProcessHandle first = trialProcess(sweep, Set.of());
        waitFor(sweep, result(0));
        ProcessHandle child = trialProcess(sweep, Set.of(first.pid()));  // one trial at a time: this is trial 1
        child.destroyForcibly();
        assertThat(sweep.waitFor(Cli.TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        String err = new String(sweep.getErrorStream().readAllBytes());
        assertThat(sweep.exitValue()).as(err).isEqualTo(2);
        assertThat(err).contains("scratchnet: trial 1 (learning_rate 0.01) was stopped by signal 9 before it finished;"
                + " run the sweep again to rerun it");
        assertThat(result(1)).doesNotExist();
        assertThat(result(2)).exists();
        byte[] zero = Files.readAllBytes(result(0));
        FileTime zeroTime = Files.getLastModifiedTime(result(0));
        byte[] two = Files.readAllBytes(result(2));
        Cli.Run rerun = Cli.run(dir, args);
        Expect.success(rerun);
        assertThat(rerun.err()).contains("(2 finished before, not run again)").contains("trial 1 of 3").doesNotContain("trial 0 of 3");
        assertThat(Files.readAllBytes(result(0))).isEqualTo(zero);
        assertThat(Files.getLastModifiedTime(result(0))).isEqualTo(zeroTime);
        assertThat(Files.readAllBytes(result(2))).isEqualTo(two);
        assertThat(rerun.out()).contains("Sweep s (grid search): 3 of 3 trials finished");

        // SIGTERM the sweep itself in the middle of a trial: its trial is stopped too, no temporary file stays.
        Files.delete(result(1));
        Files.delete(result(2));
        Process stopped = Cli.start(dir, SLOW, args);
        ProcessHandle running = trialProcess(stopped, Set.of());  // trial 1: trial 0 finished before
        Thread.sleep(300);
        assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(stopped.pid())).start().waitFor()).isZero();
        assertThat(stopped.waitFor(Cli.TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(stopped.exitValue()).isEqualTo(143);
        assertThat(running.isAlive()).as("the trial's process is stopped with the sweep").isFalse();
        try (Stream<Path> files = Files.walk(dir.resolve("out"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".scratchnet-tmp"));
        }
        Cli.Run resumed = Cli.run(dir, args);
        Expect.success(resumed);
        assertThat(Files.readAllBytes(result(0))).isEqualTo(zero);
        assertThat(resumed.out()).contains("3 of 3 trials finished");
    }

    private String sweep(String file) {
        return Expect.userError(Cli.run(dir, "sweep", file, "--out", "out", "--data", Cli.mnist().toString()));
    }

    private void write(String name, String text) {
        Cli.write(dir.resolve(name), text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private Path result(int trial) {
        return dir.resolve("out/trials/trial-000" + trial + ".json");
    }

    /** A trial's process under {@code sweep} (one at a time: the trial it has started), other than {@code seen}, once it has started. */
    private static ProcessHandle trialProcess(Process sweep, Set<Long> seen) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Cli.TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            // The JVM's own spawn helper runs under the child's id until it becomes java: wait for java. Then wait until
            // that java has run a little: killed in the moment after its exec, before the sweep's JVM has seen the exec
            // succeed, the sweep is told "Failed to exec spawn helper" instead of a trial stopped by a signal.
            Optional<ProcessHandle> child = sweep.toHandle().children().filter(c -> !seen.contains(c.pid()))
                    .filter(c -> c.info().command().map(command -> command.endsWith("/java")).orElse(false))
                    .filter(c -> c.info().totalCpuDuration().map(cpu -> cpu.toMillis() >= 200).orElse(true)).findFirst();
            if (child.isPresent()) return child.get();
            if (!sweep.isAlive()) fail("the sweep ended (exit %d) before its next trial started", sweep.exitValue());
            Thread.sleep(10);
        }
        sweep.destroyForcibly();
        throw new AssertionError("no trial started within " + Cli.TIMEOUT_SECONDS + " s");
    }

    private static void waitFor(Process p, Path file) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Cli.TIMEOUT_SECONDS);
        while (!Files.exists(file)) {
            if (!p.isAlive()) fail("the sweep ended (exit %d) before writing %s: %s", p.exitValue(), file,
                    new String(p.getErrorStream().readAllBytes()));
            if (System.nanoTime() > deadline) {
                p.destroyForcibly().waitFor();
                fail("%s did not appear within %d s", file, Cli.TIMEOUT_SECONDS);
            }
            Thread.sleep(10);
        }
    }
}
