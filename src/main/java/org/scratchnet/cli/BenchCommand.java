package org.scratchnet.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.scratchnet.Count;
import org.scratchnet.UserException;
import org.scratchnet.bench.Peak;
import org.scratchnet.bench.Progress;
import org.scratchnet.bench.W1Benchmark;
import org.scratchnet.bench.W2Benchmark;
import org.scratchnet.bench.Workloads;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.MnistFiles;
import org.scratchnet.engine.FastEngine;
import org.scratchnet.tensor.CpuCaches;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scratchnet bench}: the standard workloads (see {@link Workloads}) timed on this machine,
 * as a table or as JSON for the side-by-side comparison with PyTorch and numpy
 * ({@code bench/side-by-side}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time the standard workloads: W1 (the paper's full-batch 784-10-10), W2 (784-512-512-10 "
                + "throughput, inference and single-image latency) and the default 'train' recipe end to end.",
                "Compare with PyTorch and numpy on the same workloads: bench/side-by-side."})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR", description = "Folder with the four MNIST IDX files (default: as for train).")
    Path dataDir;

    @Option(names = "--threads", paramLabel = "N", converter = OptionTypes.Threads.class, description = "Threads for the kernels (default: all cores).")
    Integer threads;

    @Option(names = "--only", paramLabel = "WORKLOAD", description = "Run just one workload: w1, w2 or train.")
    String only;

    @Option(names = "--w1-iterations", paramLabel = "N", converter = OptionTypes.Count.class, description = "W1 iterations (default: the paper's ${DEFAULT-VALUE}).",
            defaultValue = "500")
    int w1Iterations;

    @Option(names = "--quick", description = "A smoke run: W1 20 iterations, W2 a fifth of an epoch, no train run.")
    boolean quick;

    @Option(names = "--peak-gflops", paramLabel = "G", converter = OptionTypes.Positive.class,
            description = "The CPU's float32 peak for the threads used, in GFLOP/s (default: measured on this machine with "
                    + "FMA loops on as many threads at once, see docs/benchmarks.md).")
    Double peakGflops;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() {
        if (only != null && !List.of("w1", "w2", "train").contains(only)) {
            throw new UserException("--only takes w1, w2 or train, got '" + only + "'");
        }
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        FastEngine engine = FastEngine.withThreads(n);
        Path dir = MnistFiles.resolve(dataDir, Terminal.stderrIsTerminal());
        boolean terminal = Terminal.stderrIsTerminal();
        Progress progress = terminal ? new Bar() : Progress.NONE;

        Map<String, Object> r = new LinkedHashMap<>();
        r.put("threads", n);
        r.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        r.put("kernels", engine.kernels().describe());
        r.put("cpu", Machine.cpu());
        CpuCaches caches = CpuCaches.read();
        r.put("caches", caches.describe());
        r.put("caches_source", caches.source());
        Peak peak = Peak.of(peakGflops, n);
        r.put("peak_gflops", peak.gflops());
        r.put("peak_gflops_one_core", peak.oneCore());
        r.put("peak_source", peak.source());
        r.put("peak", peak.how());
        if (peak.vectorBits() > 0) r.put("vector_bits", peak.vectorBits());

        Dataset[] mnist = MnistFiles.load(dir);
        if (only == null || only.equals("w1")) {
            int iterations = quick ? 20 : w1Iterations;
            if (!terminal) System.err.println("W1: " + iterations + " full-batch iterations of 784-10-10 on 60,000 images ...");
            W1Benchmark.Result w1 = W1Benchmark.run(engine, mnist[0], iterations, progress);
            r.put("w1_iterations", w1.iterations());
            r.put("w1_seconds_total", w1.secondsTotal());
            r.put("w1_seconds_per_iteration", w1.secondsPerIteration());
            r.put("w1_train_accuracy", w1.trainAccuracy());
            r.put("w1_gflops", w1.gflops());
            r.put("w1_peak_fraction", peak.fraction(w1.gflops()));
        }
        if (only == null || only.equals("w2")) {
            if (!terminal) System.err.println("W2: 784-512-512-10, batch 128, a warm-up epoch then a timed one ...");
            W2Benchmark.Result w2 = W2Benchmark.run(engine, mnist[0], mnist[1], quick ? 0.2 : 1.0, progress);
            r.put("w2_train_samples_per_second", w2.trainSamplesPerSecond());
            r.put("w2_gflops", w2.gflops());
            r.put("w2_peak_gflops", peak.gflops());  // the same as peak_gflops, under the name older readers know
            r.put("w2_peak", peak.how());
            r.put("w2_peak_fraction", peak.fraction(w2.gflops()));
            r.put("w2_infer_samples_per_second", w2.inferSamplesPerSecond());
            r.put("w2_latency_us_median", w2.latencyMicrosMedian());
            r.put("w2_latency_us_p99", w2.latencyMicrosP99());
        }
        if ((only == null && !quick) || "train".equals(only)) {
            if (!terminal) System.err.println("train: the default recipe, in a fresh JVM limited to 1 GiB of heap ...");
            r.putAll(trainDefault(dir));
        }

        if (json) Json.print(r);
        else print(r);
        return 0;
    }

    /**
     * Runs {@code scratchnet train} with its defaults in a fresh JVM (no JIT warmed up by the
     * workloads above) with the heap capped at 1 GiB, and reads its JSON.
     */
    private Map<String, Object> trainDefault(Path dir) {
        Path tmp;
        try {
            tmp = Files.createTempDirectory("scratchnet-bench");
        } catch (IOException e) {
            throw new UserException("cannot create a temporary folder: " + e.getMessage());
        }
        // Ctrl-C skips the finally below; these run at exit (in reverse order: the files, then the folder).
        tmp.toFile().deleteOnExit();
        tmp.resolve("model.safetensors").toFile().deleteOnExit();
        tmp.resolve("model.history.csv").toFile().deleteOnExit();
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-modules") || arg.startsWith("-Dscratchnet")) cmd.add(arg);
        }
        cmd.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "train",
                "--data", dir.toString(), "--out", tmp.resolve("model.safetensors").toString(), "--json"));
        long start = System.nanoTime();
        try {
            Process p = new ProcessBuilder(cmd).start();
            Thread errors = new Thread(() -> passOnErrors(p));
            errors.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            errors.join();
            int code = p.waitFor();
            double wall = (System.nanoTime() - start) / 1e9;
            if (code != 0) throw new UserException("the default 'train' run failed (exit " + code + ")");
            JsonObject o = JsonParser.parseString(out).getAsJsonObject();
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("train_default_seconds", o.get("seconds").getAsDouble());
            r.put("train_default_command_seconds", wall);
            r.put("train_default_test_accuracy", o.get("test_accuracy").getAsDouble());
            r.put("train_default_peak_heap_mib", o.get("peak_heap_mib").getAsDouble());
            r.put("train_default_max_heap", "1 GiB");
            return r;
        } catch (IOException e) {
            throw new UserException("cannot start the default 'train' run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserException("interrupted");
        } finally {
            try (var files = Files.list(tmp)) {
                for (Path f : files.toList()) Files.deleteIfExists(f);
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a leftover temporary folder is harmless
            }
        }
    }

    /** The child's stderr, less the JVM's notice about the incubator module (the launcher hides it too). */
    private static void passOnErrors(Process p) {
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.startsWith("WARNING: Using incubator modules")) System.err.println(line);
            }
        } catch (IOException ignored) {
            // the child has gone; its exit code tells the rest
        }
    }

    private static void print(Map<String, Object> r) {
        System.out.printf(Locale.ROOT, "ScratchNet bench: %s, %s, kernels %s%n", r.get("cpu"), r.get("jdk"), r.get("kernels"));
        System.out.printf(Locale.ROOT, "caches %s; float32 peak %s (%s)%n", r.get("caches"),
                r.get("peak_gflops") == null ? "unknown" : String.format(Locale.ROOT, "%.0f GFLOP/s", (double) r.get("peak_gflops"))
                        + (r.get("peak_gflops_one_core") == null ? "" : String.format(Locale.ROOT, ", %.0f on one core",
                        (double) r.get("peak_gflops_one_core"))), r.get("peak"));
        if (r.containsKey("w1_seconds_per_iteration")) {
            System.out.printf(Locale.ROOT, "W1  784-10-10 full batch     %8.2f ms/iteration   %6.2f s for %s (train accuracy %.2f%%), %.1f GFLOP/s%s%n",
                    1e3 * (double) r.get("w1_seconds_per_iteration"), (double) r.get("w1_seconds_total"),
                    Count.of((int) r.get("w1_iterations"), "iteration"),
                    100 * (double) r.get("w1_train_accuracy"), (double) r.get("w1_gflops"), share(r.get("w1_peak_fraction")));
        }
        if (r.containsKey("w2_train_samples_per_second")) {
            System.out.printf(Locale.ROOT, "W2  train, batch 128         %,8.0f samples/s     %6.1f GFLOP/s%s%n",
                    (double) r.get("w2_train_samples_per_second"), (double) r.get("w2_gflops"), share(r.get("w2_peak_fraction")));
            System.out.printf(Locale.ROOT, "W2  inference, batch 1000    %,8.0f samples/s%n", (double) r.get("w2_infer_samples_per_second"));
            System.out.printf(Locale.ROOT, "W2  one image                %8.1f us median      %6.1f us p99%n",
                    (double) r.get("w2_latency_us_median"), (double) r.get("w2_latency_us_p99"));
        }
        if (r.containsKey("train_default_seconds")) {
            System.out.printf(Locale.ROOT, "train (defaults)             %8.1f s training     %6.1f s whole command, test accuracy %.2f%%, peak heap %.0f MiB (-Xmx1g)%n",
                    (double) r.get("train_default_seconds"), (double) r.get("train_default_command_seconds"),
                    100 * (double) r.get("train_default_test_accuracy"), (double) r.get("train_default_peak_heap_mib"));
        }
    }

    /** " = 38% of the peak", or nothing when the peak is unknown. */
    private static String share(Object fraction) {
        return fraction == null ? "" : String.format(Locale.ROOT, " = %.0f%% of the peak", 100 * (double) fraction);
    }

    /** A progress bar per phase on stderr. */
    private static final class Bar implements Progress {
        private ProgressBar bar;

        @Override
        public void start(String phase, long total) {
            bar = new ProgressBarBuilder().setTaskName(phase).setInitialMax(total).setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setUpdateIntervalMillis(200).showSpeed().setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
        }

        @Override
        public void step(long done) {
            bar.stepTo(done);
        }

        @Override
        public void done() {
            bar.close();
        }
    }
}
