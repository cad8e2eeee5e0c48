package org.scratchnet.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.UserException;

/**
 * Atomic writes: the files of one result are replaced together or not at all, links are written
 * through, and temporary files never outlive a save, nor a killed process's next save.
 */
class AtomicFilesTest {

    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void bothFilesOfAResultAreReplacedTogether() throws IOException {
        Path model = Files.writeString(dir.resolve("m.safetensors"), "old model");
        Path history = Files.writeString(dir.resolve("m.history.csv"), "old history");
        AtomicFiles.writeAll(List.of(new AtomicFiles.Output(model, AtomicFiles.text("new model")),
                new AtomicFiles.Output(history, AtomicFiles.text("new history"))));
        assertThat(Files.readString(model)).isEqualTo("new model");
        assertThat(Files.readString(history)).isEqualTo("new history");
        assertThat(names()).containsExactly("m.history.csv", "m.safetensors");
        assertThat(TempFiles.live()).isEmpty();
    }

    @Test
    void aFailureWritingTheSecondFileLeavesBothOldFiles() throws IOException {
        Path model = Files.writeString(dir.resolve("m.safetensors"), "old model");
        Path history = Files.writeString(dir.resolve("m.history.csv"), "old history");
        AtomicFiles.Writer diskFull = out -> {
            out.write(new byte[100_000]);  // more than the stream's buffer: a temporary file really has bytes
            throw new IOException("No space left on device");
        };
        assertThatThrownBy(() -> AtomicFiles.writeAll(List.of(new AtomicFiles.Output(model, AtomicFiles.text("new model")),
                new AtomicFiles.Output(history, diskFull))))
                .isInstanceOf(UserException.class)
                .hasMessage("cannot write " + history + ": No space left on device; check that the folder exists, "
                        + "is writable and has space");
        assertThat(Files.readString(model)).isEqualTo("old model");
        assertThat(Files.readString(history)).isEqualTo("old history");
        assertThat(names()).containsExactly("m.history.csv", "m.safetensors");
        assertThat(TempFiles.live()).isEmpty();
    }

    @Test
    void aSecondTargetThatIsAFolderStopsTheSaveBeforeAnythingIsWritten() throws IOException {
        Path model = Files.writeString(dir.resolve("m.safetensors"), "old model");
        Files.createDirectory(dir.resolve("m.history.csv"));
        assertThatThrownBy(() -> AtomicFiles.writeAll(List.of(new AtomicFiles.Output(model, AtomicFiles.text("new")),
                new AtomicFiles.Output(dir.resolve("m.history.csv"), AtomicFiles.text("new")))))
                .hasMessageContaining("m.history.csv is a folder").hasMessageNotContaining("scratchnet-tmp");
        assertThat(Files.readString(model)).isEqualTo("old model");
        assertThat(names()).containsExactly("m.history.csv", "m.safetensors");
    }

    @Test
    void aSymbolicLinkIsWrittenThroughAndKept() throws IOException {
        Path real = Files.writeString(Files.createDirectory(dir.resolve("store")).resolve("model.bin"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("model.safetensors"), Path.of("store/model.bin"));
        AtomicFiles.writeString(link, "new");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("store/model.bin"));
        assertThat(Files.readString(real)).isEqualTo("new");
        assertThat(names()).containsExactly("model.safetensors", "store");
        try (Stream<Path> s = Files.list(dir.resolve("store"))) {
            assertThat(s.toList()).containsExactly(real);  // the temporary file went beside the real target
        }
    }

    @Test
    void aReplacedFileKeepsItsPermissionsAndANewOneIsReadableByAll() throws IOException {
        Path old = Files.writeString(dir.resolve("private.csv"), "old");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFiles.writeString(old, "new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(old))).isEqualTo("rw-r-----");
        Path fresh = dir.resolve("new/fresh.csv");
        AtomicFiles.writeString(fresh, "x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rw-r--r--");
    }

    @Test
    void theNextSaveRemovesWhatADeadProcessLeftButNotWhatALiveOneIsWriting() throws Exception {
        Path model = dir.resolve("m.safetensors");
        long dead = deadPid();
        Path deadLeftover = Files.writeString(dir.resolve(".m.safetensors." + dead + "-1.scratchnet-tmp"), "half");
        Process live = new ProcessBuilder("sleep", "60").start();
        try {
            Path liveTemp = Files.writeString(dir.resolve(".m.safetensors." + live.pid() + "-1.scratchnet-tmp"), "busy");
            // Our own id on a file we did not register: an earlier process that had our id left it.
            Path ours = Files.writeString(dir.resolve(".m.safetensors." + ProcessHandle.current().pid() + "-999999.scratchnet-tmp"), "x");
            // A living process that started long after the file was written (its id was reused) did not write it.
            Path reused = Files.writeString(dir.resolve(".m.safetensors." + live.pid() + "-2.scratchnet-tmp"), "x");
            Files.setLastModifiedTime(reused, FileTime.from(Instant.now().minusSeconds(3600)));
            Path otherTarget = Files.writeString(dir.resolve(".other.csv." + dead + "-1.scratchnet-tmp"), "x");

            AtomicFiles.writeString(model, "new");

            assertThat(deadLeftover).doesNotExist();
            assertThat(ours).doesNotExist();
            assertThat(reused).doesNotExist();
            assertThat(liveTemp).exists();  // a concurrent save of the same target keeps its file
            assertThat(otherTarget).exists();  // only the target being saved is cleaned
            assertThat(Files.readString(model)).isEqualTo("new");
        } finally {
            live.destroyForcibly().waitFor();
        }
    }

    @Test
    void temporaryNamesCarryTheTargetAndStayShortForLongNames() throws IOException {
        assertThat(TempFiles.prefix(Path.of("/x/model.safetensors"))).isEqualTo(".model.safetensors.");
        String longName = "é".repeat(120) + ".csv";  // 244 UTF-8 bytes: with a suffix it would pass 255
        Path target = dir.resolve(longName);
        assertThat(TempFiles.prefix(target).getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThan(120);
        AtomicFiles.writeString(target, "ok");
        assertThat(Files.readString(target)).isEqualTo("ok");
        assertThat(names()).containsExactly(longName);
    }

    @Test
    void errorsNameTheTargetNeverTheTemporaryFile() throws IOException {
        Path target = dir.resolve("out.csv");
        AtomicFiles.Writer failing = out -> {
            throw new java.nio.file.FileSystemException(dir.resolve(".out.csv.1-1.scratchnet-tmp").toString(), null, "Input/output error");
        };
        assertThatThrownBy(() -> AtomicFiles.write(target, failing))
                .hasMessage("cannot write " + target + ": Input/output error; check that the folder exists, is writable and has space");
        assertThat(names()).isEmpty();
    }

    /** A process id that is not in use: a child that has exited and been reaped. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long pid = p.pid();
        assertThat(ProcessHandle.of(pid)).isEmpty();
        return pid;
    }
}
