package org.scratchnet.tensor;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.*;

/**
 * The three dense products of W2's shapes on one thread, each register tile ({@link TileShape})
 * alternating round after round, timed in the calling thread's CPU time rather than wall time:
 * on a machine shared with other programs, a thread that waits for a core is not charged for the
 * wait, so the figures (GFLOP per CPU-second, median and best over rounds) compare tiles fairly
 * where JMH's wall-clock scores swing by 2-3x. Not for absolute claims: a descheduled thread
 * also comes back to cold caches. Built with the JMH profile:
 * <pre>
 *   mvn -B -P jmh -DskipTests package
 *   java --add-modules jdk.incubator.vector -cp target/jmh/scratchnet-jmh.jar org.scratchnet.tensor.CpuTimeProducts [ROUNDS]
 * </pre>
 */
public class CpuTimeProducts {
    public static void main(String[] a) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int[][] shapes = {{128, 512, 512}, {128, 784, 512}};
        String[] ops = {"forward", "inputGradient", "weightGradient"};
        boolean indexed = Gemm.INDEXED_LOOPS;
        TileShape[] tiles = TileShape.values();
        Map<String, List<Double>> res = new TreeMap<>();
        SplittableRandom r = new SplittableRandom(1);
        int rounds = Integer.parseInt(a.length > 0 ? a[0] : "12");
        Kernels[] ks = new Kernels[tiles.length];
        for (int t = 0; t < tiles.length; t++) ks[t] = new VectorKernels(1, indexed, tiles[t]);
        for (int round = 0; round < rounds; round++) {
            for (int[] s : shapes) {
                int m = s[0], k = s[1], n = s[2];
                float[] X = new float[m * k + 64], W = new float[n * k + 64], b = new float[n + 64], Z = new float[m * n + 64],
                        dZ = new float[m * n + 64], dX = new float[m * k + 64], dW = new float[n * k + 64];
                for (float[] f : new float[][] {X, W, b, dZ}) for (int i = 0; i < f.length; i++) f[i] = (float) r.nextGaussian();
                for (String op : ops) {
                    for (int tt = 0; tt < tiles.length; tt++) {
                        int t = (round % 2 == 0) ? tt : tiles.length - 1 - tt;
                        Kernels K = ks[t];
                        int reps = 40;  // about 20 ms of CPU per measurement
                        for (int w = 0; w < (round == 0 ? 200 : 5); w++) run(K, op, X, W, b, Z, dZ, dX, dW, m, k, n);
                        long c0 = mx.getCurrentThreadCpuTime();
                        for (int i = 0; i < reps; i++) run(K, op, X, W, b, Z, dZ, dX, dW, m, k, n);
                        long c1 = mx.getCurrentThreadCpuTime();
                        if (round == 0) continue;
                        double g = 2.0 * m * k * n * reps / ((c1 - c0) / 1e9) / 1e9;
                        res.computeIfAbsent(op + " " + m + "x" + k + "x" + n + " " + tiles[t], x -> new ArrayList<>()).add(g);
                    }
                }
            }
        }
        for (var e : res.entrySet()) {
            List<Double> v = new ArrayList<>(e.getValue());
            Collections.sort(v);
            System.out.printf(Locale.ROOT, "%-34s median %6.1f  best %6.1f GFLOP per CPU-s%n", e.getKey(), v.get(v.size() / 2), v.get(v.size() - 1));
        }
    }

    static void run(Kernels K, String op, float[] X, float[] W, float[] b, float[] Z, float[] dZ, float[] dX, float[] dW, int m, int k, int n) {
        switch (op) {
            case "forward" -> K.aTimesBTransposed(X, W, b, Z, m, k, n);
            case "inputGradient" -> K.aTimesB(dZ, W, dX, m, n, k);
            default -> K.aTransposedTimesB(dZ, X, dW, n, m, k);
        }
    }
}
