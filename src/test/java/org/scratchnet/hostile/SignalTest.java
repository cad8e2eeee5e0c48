package org.scratchnet.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.io.ModelFile;

/**
 * Signals at the moment of saving. {@code train} is started with a test hook that makes the save
 * pause once both temporary files (model and history) are complete and before they are renamed
 * into place; the test waits for both to appear, then signals the process. SIGINT and SIGTERM must
 * leave the old model and history byte for byte and no temporary file. A second hook pauses between
 * the two renames: SIGTERM there must wait for the second, leaving both files new. SIGKILL leaves
 * its temporary files (nothing can run), and the next save of the same model must remove them and
 * leave a complete new model. The run's checkpoint (m.checkpoint, written after its last epoch) stays
 * when the model was not saved, so that the run can be resumed; whether a signal that waits for the
 * renames lets the program remove it afterwards is a race, so the folder checks leave it aside.
 */
class SignalTest {
    private static final String PAUSE = "-Dscratchnet.test.pauseBeforeRename=120000";
    private static final String[] TRAIN = {"train", "--csv", "train.csv", "--layers", "784,16,10", "--epochs", "1",
        "--out", "m.safetensors"};
    private static final String OLD_MODEL = "the old model";
    private static final String OLD_HISTORY = "the old history";

    @TempDir
    Path dir;

    @BeforeEach
    void oldModelAndData() throws IOException {
        SmallData.trainCsv(dir.resolve("train.csv"), 300);
        Files.writeString(dir.resolve("m.safetensors"), OLD_MODEL);
        Files.writeString(dir.resolve("m.history.csv"), OLD_HISTORY);
    }

    @Test
    void sigintDuringASaveKeepsTheOldModelAndLeavesNothing() throws Exception {
        assumeFalse(sigintIgnored(), "this test JVM was started with SIGINT ignored, which its children inherit");
        Process p = startSaveAndWaitForTemporaryFiles();
        assertThat(new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor()).isZero();
        assertThat(exitCode(p)).as("ended by SIGINT").isEqualTo(130);
        assertOldModelAndNothingElse();
    }

    @Test
    void sigtermDuringASaveKeepsTheOldModelAndLeavesNothing() throws Exception {
        Process p = startSaveAndWaitForTemporaryFiles();
        p.destroy();  // SIGTERM
        assertThat(exitCode(p)).as("ended by SIGTERM").isEqualTo(143);
        assertOldModelAndNothingElse();
    }

    @Test
    void sigtermBetweenTheTwoRenamesWaitsForTheSecondSoModelAndHistoryAreBothNew() throws Exception {
        Process p = Cli.start(dir, List.of("-Dscratchnet.test.pauseBetweenRenames=5000"), TRAIN);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Cli.TIMEOUT_SECONDS);
        while (Files.readString(dir.resolve("m.safetensors"), java.nio.charset.StandardCharsets.ISO_8859_1).equals(OLD_MODEL)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly().waitFor();
                fail("the model was not replaced while train ran (exit %d)", p.exitValue());
            }
            Thread.sleep(20);
        }
        assertThat(Files.readString(dir.resolve("m.history.csv"))).as("the history is renamed second").isEqualTo(OLD_HISTORY);
        p.destroy();  // SIGTERM, with the model replaced and the history not yet
        assertThat(exitCode(p)).as("ended by SIGTERM").isEqualTo(143);
        assertThat(ModelFile.load(dir.resolve("m.safetensors")).network().architecture().sizesText()).isEqualTo("784-16-10");
        assertThat(Files.readString(dir.resolve("m.history.csv"))).as("the history was replaced too").startsWith("iteration,epoch,");
        assertThat(names()).containsExactly("m.history.csv", "m.safetensors", "train.csv");
    }

    @Test
    void afterSigkillTheNextSaveRemovesTheLeftoversAndSavesACompleteModel() throws Exception {
        Process p = startSaveAndWaitForTemporaryFiles();
        p.destroyForcibly();  // SIGKILL: no hook runs
        exitCode(p);
        assertThat(temporaryFiles()).as("SIGKILL leaves the temporary files").hasSize(2);
        assertThat(Files.readString(dir.resolve("m.safetensors"))).isEqualTo(OLD_MODEL);

        Expect.success(Cli.run(dir, TRAIN));
        assertThat(temporaryFiles()).as("the next save removed the leftovers").isEmpty();
        assertThat(names()).containsExactly("m.history.csv", "m.safetensors", "train.csv");
        assertThat(ModelFile.load(dir.resolve("m.safetensors")).network().architecture().sizesText()).isEqualTo("784-16-10");
        assertThat(Files.readString(dir.resolve("m.history.csv"))).startsWith("iteration,epoch,");        assertThat(dir.resolve("m.checkpoint")).as("the finished run's checkpoint is removed").doesNotExist();
    }

    private Process startSaveAndWaitForTemporaryFiles() throws Exception {
        Process p = Cli.start(dir, List.of(PAUSE), TRAIN);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Cli.TIMEOUT_SECONDS);
        while (temporaryFiles().size() < 2) {
            if (!p.isAlive()) {
                fail("train ended (exit %d) before saving: %s", p.exitValue(), new String(p.getErrorStream().readAllBytes()));
            }
            if (System.nanoTime() > deadline) {
                p.destroyForcibly().waitFor();
                fail("no temporary files appeared within %d s", Cli.TIMEOUT_SECONDS);
            }
            Thread.sleep(20);
        }
        return p;
    }

    private static int exitCode(Process p) throws InterruptedException {
        if (!p.waitFor(Cli.TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            fail("the process did not end after the signal");
        }
        return p.exitValue();
    }

    private void assertOldModelAndNothingElse() throws IOException {
        assertThat(dir.resolve("m.checkpoint")).as("the run can still be resumed and saved").isRegularFile();
        assertThat(Files.readString(dir.resolve("m.safetensors"))).isEqualTo(OLD_MODEL);
        assertThat(Files.readString(dir.resolve("m.history.csv"))).isEqualTo(OLD_HISTORY);
        assertThat(names()).containsExactly("m.history.csv", "m.safetensors", "train.csv");
    }

    private List<Path> temporaryFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".scratchnet-tmp")).toList();
        }
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("m.checkpoint")).sorted().toList();
        }
    }

    /** Whether SIGINT is ignored in this process (bit 1 of SigIgn in /proc/self/status), as its children would be. */
    private static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) return false;
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & 0x2) != 0;
        }
        return false;
    }
}
