package org.scratchnet.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.scratchnet.UserException;

/**
 * Writes files so that a reader never sees half of one: the bytes go to a temporary file beside
 * the target ({@link TempFiles}), which is renamed over it only once complete. The files of one
 * result ({@link #writeAll}: a model and its history) are all written first and then renamed
 * together, so a failure leaves every old file exactly as it was. Whatever fails, no temporary
 * file is left behind, and a signal (Ctrl-C, SIGTERM) removes them too. The bytes are forced to
 * disk before the rename, so after a crash a target holds its old or its new content, never an
 * empty or partial file.
 *
 * <p>Each target is checked as {@link OutputFiles} checks it: a regular file or a new one, never a
 * folder, device, FIFO or socket. A symbolic link is written through: its target is replaced
 * (atomically) and the link stays. A replaced file keeps its permissions; a new one is rw-r--r--.
 */
public final class AtomicFiles {

    /** Something that writes a file's content to a stream. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    /** A registration of {@link #onStop}, ended by {@link #close()}. */
    public interface StopHook extends AutoCloseable {
        @Override
        void close();
    }

    /** One file of a result: where it goes and what writes it. */
    public record Output(Path target, Writer writer) {}

    private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");

    private AtomicFiles() {}

    public static void write(Path target, Writer writer) {
        writeAll(List.of(new Output(target, writer)));
    }

    public static void writeString(Path target, String text) {
        write(target, text(text));
    }

    /** A writer of {@code text} as UTF-8. */
    public static Writer text(String text) {
        return out -> out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Replaces all of {@code outputs} or none: each is written to its temporary file, and only when
     * all are complete are they renamed into place, one after another with nothing in between (a
     * signal waits for the renames to finish). On failure a one-line {@link UserException} names
     * the output that could not be written, never a temporary file.
     */
    public static void writeAll(List<Output> outputs) {
        List<Path> targets = new ArrayList<>();
        for (Output o : outputs) targets.add(OutputFiles.writeTarget(null, o.target()));
        List<Path> tmps = new ArrayList<>();
        Output current = null;
        try {
            for (int i = 0; i < outputs.size(); i++) {
                current = outputs.get(i);
                Path target = targets.get(i);
                Files.createDirectories(target.getParent());
                Path tmp = TempFiles.create(target);
                tmps.add(tmp);
                try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                    current.writer().writeTo(out);
                    out.flush();
                    channel.force(false);  // on disk before the rename, so a crash cannot leave an empty file in place
                }
                setPermissions(tmp, target);
            }
            current = null;
            TempFiles.commit(tmps, targets);
            tmps.clear();
        } catch (IOException e) {
            String which = Printable.path(current != null ? current.target() : outputs.get(0).target())
                    + (current == null && outputs.size() > 1 ? " and the files that go with it" : "");
            throw new UserException("cannot write " + which + ": " + describe(e)
                    + "; check that the folder exists, is writable and has space", e);
        } finally {
            tmps.forEach(TempFiles::discard);
        }
    }

    /**
     * Runs {@code save} if the program is stopped (Ctrl-C, SIGTERM) while the returned hook is
     * open, before the temporary files are removed, so it can still write atomically: how a
     * training run saves a checkpoint at the step it was stopped at. {@code save} should not take
     * long: the program ends when it returns.
     */
    public static StopHook onStop(Runnable save) {
        Runnable unregister = TempFiles.beforeCleanup(save);
        return unregister::run;
    }

    /** A new temporary file for {@code target} (named and cleaned up as {@link TempFiles} says). */
    public static Path temporaryFor(Path target) throws IOException {
        return TempFiles.create(target.toAbsolutePath());
    }

    /** Moves a finished temporary file from {@link #temporaryFor} over its target. */
    public static void commit(Path tmp, Path target) throws IOException {
        TempFiles.commit(List.of(tmp), List.of(target));
    }

    /** Deletes a temporary file from {@link #temporaryFor} that will not be committed. */
    public static void discard(Path tmp) {
        if (tmp != null) TempFiles.discard(tmp);
    }

    /** A replaced file keeps its permissions; a new one is readable by all (temp files start 0600). */
    private static void setPermissions(Path tmp, Path target) throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.exists(target) ? Files.getPosixFilePermissions(target) : NEW_FILE;
            Files.setPosixFilePermissions(tmp, permissions);
        } catch (UnsupportedOperationException notPosix) {
            // other file systems keep their own defaults
        }
    }

    /** Renames {@code tmp} over {@code target}, atomically where the file system allows it. */
    public static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A short description of an I/O error for a one-line message, without the paths it names. */
    public static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file or folder";
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof FileAlreadyExistsException) return "a file is in the way of a folder it needs";
        if (e instanceof NotDirectoryException) return "a part of the path is not a folder";
        if (e instanceof FileSystemException fs) return fs.getReason() != null ? fs.getReason() : e.getClass().getSimpleName();
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
