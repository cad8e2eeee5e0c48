package org.scratchnet.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.MnistFiles;
import org.scratchnet.engine.FastEngine;

/**
 * Why W1 gains only 1.3x from a second core: a shared limit of the machine (memory bandwidth, a
 * shared cache, the clock when both cores are busy) or the way one iteration is split between
 * the threads. Three measurements, medians over the iterations:
 * <ol>
 *   <li>one W1 iteration on one thread, alone;
 *   <li>two independent W1 runs at once, each on a one-thread engine of its own (its own weights,
 *       its own copy of the octets): if each still takes the time it took alone, the two cores
 *       have room for twice the work, and a two-thread iteration slower than half of it loses its
 *       time in the split (imbalance, hand-overs); if each slows down, the machine is the limit;
 *   <li>one W1 iteration on a two-thread engine, as {@code bench} runs it.
 * </ol>
 * Then a read of a 27 MB array (the size of the octets' by-column copy) on one thread and on
 * two (each its half), in GB/s: the bandwidth the first layer's two products could have.
 * <pre>
 *   mvn -B -P jmh -DskipTests package
 *   java --add-modules jdk.incubator.vector -cp target/jmh/scratchnet-jmh.jar org.scratchnet.bench.W1ScalingProbe [ITERATIONS] [MNIST-DIR]
 * </pre>
 */
public final class W1ScalingProbe {
    private static final int WARMUP = 50;
    private static final int READ_BYTES = 27 << 20;
    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_PREFERRED;

    private W1ScalingProbe() {}

    public static void main(String[] args) throws Exception {
        int steps = Integer.parseInt(args.length > 0 ? args[0] : "60");
        Path dir = Path.of(args.length > 1 ? args[1] : "../shared/mnist");
        Dataset train = MnistFiles.load(dir)[0];
        Dataset copy = MnistFiles.load(dir)[0];  // the second run's own input, so its octets are its own

        W1Run alone = new W1Run(train, 1);
        alone.iterate(WARMUP);
        double aloneMs = median(alone.iterate(steps));

        W1Run first = new W1Run(train, 1), second = new W1Run(copy, 1);
        first.iterate(WARMUP);
        second.iterate(WARMUP);
        long[][] both = new long[2][];
        CyclicBarrier start = new CyclicBarrier(2);
        Thread other = new Thread(() -> {
            await(start);
            both[1] = second.iterate(steps);
        });
        other.start();
        await(start);
        both[0] = first.iterate(steps);
        other.join();
        double bothMs0 = median(both[0]), bothMs1 = median(both[1]);

        W1Run shared = new W1Run(train, 2);
        shared.iterate(WARMUP);
        double sharedMs = median(shared.iterate(steps));

        System.out.printf(Locale.ROOT, "W1 iteration, one thread alone:              %6.2f ms%n", aloneMs);
        System.out.printf(Locale.ROOT, "two one-thread runs at once, each:           %6.2f and %6.2f ms (%.2fx and %.2fx the time alone)%n",
                bothMs0, bothMs1, bothMs0 / aloneMs, bothMs1 / aloneMs);
        System.out.printf(Locale.ROOT, "  so the two cores' throughput:              %6.2f ms per iteration%n", 1 / (1 / bothMs0 + 1 / bothMs1));
        System.out.printf(Locale.ROOT, "one iteration on two threads:                %6.2f ms (%.2fx one thread)%n", sharedMs, aloneMs / sharedMs);

        byte[] data = new byte[READ_BYTES];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 31);
        double one = readGBs(data, 1, steps), two = readGBs(data, 2, steps);
        System.out.printf(Locale.ROOT, "read of %d MB: one thread %.1f GB/s, two threads %.1f GB/s (%.2fx)%n",
                READ_BYTES >> 20, one, two, two / one);
    }

    /** W1 ({@link W1Step}) on 1 or 2 threads of its own kernels, timed iteration by iteration. */
    private static final class W1Run {
        final W1Step step;

        W1Run(Dataset train, int threads) {
            step = new W1Step(FastEngine.withThreads(threads), train);
        }

        /** Nanoseconds of each of {@code steps} iterations. */
        long[] iterate(int steps) {
            long[] nanos = new long[steps];
            for (int s = 0; s < steps; s++) {
                long t0 = System.nanoTime();
                step.run();
                nanos[s] = System.nanoTime() - t0;
            }
            return nanos;
        }
    }

    /** The median GB/s of {@code rounds} reads of all of {@code data}, split in {@code threads} contiguous parts read at once. */
    private static double readGBs(byte[] data, int threads, int rounds) throws Exception {
        List<Double> rates = new ArrayList<>();
        long[] sink = new long[threads];
        for (int r = 0; r < rounds + 10; r++) {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Thread> workers = new ArrayList<>();
            long[] ends = new long[threads];
            long[] begin = new long[1];
            for (int t = 0; t < threads; t++) {
                int part = t;
                Thread w = new Thread(() -> {
                    await(start);
                    if (part == 0) begin[0] = System.nanoTime();
                    int from = (int) ((long) data.length * part / threads), to = (int) ((long) data.length * (part + 1) / threads);
                    sink[part] += read(data, from, to);
                    ends[part] = System.nanoTime();
                });
                workers.add(w);
                w.start();
            }
            for (Thread w : workers) w.join();
            long end = Arrays.stream(ends).max().orElseThrow();
            if (r >= 10) rates.add(data.length / (double) (end - begin[0]));
        }
        if (Arrays.stream(sink).sum() == 42) System.out.println();  // keeps the reads from being optimised away
        return rates.stream().sorted().toList().get(rates.size() / 2);
    }

    private static long read(byte[] data, int from, int to) {
        var acc = ByteVector.zero(BYTES);
        int i = from;
        for (; i + BYTES.length() <= to; i += BYTES.length()) acc = acc.lanewise(VectorOperators.XOR, ByteVector.fromArray(BYTES, data, i));
        long s = acc.reduceLanesToLong(VectorOperators.XOR);
        for (; i < to; i++) s ^= data[i];
        return s;
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
