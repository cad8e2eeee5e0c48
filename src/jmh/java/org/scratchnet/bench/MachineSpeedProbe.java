package org.scratchnet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Whether this machine's speed changes while nothing in the program does: one compiled loop of
 * eight independent FMA chains in registers (no memory traffic, no allocation, nothing for the JIT
 * to decide after its first seconds) run again and again on each of THREADS threads at once, its
 * rate printed per thread with the CPU the thread ended on, then as the mean of every 5 seconds.
 * On a machine of whole cores the rate is flat; a drop that lasts tens of seconds and comes back,
 * in one JVM running one loop, is the machine (another guest on the host, a clock), not the code.
 * <pre>
 *   mvn -B -P jmh -DskipTests package
 *   java -cp target/jmh/scratchnet-jmh.jar org.scratchnet.bench.MachineSpeedProbe [SECONDS] [THREADS]
 * </pre>
 */
public final class MachineSpeedProbe {
    private static final long FMAS_PER_CHAIN = 20_000_000L;
    private static final int CHAINS = 8;
    private static final int BIN_SECONDS = 5;
    private static volatile double sink;

    private MachineSpeedProbe() {}

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args.length > 0 ? args[0] : "120");
        int threads = Integer.parseInt(args.length > 1 ? args[1] : "2");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime(), end = start + seconds * 1_000_000_000L;
        List<double[]> rounds = new ArrayList<>();  // {seconds since start, the threads' summed rate}
        while (System.nanoTime() < end) {
            double at = (System.nanoTime() - start) / 1e9;
            List<Future<String>> each = new ArrayList<>();
            double[] rates = new double[threads];
            for (int t = 0; t < threads; t++) {
                int slot = t;
                each.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    sink += chains(FMAS_PER_CHAIN);
                    rates[slot] = CHAINS * FMAS_PER_CHAIN / ((System.nanoTime() - t0) / 1e9) / 1e9;
                    return String.format(Locale.ROOT, "%.2f@cpu%s", rates[slot], cpuOfThisThread());
                }));
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%7.1f s ", at));
            for (Future<String> f : each) line.append(' ').append(f.get());
            double sum = 0;
            for (double r : rates) sum += r;
            rounds.add(new double[] {at, sum});
            System.out.println(line.append(String.format(Locale.ROOT, "  sum %.2f G FMA/s", sum)));
        }
        pool.shutdown();
        System.out.println("means of each " + BIN_SECONDS + " s (G FMA/s, all threads):");
        for (int bin = 0; bin * BIN_SECONDS < seconds; bin++) {
            double sum = 0;
            int count = 0;
            for (double[] r : rounds) {
                if ((int) (r[0] / BIN_SECONDS) == bin) {
                    sum += r[1];
                    count++;
                }
            }
            if (count > 0) System.out.printf(Locale.ROOT, "%5d s %6.2f%n", bin * BIN_SECONDS, sum / count);
        }
    }

    /** Eight independent chains of n FMAs each: bound by the FMA units, never by memory. */
    private static double chains(long n) {
        double a = 1, b = 1, c = 1, d = 1, e = 1, f = 1, g = 1, h = 1, m = 0.9999999, k = 1e-9;
        for (long i = 0; i < n; i++) {
            a = Math.fma(a, m, k);
            b = Math.fma(b, m, k);
            c = Math.fma(c, m, k);
            d = Math.fma(d, m, k);
            e = Math.fma(e, m, k);
            f = Math.fma(f, m, k);
            g = Math.fma(g, m, k);
            h = Math.fma(h, m, k);
        }
        return a + b + c + d + e + f + g + h;
    }

    /** The CPU this thread last ran on (field 39 of /proc/thread-self/stat), or ? where there is none. */
    private static String cpuOfThisThread() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[36];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
