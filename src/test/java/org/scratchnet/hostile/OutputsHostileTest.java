package org.scratchnet.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.data.MnistFiles;

/**
 * Outputs a user (or an attacker) can point anywhere: at a device, a FIFO, a folder, the root, the
 * command's own input or a link. Each case must end as a user error (exit 2, one line, no trace)
 * before any work is done, and leave every entry of its folder as it was: a FIFO still a FIFO, a
 * device still a device, a link still a link, every file byte for byte. Without the check, each
 * of these commands would succeed and replace what it was pointed at; they are given real data
 * (the first MNIST test images, a valid model) so that the check is the only thing between them
 * and the damage.
 */
class OutputsHostileTest {

    @TempDir
    Path dir;

    private static String userErrorWithoutTemporaryName(Cli.Run run) {
        String message = Expect.userError(run);
        assertThat(message).as("the temporary file is never named").doesNotContain("scratchnet-tmp");
        return message;
    }

    @Test
    void specialFilesAreNeverReplacedAndStaySpecial() throws Exception {
        SmallData.trainCsv(dir.resolve("train.csv"), 200);
        SmallData.testCsv(dir.resolve("test.csv"), 20);
        SmallData.model(dir.resolve("m.safetensors"));
        assertThat(run("mkfifo", dir.resolve("fifo.safetensors").toString())).as("mkfifo").isZero();
        Files.createSymbolicLink(dir.resolve("null.csv"), Path.of("/dev/null"));
        Files.createSymbolicLink(dir.resolve("fifo-link.png"), Path.of("fifo.safetensors"));
        // A device node of our own (the same as /dev/null), so that a regression could not harm the machine's.
        boolean device = run("mknod", dir.resolve("device.csv").toString(), "c", "1", "3") == 0;
        FolderSnapshot before = FolderSnapshot.of(dir);

        assertThat(userErrorWithoutTemporaryName(Cli.run(dir, "train", "--csv", "train.csv", "--layers", "784,16,10",
                "--epochs", "1", "--out", "fifo.safetensors"))).contains("fifo.safetensors is a FIFO");
        assertThat(userErrorWithoutTemporaryName(Cli.run(dir, "predict", "--model", "m.safetensors", "--csv", "test.csv",
                "--submission", "null.csv"))).contains("null.csv (which leads to /dev/null) is a character device");
        assertThat(userErrorWithoutTemporaryName(Cli.run(dir, "data", "--csv", "train.csv", "--grid", "fifo-link.png")))
                .contains("is a FIFO");
        if (device) {
            assertThat(userErrorWithoutTemporaryName(Cli.run(dir, "predict", "--model", "m.safetensors", "--csv",
                    "test.csv", "--submission", "device.csv"))).contains("device.csv is a character device");
        }
        before.assertUnchanged();
        assertThat(((Integer) Files.getAttribute(Path.of("/dev/null"), "unix:mode", LinkOption.NOFOLLOW_LINKS)) & 0170000)
                .as("/dev/null is still a character device").isEqualTo(0020000);
    }

    @Test
    void aFolderAsAFileOutputFailsBeforeAnyWork() throws IOException {
        Files.createDirectory(dir.resolve("models"));
        Files.createDirectory(dir.resolve("grid.png"));
        SmallData.testCsv(dir.resolve("test.csv"), 20);
        SmallData.model(dir.resolve("m.safetensors"));
        FolderSnapshot before = FolderSnapshot.of(dir);

        // A long run on the full MNIST: the refusal must come before the data is even read.
        Cli.Run run = Cli.run(dir, "train", "--data", Cli.mnist().toString(), "--epochs", "50", "--out", "models");
        assertThat(userErrorWithoutTemporaryName(run)).startsWith("--out models is a folder;");
        assertThat(run.out()).as("nothing was loaded or trained").isEmpty();
        assertThat(userErrorWithoutTemporaryName(Cli.run(dir, "train", "--data", Cli.mnist().toString(), "--out", "/")))
                .startsWith("--out / is a folder;");
        assertThat(userErrorWithoutTemporaryName(Cli.run(dir, "data", "--data", Cli.mnist().toString(), "--grid", "/")))
                .startsWith("--grid /");  // once a NullPointerException
        assertThat(userErrorWithoutTemporaryName(Cli.run(dir, "data", "--data", Cli.mnist().toString(), "--grid", "grid.png")))
                .startsWith("--grid grid.png is a folder;");
        assertThat(userErrorWithoutTemporaryName(Cli.run(dir, "predict", "--model", "m.safetensors", "--csv", "test.csv",
                "--submission", "models"))).startsWith("--submission models is a folder;");
        before.assertUnchanged();
    }

    @Test
    void noOutputOverwritesAnInputOfItsOwnCommand() throws IOException {
        SmallData.trainCsv(dir.resolve("in.csv"), 200);
        SmallData.testCsv(dir.resolve("test.csv"), 20);
        SmallData.model(dir.resolve("m.safetensors"));
        Files.createLink(dir.resolve("hard-link.csv"), dir.resolve("test.csv"));
        Path mnist = Files.createDirectory(dir.resolve("mnist"));
        for (String name : MnistFiles.NAMES) Files.copy(Cli.mnist().resolve(name), mnist.resolve(name));
        FolderSnapshot before = FolderSnapshot.of(dir);

        assertThat(userErrorWithoutTemporaryName(Cli.run(dir, "train", "--csv", "in.csv", "--layers", "784,16,10",
                "--epochs", "1", "--out", "in.csv"))).isEqualTo("--out in.csv is an input of this command (--csv in.csv), "
                        + "which it would overwrite; choose another name for --out");
        assertThat(userErrorWithoutTemporaryName(Cli.run(dir, "train", "--data", "mnist", "--layers", "784,16,10",
                "--epochs", "1", "--out", "mnist/" + MnistFiles.NAMES[0]))).contains("an input of this command (the MNIST file");
        assertThat(userErrorWithoutTemporaryName(Cli.run(dir, "predict", "--model", "m.safetensors", "--csv", "test.csv",
                "--submission", "test.csv"))).contains("an input of this command (--csv test.csv)");
        assertThat(userErrorWithoutTemporaryName(Cli.run(dir, "predict", "--model", "m.safetensors", "--csv", "test.csv",
                "--submission", "m.safetensors"))).contains("an input of this command (--model m.safetensors)");
        assertThat(userErrorWithoutTemporaryName(Cli.run(dir, "predict", "--model", "m.safetensors", "--csv", "test.csv",
                "--submission", "hard-link.csv"))).contains("is the same file as an input of this command (--csv test.csv)");
        before.assertUnchanged();
    }

    @Test
    void theHistoryBesideTheModelIsCheckedBeforeTrainingAndNeitherIsReplaced() throws IOException {
        SmallData.trainCsv(dir.resolve("train.csv"), 200);
        Files.writeString(dir.resolve("m.safetensors"), "the old model");
        Files.createDirectory(dir.resolve("m.history.csv"));
        Files.writeString(dir.resolve("n.safetensors"), "another old model");
        Files.createSymbolicLink(dir.resolve("n.history.csv"), Path.of("n.safetensors"));
        FolderSnapshot before = FolderSnapshot.of(dir);

        Cli.Run run = Cli.run(dir, "train", "--csv", "train.csv", "--layers", "784,16,10", "--epochs", "1", "--out", "m.safetensors");
        assertThat(userErrorWithoutTemporaryName(run)).startsWith("the history file beside --out m.history.csv is a folder;");
        assertThat(run.out()).isEmpty();
        assertThat(userErrorWithoutTemporaryName(Cli.run(dir, "train", "--csv", "train.csv", "--layers", "784,16,10",
                "--epochs", "1", "--out", "n.safetensors"))).contains("are the same file");
        before.assertUnchanged();
    }

    @Test
    void aSymbolicLinkIsWrittenThroughAndADanglingOneRefused() throws IOException {
        SmallData.testCsv(dir.resolve("test.csv"), 20);
        SmallData.model(dir.resolve("m.safetensors"));
        Path real = Files.writeString(Files.createDirectory(dir.resolve("kaggle")).resolve("submission.csv"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("submission.csv"), Path.of("kaggle/submission.csv"));
        Files.createSymbolicLink(dir.resolve("dangling.csv"), Path.of("kaggle/missing.csv"));

        Expect.success(Cli.run(dir, "predict", "--model", "m.safetensors", "--csv", "test.csv", "--submission", "submission.csv"));
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("kaggle/submission.csv"));
        assertThat(Files.readAllLines(real)).hasSize(21).first().isEqualTo("ImageId,Label");
        assertThat(names(dir.resolve("kaggle"))).containsExactly("submission.csv");

        FolderSnapshot before = FolderSnapshot.of(dir);
        assertThat(userErrorWithoutTemporaryName(Cli.run(dir, "predict", "--model", "m.safetensors", "--csv", "test.csv",
                "--submission", "dangling.csv"))).contains("dangling.csv is a symbolic link that leads nowhere");
        before.assertUnchanged();
    }

    @Test
    void reportAndFigureFoldersAreCheckedBeforeAnyRun() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "not a folder");
        Files.createDirectories(dir.resolve("report"));
        Files.writeString(dir.resolve("report/figures"), "a file where the figures folder goes");
        Path experiment = Path.of("experiments/paper/1-baseline.yaml").toAbsolutePath();
        FolderSnapshot before = FolderSnapshot.of(dir);

        assertThat(userErrorWithoutTemporaryName(Cli.run(dir, "plot", "activations", "--out", "notes.txt")))
                .isEqualTo("--out notes.txt is a regular file, not a folder; give a folder for --out (it is created if missing)");
        Cli.Run run = Cli.run(dir, "reproduce", "--quick", "--data", Cli.mnist().toString(), "--out", "report");
        assertThat(userErrorWithoutTemporaryName(run)).contains("report/figures is a regular file, not a folder");
        assertThat(run.out()).as("no experiment ran").isEmpty();
        assertThat(userErrorWithoutTemporaryName(Cli.run(dir, "experiment", experiment.toString(), "--quick", "--data",
                Cli.mnist().toString(), "--out", "notes.txt/report"))).contains("notes.txt is a regular file, not a folder");
        before.assertUnchanged();
    }

    private static java.util.List<String> names(Path folder) throws IOException {
        try (var s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static int run(String... command) {
        try {
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
