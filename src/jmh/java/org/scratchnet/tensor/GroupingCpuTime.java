package org.scratchnet.tensor;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.MnistFiles;

/**
 * The first layer's forward tiles ({@link SparseTiles#forward}, W2's 784 -> 512, real MNIST test
 * batches) on one thread with its images grouped by similarity ({@link SimilarImages}) against
 * groups of neighbouring rows, call by call alternating, each call timed in the calling thread's
 * CPU time (for a machine shared with other programs); checks each pair gives the same bits.
 * Prints the medians and the quartiles of the per-pair ratios (neighbours / grouped: above 1,
 * grouping is faster), at batch 1000 (inference) and 128 (training), for W2's 512 columns or COLUMNS
 * (a multiple of the tiles' 8 vectors: 128 columns keep Wᵀ in the L2):
 * <pre>
 *   mvn -B -P jmh -DskipTests package
 *   java --add-modules jdk.incubator.vector -cp target/jmh/scratchnet-jmh.jar org.scratchnet.tensor.GroupingCpuTime [PAIRS] [MNIST-DIR] [COLUMNS]
 * </pre>
 */
public final class GroupingCpuTime {
    private GroupingCpuTime() {}

    public static void main(String[] a) {
        int pairs = Integer.parseInt(a.length > 0 ? a[0] : "400");
        Dataset test = MnistFiles.load(Path.of(a.length > 1 ? a[1] : "../shared/mnist"))[1];
        int k = test.features, n = Integer.parseInt(a.length > 2 ? a[2] : "512");
        SplittableRandom r = new SplittableRandom(1);
        float[] Wt = new float[k * n], bias = new float[n];
        for (int i = 0; i < Wt.length; i++) Wt[i] = (float) r.nextGaussian() * 0.05f;
        for (int m : new int[] {1000, 128}) {
            int batches = test.size / m;
            SparseRows[] X = new SparseRows[batches];
            Kernels one = Kernels.create(1);
            for (int b = 0; b < batches; b++) {
                X[b] = new SparseRows();
                X[b].describe(one, Arrays.copyOfRange(test.x, b * m * k, (b + 1) * m * k), m, k, SparseRows.DEFAULT_MAX_DENSITY);
            }
            SimilarImages[] kinds = {new SimilarImages(false), new SimilarImages(true)};
            float[][] C = {new float[m * n], new float[m * n]};
            int[] pixels = new int[k];
            long[] bits = new long[SparseGroups.bitsFor(k)];
            int units = SparseTiles.rowUnits(m);
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            int warmup = 200;
            double[] ratio = new double[pairs];
            long[][] cpu = new long[2][pairs];
            for (int s = 0; s < warmup + pairs; s++) {
                SparseRows x = X[s % batches];
                long[] t = new long[2];
                for (int kk = 0; kk < 2; kk++) {
                    int kind = s % 2 == 0 ? kk : 1 - kk;
                    long c0 = mx.getCurrentThreadCpuTime();
                    SparseTiles.forward(x, Wt, bias, C[kind], n, 0, units, pixels, bits, kinds[kind]);
                    t[kind] = mx.getCurrentThreadCpuTime() - c0;
                }
                if (!Arrays.equals(C[0], C[1])) throw new AssertionError("grouping changed the bits, batch " + s % batches);
                if (s >= warmup) {
                    ratio[s - warmup] = (double) t[0] / t[1];
                    cpu[0][s - warmup] = t[0];
                    cpu[1][s - warmup] = t[1];
                }
            }
            Arrays.sort(ratio);
            Arrays.sort(cpu[0]);
            Arrays.sort(cpu[1]);
            System.out.printf(Locale.ROOT, "batch %d, %d pairs: neighbours %.0f us, grouped %.0f us of CPU (medians); ratio median %.3f, quartiles %.3f-%.3f%n",
                    m, pairs, cpu[0][pairs / 2] / 1e3, cpu[1][pairs / 2] / 1e3, ratio[pairs / 2], ratio[pairs / 4], ratio[3 * pairs / 4]);
        }
    }
}
