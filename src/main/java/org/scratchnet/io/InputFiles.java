package org.scratchnet.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.scratchnet.UserException;

/**
 * Checks what kind of thing an input path names before anything opens it. Only a regular file
 * (or a symbolic link to one) is read: opening a FIFO with no writer blocks forever, a device
 * such as /dev/zero never ends, and a folder or a symlink loop deserves a better message than
 * "missing". Every reader of a user's file (data folder files, CSV, model, images, experiment
 * files) calls {@link #requireRegularFile} first.
 */
public final class InputFiles {

    private InputFiles() {}

    /**
     * Fails with a one-line {@link UserException} unless {@code file} is a readable regular file;
     * {@code what} names the role of the file in the message ("model file", "CSV file").
     */
    public static void requireRegularFile(Path file, String what) {
        String problem = problem(file);
        if (problem != null) throw new UserException("cannot read " + what + " " + file + ": " + problem);
    }

    /** Opens {@code file} after {@link #requireRegularFile}; I/O errors become one-line messages. */
    public static InputStream open(Path file, String what) {
        requireRegularFile(file, what);
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new UserException("cannot read " + what + " " + file + ": " + AtomicFiles.describe(e));
        }
    }

    /** Why {@code file} cannot be read as a regular file, or null if it can. */
    public static String problem(Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            if (Files.isSymbolicLink(file)) return "it is a symbolic link to " + target(file) + ", which does not exist";
            return "no such file; check the path";
        } catch (FileSystemException e) {
            if (Files.isSymbolicLink(file)) return "it is a symbolic link that leads in a loop (or too deep); point it at a file";
            return AtomicFiles.describe(e);
        } catch (IOException e) {
            return AtomicFiles.describe(e);
        }
        if (attributes.isDirectory()) return "it is a folder, expected a file";
        if (attributes.isOther()) return "it is " + otherKind(file) + ", expected a regular file";
        if (!Files.isReadable(file)) return "permission denied; check its permissions";
        return null;
    }

    /** "a FIFO (named pipe)", "a character device", ... from the file's mode bits. */
    private static String otherKind(Path file) {
        try {
            int mode = (Integer) Files.getAttribute(file, "unix:mode");
            switch (mode & 0170000) {
                case 0010000: return "a FIFO (named pipe)";
                case 0020000: return "a character device";
                case 0060000: return "a block device";
                case 0140000: return "a socket";
                default: return "a special file";
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "a special file (not a regular file)";
        }
    }

    private static String target(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "a path";
        }
    }

    /** Whether {@code file} is a regular file after following links (no exception, no blocking). */
    public static boolean isRegularFile(Path file) {
        return Files.isRegularFile(file);
    }

    /** Whether anything at all is at {@code path}, a broken or looping symlink included. */
    public static boolean existsAtAll(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }
}
