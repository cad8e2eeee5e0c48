package org.scratchnet.hostile;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code scratchnet} command line in a JVM of its own, the way a user runs it: its own
 * heap limit (small, so a memory bomb shows as an OutOfMemoryError here instead of passing on a
 * large test heap), its own exit code, stdin closed, and a time limit that turns a hang into a
 * failure. In-process tests cannot see any of these.
 */
public final class Cli {

    /** The heap a hostile case runs with unless it says otherwise: large enough for MNIST. */
    public static final String DEFAULT_HEAP = "-Xmx512m";
    public static final long TIMEOUT_SECONDS = 60;

    /** What a run left: exit code (-1 if it was killed after the time limit), stdout, stderr. */
    public record Run(int code, String out, String err, boolean timedOut) {
        @Override
        public String toString() {
            return "exit " + code + (timedOut ? " (timed out)" : "") + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Cli() {}

    /** Runs {@code scratchnet ARGS...} in {@code workDir} with the default heap. */
    public static Run run(Path workDir, String... args) {
        return run(workDir, List.of(), args);
    }

    /** Runs {@code scratchnet ARGS...} in {@code workDir} with extra JVM options (e.g. -Xmx64m). */
    public static Run run(Path workDir, List<String> jvmOptions, String... args) {
        Process process = start(workDir, jvmOptions, args);
        try {
            // Drain both streams while waiting so a chatty child never blocks on a full pipe.
            var out = drain(process.getInputStream());
            var err = drain(process.getErrorStream());
            boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
            out.join();
            err.join();
            return new Run(finished ? process.exitValue() : -1, out.text(), withoutVectorNotice(err.text()), !finished);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running scratchnet", e);
        }
    }

    /** Starts {@code scratchnet ARGS...} without waiting (for signal tests); stdin is closed. */
    public static Process start(Path workDir, List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add(DEFAULT_HEAP);  // a later -Xmx in jvmOptions wins
        command.addAll(jvmOptions);
        command.add("--add-modules");
        command.add("jdk.incubator.vector");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("org.scratchnet.cli.Main");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().remove("SCRATCHNET_DATA");
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JVM's notice about the Vector API module, which the launcher drops too. */
    static String withoutVectorNotice(String stderr) {
        String notice = "WARNING: Using incubator modules: jdk.incubator.vector";
        return stderr.startsWith(notice) ? stderr.substring(notice.length()).replaceFirst("^\\R", "") : stderr;
    }

    /** The MNIST folder of the integration tests. */
    public static Path mnist() {
        return Path.of(System.getProperty("mnist.dir", "../shared/mnist")).toAbsolutePath().normalize();
    }

    /** Reads a stream to its end on a thread of its own. */
    static final class Drain extends Thread {
        private final java.io.InputStream in;
        private volatile byte[] bytes = new byte[0];

        Drain(java.io.InputStream in) {
            this.in = in;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                bytes = in.readAllBytes();
            } catch (IOException ignored) {
                // the process was killed; keep what was read
            }
        }

        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static Drain drain(java.io.InputStream in) {
        Drain d = new Drain(in);
        d.start();
        return d;
    }

    /** Writes a file of the given bytes (helper for fixtures). */
    public static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
