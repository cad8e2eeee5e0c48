package org.scratchnet.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.scratchnet.UserException;

/**
 * Checks every output path of a command before the command does any work, so that a run that
 * cannot save fails in its first second instead of after training, and nothing that is not the
 * command's own output is ever replaced.
 *
 * <p>A file output must be absent or a regular file (a symbolic link to one is written through to
 * its target, the link kept), writable, in a folder that exists or can be created and is
 * writable. It is never a folder, FIFO, device, socket or dangling link, never one of the
 * command's inputs and never another output of the same command: identity is the file system's
 * (the same inode, through any symbolic or hard link), never a comparison of spellings. A folder
 * output must be a folder or creatable, and writable.
 *
 * <pre>
 *   OutputFiles.check().input("--csv", csv).file("--out", model).file("the history file", history).verify();
 * </pre>
 * {@link AtomicFiles} applies the same rules to each file again when it writes it.
 */
public final class OutputFiles {

    private record Named(String label, Path path) {}

    private final List<Named> inputs = new ArrayList<>();
    private final List<Named> files = new ArrayList<>();
    private final List<Named> folders = new ArrayList<>();

    private OutputFiles() {}

    /** An empty check: add the command's inputs and outputs, then {@link #verify()}. */
    public static OutputFiles check() {
        return new OutputFiles();
    }

    /** A file the command reads, e.g. {@code input("--csv", csv)}; null is ignored. */
    public OutputFiles input(String label, Path file) {
        if (file != null) inputs.add(new Named(label, file));
        return this;
    }

    /** Files the command reads, all under one label; null is ignored. */
    public OutputFiles inputs(String label, List<Path> files) {
        if (files != null) files.forEach(f -> input(label, f));
        return this;
    }

    /** A file the command writes, named in messages by {@code label} (e.g. "--out"); null is ignored. */
    public OutputFiles file(String label, Path file) {
        if (file != null) files.add(new Named(label, file));
        return this;
    }

    /** A folder the command writes files into; null is ignored. */
    public OutputFiles folder(String label, Path folder) {
        if (folder != null) folders.add(new Named(label, folder));
        return this;
    }

    /** Throws a one-line {@link UserException} naming the first output that cannot be written. */
    public void verify() {
        for (Named f : folders) checkFolder(f);
        List<Path> targets = new ArrayList<>();
        for (Named f : files) targets.add(writeTarget(f.label, f.path));
        for (int i = 0; i < files.size(); i++) {
            Named out = files.get(i);
            for (Named in : inputs) {
                if (sameFile(targets.get(i), in.path)) {
                    throw new UserException(describe(out) + " is " + (out.path.equals(in.path) ? "" : "the same file as ")
                            + "an input of this command (" + describe(in) + "), which it would overwrite; "
                            + "choose another name for " + out.label);
                }
            }
            for (int j = 0; j < i; j++) {
                if (targets.get(i).equals(targets.get(j))) {
                    throw new UserException(describe(out) + " and " + describe(files.get(j))
                            + " are the same file; give them different names");
                }
            }
        }
    }

    /**
     * Where writing {@code target} really goes: its absolute path, or the file a symbolic link
     * leads to, with every symbolic link in the folders above resolved. Throws a one-line
     * {@link UserException} (naming {@code label} and the path) if that is not a regular file or
     * a new file in a folder that can be created and written.
     */
    public static Path writeTarget(String label, Path target) {
        Path absolute = target.toAbsolutePath();
        String what = label == null ? Printable.path(target) : label + " " + Printable.path(target);
        if (absolute.getFileName() == null || Files.isDirectory(absolute)) {
            throw new UserException(what + " is a folder; give the path of a file to write (it may be inside that folder)");
        }
        if (Files.exists(absolute)) {
            Path real;
            try {
                real = absolute.toRealPath();
            } catch (IOException e) {
                throw new UserException("cannot resolve " + what + ": " + AtomicFiles.describe(e) + "; choose another name");
            }
            if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                throw new UserException(what + (real.equals(absolute) ? "" : " (which leads to " + Printable.path(real) + ")")
                        + " is " + kind(real) + ", not a regular file; ScratchNet replaces only regular files: "
                        + "choose another name");
            }
            if (!Files.isWritable(real)) {
                throw new UserException(what + " is read-only; make it writable or choose another name");
            }
            requireWritableFolder(what, real.getParent());
            return real;
        }
        if (Files.isSymbolicLink(absolute)) {
            throw new UserException(what + " is a symbolic link that leads nowhere (its target is missing, or the links "
                    + "form a loop); remove the link or choose another name");
        }
        Path folder = existingAncestor(absolute.getParent());
        if (!Files.isDirectory(folder)) {
            throw new UserException(what + " cannot be created: " + Printable.path(folder) + " is "
                    + kind(folder) + ", not a folder; choose another path");
        }
        requireWritableFolder(what, folder);
        try {
            // The real folder (symbolic links in it resolved) plus the part still to be created.
            return folder.toRealPath().resolve(folder.relativize(absolute)).normalize();
        } catch (IOException e) {
            throw new UserException("cannot resolve " + what + ": " + AtomicFiles.describe(e) + "; choose another name");
        }
    }

    private static void checkFolder(Named f) {
        Path absolute = f.path.toAbsolutePath();
        String what = f.label + " " + Printable.path(f.path);
        if (Files.exists(absolute)) {
            if (!Files.isDirectory(absolute)) {
                throw new UserException(what + " is " + kind(absolute) + ", not a folder; give a folder for "
                        + f.label + " (it is created if missing)");
            }
            requireWritableFolder(what, absolute);
            return;
        }
        if (Files.isSymbolicLink(absolute)) {
            throw new UserException(what + " is a symbolic link that leads nowhere; remove the link or choose another folder");
        }
        Path ancestor = existingAncestor(absolute.getParent());
        if (!Files.isDirectory(ancestor)) {
            throw new UserException(what + " cannot be created: " + Printable.path(ancestor) + " is "
                    + kind(ancestor) + ", not a folder; choose another folder");
        }
        requireWritableFolder(what, ancestor);
    }

    private static void requireWritableFolder(String what, Path folder) {
        if (!Files.isWritable(folder)) {
            throw new UserException("cannot write " + what + ": the folder " + Printable.path(folder)
                    + " is not writable; choose another place or change its permissions");
        }
    }

    /** The nearest of {@code folder} and its ancestors that exists (following links); the root at worst. */
    private static Path existingAncestor(Path folder) {
        Path p = folder;
        while (p != null && !Files.exists(p)) p = p.getParent();
        return p != null ? p : folder.getRoot();
    }

    private static boolean sameFile(Path output, Path input) {
        try {
            return Files.exists(output) && Files.exists(input) && Files.isSameFile(output, input);
        } catch (IOException | SecurityException e) {
            return false;  // an input we cannot even look at is reported by its reader
        }
    }

    /** What an existing path is, in words: "a folder", "a FIFO", "a character device"... */
    static String kind(Path p) {
        if (Files.isDirectory(p)) return "a folder";
        if (Files.isRegularFile(p)) return "a regular file";
        try {
            int type = ((Integer) Files.getAttribute(p, "unix:mode")) & 0170000;
            switch (type) {
                case 0010000: return "a FIFO (named pipe)";
                case 0020000: return "a character device";
                case 0060000: return "a block device";
                case 0140000: return "a socket";
                default: return "a special file";
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "a special file";
        }
    }

    private static String describe(Named n) {
        return n.label + " " + Printable.path(n.path);
    }
}
