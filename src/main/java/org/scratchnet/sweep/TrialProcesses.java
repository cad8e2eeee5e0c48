package org.scratchnet.sweep;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.scratchnet.io.AtomicFiles;

/**
 * Runs trials each in a process of its own, {@code parallel} at a time: a new JVM running
 * {@code scratchnet sweep FILE --out DIR --trial N}, which writes the trial's result file and
 * ends. A process per trial keeps trials apart (a trial that runs out of memory or is killed
 * takes nothing else with it) and makes the in-machine run the same as the job list GNU parallel
 * or Slurm runs.
 *
 * <p>Stopping (Ctrl-C, SIGTERM): no new trial starts, every running one gets SIGTERM (its own
 * shutdown hook removes its temporary file) and is waited for, so the folder is left with whole
 * result files only and the next run resumes from them.
 */
public final class TrialProcesses {
    /** How long a stopped trial may take to remove its temporary files before it is killed. */
    static final long STOP_WAIT_SECONDS = 20;

    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    /** How one trial's process ended. {@code error}: its last message line, or null if it succeeded. */
    public record Outcome(int trial, int exitCode, String error) {
        public boolean succeeded() {
            return exitCode == 0;
        }

        /** Ended by a signal (128 + its number, as the shell reports it): SIGINT, SIGKILL, SIGTERM. */
        public boolean signalled() {
            return exitCode > 128 && exitCode < 160;
        }
    }

    /** Hears about trials as they start and end, from the runner's threads (implementations must be thread-safe). */
    public interface Listener {
        default void started(int trial) {}

        default void ended(Outcome outcome) {}
    }

    /**
     * Runs each trial of {@code trials} with the command line {@code command} gives for it,
     * {@code parallel} at a time, and returns how each ended, in the order given. Trials not yet
     * started when the program is stopped are not started.
     */
    public List<Outcome> run(List<Integer> trials, IntFunction<List<String>> command, int parallel, Listener listener) {
        if (trials.isEmpty()) return List.of();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, trials.size())), r -> {
            Thread t = new Thread(r, "sweep-trial");
            t.setDaemon(true);
            return t;
        });
        try (AtomicFiles.StopHook hook = AtomicFiles.onStop(this::stopAll)) {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int trial : trials) futures.add(pool.submit(() -> runOne(trial, command.apply(trial), listener)));
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                Outcome o = f.get();
                if (o != null) outcomes.add(o);
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopAll();
            throw new IllegalStateException("interrupted while running trials", e);
        } catch (ExecutionException e) {
            stopAll();
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private Outcome runOne(int trial, List<String> command, Listener listener) throws IOException, InterruptedException {
        if (stopping) return null;
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process;
        synchronized (running) {
            if (stopping) return null;
            try {
                process = builder.start();
            } catch (IOException e) {
                Outcome failed = new Outcome(trial, -1, "its process could not be started: " + e.getMessage());
                listener.ended(failed);
                return failed;
            }
            running.add(process);
        }
        listener.started(trial);
        String stderr;
        try (InputStream err = process.getErrorStream()) {
            stderr = new String(err.readAllBytes(), StandardCharsets.UTF_8);
        }
        int code = process.waitFor();
        running.remove(process);
        Outcome outcome = new Outcome(trial, code, code == 0 ? null : lastMessage(stderr, code));
        listener.ended(outcome);
        return outcome;
    }

    /** The trial's own one-line error ("scratchnet: ..." without the prefix), else its exit code. */
    static String lastMessage(String stderr, int code) {
        String message = null;
        for (String line : stderr.split("\\R")) {
            if (line.startsWith("scratchnet: ")) message = line.substring("scratchnet: ".length());
        }
        if (message != null) return message;
        if (code > 128 && code < 160) return "stopped by signal " + (code - 128);
        String last = stderr.strip();
        int nl = last.lastIndexOf('\n');
        return "exit code " + code + (last.isEmpty() ? "" : ": " + (nl >= 0 ? last.substring(nl + 1) : last));
    }

    /** Stops every running trial (SIGTERM, then SIGKILL after {@value #STOP_WAIT_SECONDS} s) and starts no more. */
    void stopAll() {
        List<Process> stopped;
        synchronized (running) {
            stopping = true;
            stopped = new ArrayList<>(running);
        }
        stopped.forEach(Process::destroy);
        for (Process p : stopped) {
            try {
                if (!p.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * The command that starts this program again in a new JVM: this JVM's java, the options of
     * this JVM that shape a run (heap, stack, system properties, modules such as the Vector API),
     * its class path with every entry made absolute, and the main class. Debugger and agent
     * options are left out (a second JVM cannot share their port or files).
     */
    public static List<String> scratchnet() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> options = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (int i = 0; i < options.size(); i++) {
            String o = options.get(i);
            if (o.equals("--add-modules") && i + 1 < options.size()) {
                command.add(o);
                command.add(options.get(++i));
            } else if (o.startsWith("--add-modules=") || o.startsWith("-Xmx") || o.startsWith("-Xms") || o.startsWith("-Xss")
                    || o.startsWith("-XX:") || (o.startsWith("-D") && !o.startsWith("-Dscratchnet.tty="))) {
                command.add(o);
            }
        }
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) classPath.add(Path.of(entry).toAbsolutePath().normalize().toString());
        }
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classPath));
        command.add("org.scratchnet.cli.Main");
        return command;
    }
}
