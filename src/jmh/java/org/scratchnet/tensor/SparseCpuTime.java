package org.scratchnet.tensor;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.*;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.MnistFiles;

/**
 * The first layer's two products of W2 (batches of 128 real MNIST images, 784 -> 512) on one
 * thread, per nonzero ({@link SparseGemm}) against the register tiles ({@link SparseTiles}),
 * alternating round after round and timed in the calling thread's CPU time (as
 * {@link CpuTimeProducts}, for a machine shared with other programs). Per kind: the forward
 * product and the weight gradient alone (their lists already made), and a whole batch's first
 * layer as a training step runs it (listing the pixels, the forward product, the weight
 * gradient, each product making the lists it needs). Medians and best over rounds, in µs of CPU
 * per batch of 128:
 * <pre>
 *   mvn -B -P jmh -DskipTests package
 *   java --add-modules jdk.incubator.vector -cp target/jmh/scratchnet-jmh.jar org.scratchnet.tensor.SparseCpuTime [ROUNDS] [MNIST-DIR]
 * </pre>
 */
public class SparseCpuTime {
    public static void main(String[] a) {
        int rounds = Integer.parseInt(a.length > 0 ? a[0] : "10");
        Dataset train = MnistFiles.load(Path.of(a.length > 1 ? a[1] : "../shared/mnist"))[0];
        int m = 128, k = train.features, n = 512, batches = 16;
        SplittableRandom r = new SplittableRandom(1);
        String[] kinds = {"per nonzero", "tiles"};
        Kernels[] ks = {new VectorKernels(1, Gemm.INDEXED_LOOPS, TileShape.forThisMachine(SparseGemm.S.vectorBitSize()), false),
                new VectorKernels(1, Gemm.INDEXED_LOOPS, TileShape.forThisMachine(SparseGemm.S.vectorBitSize()), true)};
        float[][] X = new float[batches][m * k];
        SparseRows[][] lists = new SparseRows[2][batches];
        for (int b = 0; b < batches; b++) {
            for (int i = 0; i < m; i++) System.arraycopy(train.x, r.nextInt(train.size) * k, X[b], i * k, k);
            for (int kind = 0; kind < 2; kind++) {
                lists[kind][b] = new SparseRows();
                lists[kind][b].index(ks[kind], X[b], m, k, SparseRows.DEFAULT_MAX_DENSITY);
            }
        }
        float[] Wt = new float[k * n], bias = new float[n], dZ = new float[m * n], Z = new float[m * n], dW = new float[k * n];
        for (float[] f : new float[][] {Wt, bias, dZ}) for (int i = 0; i < f.length; i++) f[i] = (float) r.nextGaussian();
        String[] ops = a.length > 2 ? a[2].split(",") : new String[] {"forward", "weight gradient", "listing + both"};
        Map<String, List<Double>> res = new TreeMap<>();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < rounds; round++) {
            for (String op : ops) {
                for (int kk = 0; kk < 2; kk++) {
                    int kind = round % 2 == 0 ? kk : 1 - kk;
                    int reps = 3;
                    for (int w = 0; w < (round == 0 ? 30 : 1); w++) {
                        for (int b = 0; b < batches; b++) run(op, ks[kind], lists[kind][b], X[b], Wt, bias, Z, dZ, dW, m, k, n);
                    }
                    long c0 = mx.getCurrentThreadCpuTime();
                    for (int i = 0; i < reps; i++) {
                        for (int b = 0; b < batches; b++) run(op, ks[kind], lists[kind][b], X[b], Wt, bias, Z, dZ, dW, m, k, n);
                    }
                    long c1 = mx.getCurrentThreadCpuTime();
                    if (round > 0) res.computeIfAbsent(op + ", " + kinds[kind], x -> new ArrayList<>()).add((c1 - c0) / 1e3 / reps / batches);
                }
            }
        }
        for (var e : res.entrySet()) {
            List<Double> v = new ArrayList<>(e.getValue());
            Collections.sort(v);
            System.out.printf(Locale.ROOT, "%-32s median %7.1f  best %7.1f µs of CPU per batch%n", e.getKey(), v.get(v.size() / 2), v.get(0));
        }
    }

    static void run(String op, Kernels K, SparseRows X, float[] x, float[] Wt, float[] bias, float[] Z, float[] dZ, float[] dW, int m,
                    int k, int n) {
        if (op.startsWith("listing") || op.startsWith("index")) X.index(K, x, m, k, SparseRows.DEFAULT_MAX_DENSITY);
        if (op.startsWith("index")) {
            if (op.equals("index+columns")) X.listColumns(SparseGemm.gradientBlockRows(n), K);
            return;
        }
        if (!op.equals("weight gradient")) K.sparseATimesB(X, Wt, bias, Z, m, k, n);
        if (!op.equals("forward")) K.sparseATransposedTimesB(X, dZ, dW, k, m, n);
    }
}
