package org.scratchnet.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.UserException;

/**
 * The output check on each kind of path a user can give: what it accepts (and where the write
 * would really go), what it refuses and how the refusal reads. Nothing here writes an output.
 */
class OutputFilesTest {

    @TempDir
    Path dir;

    @Test
    void aNewFileOrAnExistingRegularFileIsAccepted() throws IOException {
        Path existing = Files.writeString(dir.resolve("old.safetensors"), "old");
        assertThat(OutputFiles.writeTarget("--out", existing)).isEqualTo(existing.toRealPath());
        assertThat(OutputFiles.writeTarget("--out", dir.resolve("new.safetensors")))
                .isEqualTo(dir.toRealPath().resolve("new.safetensors"));
    }

    @Test
    void aFileInFoldersStillToBeCreatedIsAcceptedAndNothingIsCreated() throws IOException {
        Path out = dir.resolve("a/b/c/model.safetensors");
        assertThat(OutputFiles.writeTarget("--out", out)).isEqualTo(dir.toRealPath().resolve("a/b/c/model.safetensors"));
        assertThat(dir.resolve("a")).doesNotExist();
    }

    @Test
    void aFolderIsRefusedTheRootAndTheCurrentFolderToo() {
        assertThatThrownBy(() -> OutputFiles.writeTarget("--out", dir)).isInstanceOf(UserException.class)
                .hasMessageStartingWith("--out " + dir + " is a folder;");
        assertThatThrownBy(() -> OutputFiles.writeTarget("--grid", Path.of("/")))
                .hasMessageStartingWith("--grid / is a folder;");
        assertThatThrownBy(() -> OutputFiles.writeTarget("--out", Path.of("")))
                .hasMessageContaining("is a folder");
    }

    @Test
    void aFifoIsRefusedAndLeftAFifo() throws Exception {
        Path fifo = Special.fifo(dir.resolve("pipe"));
        assertThatThrownBy(() -> OutputFiles.writeTarget("--out", fifo))
                .hasMessage("--out " + fifo + " is a FIFO (named pipe), not a regular file; ScratchNet replaces only "
                        + "regular files: choose another name");
        assertThat(Special.isFifo(fifo)).isTrue();
    }

    @Test
    void deviceNodesAreRefused() {
        assertThatThrownBy(() -> OutputFiles.writeTarget("--submission", Path.of("/dev/null")))
                .hasMessageContaining("/dev/null is a character device, not a regular file");
        assertThatThrownBy(() -> OutputFiles.writeTarget("--submission", Path.of("/dev/full")))
                .hasMessageContaining("is a character device");
    }

    @Test
    void aSymbolicLinkToAFileIsWrittenThroughToItsTarget() throws IOException {
        Path real = Files.writeString(dir.resolve("real.csv"), "x");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), Path.of("real.csv"));
        Path chain = Files.createSymbolicLink(dir.resolve("chain.csv"), link);
        assertThat(OutputFiles.writeTarget("--out", link)).isEqualTo(real.toRealPath());
        assertThat(OutputFiles.writeTarget("--out", chain)).isEqualTo(real.toRealPath());
    }

    @Test
    void aSymbolicLinkToSomethingSpecialNamesBothEnds() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("null.csv"), Path.of("/dev/null"));
        assertThatThrownBy(() -> OutputFiles.writeTarget("--submission", link))
                .hasMessageContaining(link + " (which leads to /dev/null) is a character device");
        Path toFolder = Files.createSymbolicLink(dir.resolve("folder-link"), dir);
        assertThatThrownBy(() -> OutputFiles.writeTarget("--out", toFolder)).hasMessageContaining("is a folder");
        assertThat(Files.isSymbolicLink(link)).isTrue();
    }

    @Test
    void aDanglingLinkAndALinkLoopAreRefused() throws IOException {
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("missing"));
        Path loopA = dir.resolve("loop-a");
        Files.createSymbolicLink(loopA, dir.resolve("loop-b"));
        Files.createSymbolicLink(dir.resolve("loop-b"), loopA);
        for (Path p : List.of(dangling, loopA)) {
            assertThatThrownBy(() -> OutputFiles.writeTarget("--out", p))
                    .hasMessageContaining(p + " is a symbolic link that leads nowhere");
        }
        assertThat(dir.resolve("missing")).doesNotExist();
    }

    @Test
    void aFileWhereAFolderIsNeededIsNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "x");
        assertThatThrownBy(() -> OutputFiles.writeTarget("--out", file.resolve("sub/model.safetensors")))
                .hasMessageContaining("cannot be created: " + file + " is a regular file, not a folder");
    }

    @Test
    void aReadOnlyFolderIsRefusedForAnOrdinaryUser() throws IOException {
        assumeTrue(!"root".equals(System.getProperty("user.name")), "root may write anywhere");
        Path folder = Files.createDirectory(dir.resolve("ro"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assertThatThrownBy(() -> OutputFiles.writeTarget("--out", folder.resolve("m.safetensors")))
                    .hasMessageContaining("the folder " + folder + " is not writable");
        } finally {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void anOutputThatIsAnInputIsRefusedHoweverItIsSpelled() throws IOException {
        Path csv = Files.writeString(dir.resolve("train.csv"), "label,pixel0\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), csv);
        Path hard = Files.createLink(dir.resolve("hard.csv"), csv);
        Path roundabout = dir.resolve("sub/../train.csv");
        Files.createDirectory(dir.resolve("sub"));
        for (Path out : List.of(csv, link, hard, roundabout)) {
            assertThatThrownBy(() -> OutputFiles.check().input("--csv", csv).file("--out", out).verify())
                    .as(out.toString()).isInstanceOf(UserException.class)
                    .hasMessageContaining("an input of this command (--csv " + csv + ")")
                    .hasMessageEndingWith("choose another name for --out");
        }
        assertThat(Files.readString(csv)).isEqualTo("label,pixel0\n");
    }

    @Test
    void twoOutputsThatAreOneFileAreRefused() throws IOException {
        Path model = dir.resolve("m.safetensors");
        assertThatThrownBy(() -> OutputFiles.check().file("--out", model).file("--other", dir.resolve("x/../m.safetensors"))
                .verify()).hasMessageContaining("are the same file");
        Files.writeString(model, "old");
        Path history = Files.createSymbolicLink(dir.resolve("m.history.csv"), model);
        assertThatThrownBy(() -> OutputFiles.check().file("--out", model).file("the history file", history).verify())
                .hasMessage("the history file " + history + " and --out " + model
                        + " are the same file; give them different names");
    }

    @Test
    void unrelatedInputsAndOutputsPass() throws IOException {
        Path csv = Files.writeString(dir.resolve("train.csv"), "x");
        assertThatCode(() -> OutputFiles.check().input("--csv", csv).input("--model", dir.resolve("absent"))
                .file("--out", dir.resolve("m.safetensors")).file("--history", dir.resolve("m.history.csv"))
                .folder("--figures", dir.resolve("figures")).verify()).doesNotThrowAnyException();
        assertThat(dir.resolve("figures")).doesNotExist();
    }

    @Test
    void aFolderOutputMustBeAFolderOrCreatable() throws Exception {
        Path file = Files.writeString(dir.resolve("report"), "x");
        assertThatThrownBy(() -> OutputFiles.check().folder("--out", file).verify())
                .hasMessage("--out " + file + " is a regular file, not a folder; give a folder for --out (it is created if missing)");
        assertThatThrownBy(() -> OutputFiles.check().folder("--out", file.resolve("deeper")).verify())
                .hasMessageContaining("cannot be created: " + file + " is a regular file, not a folder");
        Path fifo = Special.fifo(dir.resolve("fifo"));
        assertThatThrownBy(() -> OutputFiles.check().folder("--out", fifo).verify()).hasMessageContaining("is a FIFO");
        Path linkToFolder = Files.createSymbolicLink(dir.resolve("link"), Files.createDirectory(dir.resolve("real")));
        assertThatCode(() -> OutputFiles.check().folder("--out", linkToFolder).verify()).doesNotThrowAnyException();
    }

    @Test
    void controlCharactersInAPathAreShownEscaped() {
        Path odd = dir.resolve("a\nb\u001b[31m");
        Path folder = odd.resolve("x");
        assertThatCode(() -> Files.createDirectories(folder)).doesNotThrowAnyException();
        assertThatThrownBy(() -> OutputFiles.writeTarget("--out", folder))
                .hasMessageContaining("a\\nb\\x1b[31m/x is a folder").hasMessageNotContaining("\n");
    }

    /** FIFOs made with mkfifo(1), which the test machines have. */
    static final class Special {
        static Path fifo(Path p) throws Exception {
            Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
            assertThat(mk.waitFor()).as("mkfifo").isZero();
            return p;
        }

        static boolean isFifo(Path p) throws IOException {
            return ((Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000) == 0010000;
        }
    }
}
