package org.scratchnet.augment;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.scratchnet.SplitMix;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.MnistFiles;

/**
 * What one distortion costs, per image, in the calling thread's CPU time (a thread waiting for a
 * core on a shared machine is not charged for the wait), and how dense the distorted images are:
 * affine and elastic distortions of MNIST's first 5,000 training digits, and the elastic field
 * alone, round after round; prints each one's median and best µs per image over the rounds, and
 * the fraction of nonzero pixels of the originals and of each kind's images (the first layer
 * skips zeros, so it pays for every nonzero pixel). Compiled against the main classes, so the same
 * harness measures two builds by their class paths:
 * <pre>
 *   mvn -B -P jmh -DskipTests package
 *   java --add-modules jdk.incubator.vector -cp target/jmh/scratchnet-jmh.jar org.scratchnet.augment.AugmentCost [ROUNDS] [MNIST_DIR]
 * </pre>
 */
public class AugmentCost {
    private static final int N = 784;
    private static final int IMAGES = 5000;

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Dataset d = MnistFiles.load(Path.of(args.length > 1 ? args[1] : "../shared/mnist"))[0].head(IMAGES);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        String[] kinds = {"affine", "elastic", "field"};
        List<List<Double>> times = new ArrayList<>();
        for (int k = 0; k < kinds.length; k++) times.add(new ArrayList<>());
        float[] out = new float[IMAGES * N];
        ElasticField field = new ElasticField(28, AugmentationSpec.DEFAULT_SIGMA, AugmentationSpec.DEFAULT_ALPHA);
        float[] dx = new float[N];
        float[] dy = new float[N];
        SplitMix random = new SplitMix(0);
        double[] nonzero = new double[2];
        long sink = 0;
        for (int round = 0; round <= rounds; round++) {
            for (int k = 0; k < kinds.length; k++) {
                long c0 = mx.getCurrentThreadCpuTime();
                if (k < 2) {
                    Augmenter a = new Augmenter(AugmentationSpec.parse(kinds[k]), N);
                    for (int i = 0; i < IMAGES; i++) a.augment(d.x, i * N, out, i * N, Augmenter.exampleSeed(42, round, i));
                } else {
                    for (int i = 0; i < IMAGES; i++) {
                        random.reseed(Augmenter.exampleSeed(42, round, i));
                        field.draw(random, dx, dy);
                        sink += Float.floatToRawIntBits(dx[i % N]);
                    }
                }
                long c1 = mx.getCurrentThreadCpuTime();
                if (round > 0) times.get(k).add((c1 - c0) / 1e3 / IMAGES);  // round 0 warms the JIT up
                if (round == 1 && k < 2) nonzero[k] = nonzeroFraction(out, IMAGES * N);
            }
        }
        System.out.printf(Locale.ROOT, "originals: %.2f%% nonzero (%d images)%n", 100 * nonzeroFraction(d.x, IMAGES * N), IMAGES);
        for (int k = 0; k < kinds.length; k++) {
            List<Double> t = new ArrayList<>(times.get(k));
            Collections.sort(t);
            System.out.printf(Locale.ROOT, "%-8s median %5.2f µs  best %5.2f µs per image (CPU, %d rounds)%s%n", kinds[k], t.get(t.size() / 2), t.get(0),
                    t.size(), k < 2 ? String.format(Locale.ROOT, "  %.2f%% nonzero", 100 * nonzero[k]) : "");
        }
        if (sink == 42) System.out.println();
    }

    private static double nonzeroFraction(float[] x, int n) {
        long c = 0;
        for (int i = 0; i < n; i++) if (x[i] != 0f) c++;
        return (double) c / n;
    }
}
