package org.scratchnet.tensor;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.MnistFiles;

/**
 * How near two threads may write to each other: W1's forward ({@link OctetGemm16#forward}) on
 * two threads, each on half of the blocks with sums of its own, the second thread's sums placed
 * {@code gap} floats past the end of the first's (two arrays allocated one after the other, as
 * {@link VectorKernels} allocates its threads' scratch), and, first, on one thread alone. Prints
 * each thread's median µs per block. The reason for {@link VectorKernels#SCRATCH_GAP}.
 * <pre>
 *   mvn -B -P jmh -DskipTests package
 *   java --add-modules jdk.incubator.vector -cp target/jmh/scratchnet-jmh.jar org.scratchnet.tensor.ScratchDistanceProbe [MNIST-DIR]
 * </pre>
 */
public final class ScratchDistanceProbe {
    private static final int PASSES = 40;

    private ScratchDistanceProbe() {}

    public static void main(String[] args) throws Exception {
        Dataset train = MnistFiles.load(Path.of(args.length > 0 ? args[0] : "../shared/mnist"))[0];
        Kernels one = Kernels.create(1);
        SparseRows rows = new SparseRows();
        rows.index(one, train.x, train.size, train.features, SparseRows.DEFAULT_MAX_DENSITY);
        rows.expectReuse();
        SparseOctets X = rows.octets(one, OctetGemm16.LANES);
        if (X == null || !OctetGemm16.supported()) throw new IllegalStateException("needs 512-bit vectors and pixel levels");
        float[] Wt10 = new float[X.groups * X.groupColumns * OctetGemm16.COLUMNS];
        Random random = new Random(1);
        for (int i = 0; i < Wt10.length; i++) Wt10[i] = random.nextFloat() - 0.5f;
        float[] bias = new float[OctetGemm16.COLUMNS], C = new float[X.rows * OctetGemm16.COLUMNS];
        int half = X.blocks / 2;

        float[] alone = new float[OctetGemm16.SCRATCH];
        System.out.printf(Locale.ROOT, "one thread, all %d blocks: %.1f us a block%n", X.blocks,
                perBlock(1, X.blocks, t -> OctetGemm16.forward(X, Wt10, bias, C, OctetGemm16.COLUMNS, 0, X.blocks, alone))[0]);
        for (int gap : new int[] {0, 16, 64, 256, 512, 1024, 2048}) {
            float[] first = new float[OctetGemm16.SCRATCH + gap], second = new float[OctetGemm16.SCRATCH];  // one after the other
            double[] us = perBlock(2, half, t -> OctetGemm16.forward(X, Wt10, bias, C, OctetGemm16.COLUMNS,
                    t * half, t * half + half, t == 0 ? first : second));
            System.out.printf(Locale.ROOT, "two threads, the second's sums %4d floats (%5d bytes) past the first's: %.1f and %.1f us a block%n",
                    gap, gap * Float.BYTES, us[0], us[1]);
        }
    }

    /** Each thread's median µs per block over {@link #PASSES} passes of {@code work}, run by all threads at once. */
    private static double[] perBlock(int threads, int blocks, java.util.function.IntConsumer work) throws Exception {
        long[][] nanos = new long[threads][PASSES];
        CyclicBarrier together = new CyclicBarrier(threads);
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers[t] = new Thread(() -> {
                for (int pass = -10; pass < PASSES; pass++) {  // the first ten warm up
                    try {
                        together.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    long start = System.nanoTime();
                    work.accept(id);
                    if (pass >= 0) nanos[id][pass] = System.nanoTime() - start;
                }
            });
            workers[t].start();
        }
        for (Thread w : workers) w.join();
        double[] medians = new double[threads];
        for (int t = 0; t < threads; t++) {
            long[] sorted = nanos[t].clone();
            Arrays.sort(sorted);
            medians[t] = sorted[PASSES / 2] / 1e3 / blocks;
        }
        return medians;
    }
}
