package org.scratchnet.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The temporary files of atomic writes: how they are named, which ones are alive, and what is
 * removed when the program is stopped.
 *
 * <p>A temporary file for {@code DIR/NAME} is {@code DIR/.NAME.<pid>-<n>.scratchnet-tmp}: beside
 * its target (so the final rename stays within one file system), hidden, and carrying the id of
 * the process that made it. Ctrl-C (SIGINT) and SIGTERM run a JVM shutdown hook that deletes every
 * temporary file still alive. SIGKILL runs nothing, so every new save of a target first removes
 * the temporaries of that target left by processes that no longer exist; those of a living process
 * (another scratchnet saving the same file right now) are left alone, so concurrent saves of one
 * target keep working.
 *
 * <p>The registry is process-wide on purpose: signals are delivered to the process, not to a
 * caller. One lock orders the three things that touch it: creating a temporary file, renaming
 * finished ones into place ({@link #commit}), and the shutdown hook. So a signal that arrives
 * during a commit waits for it to finish (both files of a result are replaced, not one), and a
 * save that is still writing when the hook has run can neither create nor commit anything more.
 *
 * <p>Before it removes anything, the hook runs the saves registered with {@link #beforeCleanup}
 * (a training run's checkpoint at its current step), which write atomically like any other.
 */
final class TempFiles {
    static final String SUFFIX = ".scratchnet-tmp";

    /**
     * Test hooks, in milliseconds, that open the windows a signal test must hit deterministically;
     * unset (the default) there is no pause. Both apply to results of several files (a model and its
     * history), not to a file saved alone (a training checkpoint). {@value #PAUSE_BEFORE_RENAME}:
     * {@link #commit} pauses once every temporary file is complete, before the first rename (a signal then finds the old
     * files in place). {@value #PAUSE_BETWEEN_RENAMES}: it pauses after each rename but the last,
     * inside the lock (a signal then waits for the rest).
     */
    static final String PAUSE_BEFORE_RENAME = "scratchnet.test.pauseBeforeRename";
    static final String PAUSE_BETWEEN_RENAMES = "scratchnet.test.pauseBetweenRenames";

    /** A temporary file's target name is cut to this many UTF-8 bytes, so the temporary name stays under 255. */
    private static final int MAX_NAME_BYTES = 180;
    /** A living process that started this long after a temporary file was last written did not write it. */
    private static final long PID_REUSE_SLACK_MILLIS = 60_000;

    private static final Object LOCK = new Object();
    private static final Set<Path> LIVE = new LinkedHashSet<>();
    private static final AtomicLong COUNTER = new AtomicLong();
    private static final long PID = ProcessHandle.current().pid();
    private static final List<Runnable> LAST_SAVES = new CopyOnWriteArrayList<>();
    private static boolean hookInstalled;
    private static boolean shuttingDown;

    private TempFiles() {}

    /**
     * Creates (empty, owner-only) and registers a new temporary file for {@code target}, after
     * removing the leftovers of earlier processes for the same target.
     */
    static Path create(Path target) throws IOException {
        Path dir = target.getParent();
        String prefix = prefix(target);
        removeLeftovers(dir, prefix);
        synchronized (LOCK) {
            if (shuttingDown) throw new IOException("the program is stopping");
            installHook();
            while (true) {
                Path tmp = dir.resolve(prefix + PID + "-" + COUNTER.incrementAndGet() + SUFFIX);
                try {
                    Files.createFile(tmp, ownerOnly(dir));
                } catch (FileAlreadyExistsException taken) {
                    continue;  // a leftover of an earlier process with our id; the next number is free
                }
                LIVE.add(tmp);
                return tmp;
            }
        }
    }

    /** Deletes a temporary file that will not be committed (best effort) and forgets it. */
    static void discard(Path tmp) {
        synchronized (LOCK) {
            LIVE.remove(tmp);
            deleteQuietly(tmp);
        }
    }

    /**
     * Renames each of {@code tmps} over the target at the same index, one after another while no
     * shutdown hook can run, and forgets them. Refused if the program is already stopping.
     */
    static void commit(List<Path> tmps, List<Path> targets) throws IOException {
        if (tmps.size() > 1) pause(PAUSE_BEFORE_RENAME);
        synchronized (LOCK) {
            if (shuttingDown) throw new IOException("the program is stopping");
            try {
                for (int i = 0; i < tmps.size(); i++) {
                    if (i > 0) pause(PAUSE_BETWEEN_RENAMES);
                    AtomicFiles.moveIntoPlace(tmps.get(i), targets.get(i));
                }
            } finally {
                tmps.forEach(LIVE::remove);
            }
        }
    }

    /** The temporary files currently alive in this process (for tests). */
    static List<Path> live() {
        synchronized (LOCK) {
            return new ArrayList<>(LIVE);
        }
    }

    /** The start of every temporary file's name for {@code target}: {@code .NAME.} */
    static String prefix(Path target) {
        String name = target.getFileName().toString();
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > MAX_NAME_BYTES) {
            // Long names keep a readable start and a hash of the whole, so they stay distinct.
            name = name.substring(0, Math.min(name.length(), 40)) + "~" + Integer.toHexString(name.hashCode());
        }
        return "." + name + ".";
    }

    /** Removes the temporary files for a target that no living writer owns (best effort). */
    static void removeLeftovers(Path dir, String prefix) {
        List<Path> stale = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, p -> isTempOf(p, prefix))) {
            for (Path p : entries) if (isStale(p, prefix)) stale.add(p);
        } catch (IOException | RuntimeException unreadable) {
            return;  // a folder we cannot list is reported by the write itself
        }
        for (Path p : stale) deleteQuietly(p);
    }

    private static boolean isTempOf(Path p, String prefix) {
        String name = p.getFileName().toString();
        return name.startsWith(prefix) && name.endsWith(SUFFIX) && owner(name, prefix) >= 0;
    }

    /** The process id in a temporary file's name, or -1 if the name is not one of ours. */
    private static long owner(String name, String prefix) {
        String middle = name.substring(prefix.length(), name.length() - SUFFIX.length());
        int dash = middle.indexOf('-');
        if (dash <= 0) return -1;
        try {
            Long.parseLong(middle.substring(dash + 1));
            return Long.parseLong(middle.substring(0, dash));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * A leftover: its process is gone, or it is ours but not registered (an earlier process had
     * our id), or the living process with its id started well after the file was last written.
     */
    private static boolean isStale(Path p, String prefix) throws IOException {
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) return false;  // not something we made
        long pid = owner(p.getFileName().toString(), prefix);
        if (pid == PID) {
            synchronized (LOCK) {
                return !LIVE.contains(p);
            }
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) return true;
        Optional<Instant> started = process.get().info().startInstant();
        Instant written = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant();
        return started.isPresent() && started.get().isAfter(written.plusMillis(PID_REUSE_SLACK_MILLIS));
    }

    private static void installHook() {
        if (hookInstalled) return;
        Runtime.getRuntime().addShutdownHook(new Thread(TempFiles::removeAllOnExit, "scratchnet-temp-cleanup"));
        hookInstalled = true;
    }

    /**
     * Registers {@code save} to run when the program is stopped, before the temporary files are
     * removed; the returned action unregisters it.
     */
    static Runnable beforeCleanup(Runnable save) {
        synchronized (LOCK) {
            installHook();
        }
        LAST_SAVES.add(save);
        return () -> LAST_SAVES.remove(save);
    }

    /** The shutdown hook: runs the last saves, waits for a commit in progress, then deletes what is still alive. */
    static void removeAllOnExit() {
        for (Runnable save : LAST_SAVES) {
            try {
                save.run();
            } catch (RuntimeException failed) {
                // nothing more can be done while the program stops; the other saves and the cleanup still run
            }
        }
        synchronized (LOCK) {
            shuttingDown = true;
            LIVE.forEach(TempFiles::deleteQuietly);
            LIVE.clear();
        }
    }

    private static java.nio.file.attribute.FileAttribute<?>[] ownerOnly(Path dir) {
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new java.nio.file.attribute.FileAttribute<?>[0];
        }
        return new java.nio.file.attribute.FileAttribute<?>[] {java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"))};
    }

    private static void pause(String property) {
        long millis = Long.getLong(property, 0);
        if (millis <= 0) return;
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: the next save of the same target removes it
        }
    }
}
