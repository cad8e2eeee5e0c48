package org.scratchnet.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Locale;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.MnistFiles;
import org.scratchnet.engine.FastEngine;
import org.scratchnet.nn.Network;
import org.scratchnet.tensor.Kernels;

/**
 * Where a batch of W2's inference goes, call by call: W2's network (untrained: the same shapes
 * and the same work) and the loop {@link W2Benchmark} times (copy a batch of 1000 test images,
 * then the logits), on the kernels of {@link StepProfile}, which time every kernel call under a
 * label. Per label the median over the measured batches, so a batch another program interrupted
 * does not skew it; what is left outside the calls is the serial glue (and the batch's copy,
 * shown apart).
 * <pre>
 *   mvn -B -P jmh -DskipTests package
 *   java --add-modules jdk.incubator.vector -cp target/jmh/scratchnet-jmh.jar org.scratchnet.bench.InferProfile THREADS [BATCHES] [MNIST-DIR]
 * </pre>
 */
public final class InferProfile {
    private InferProfile() {}

    public static void main(String[] args) {
        int threads = Integer.parseInt(args.length > 0 ? args[0] : "2");
        int measured = Integer.parseInt(args.length > 1 ? args[1] : "300");
        Path dir = Path.of(args.length > 2 ? args[2] : "../shared/mnist");
        Dataset test = MnistFiles.load(dir)[1];
        StepProfile.TimedKernels kernels = new StepProfile.TimedKernels(Kernels.create(threads), measured);
        Network net = Workloads.w2Network(FastEngine.on(kernels));
        int B = Workloads.W2_INFER_BATCH, f = test.features, batches = test.size / B;
        float[] X = new float[B * f];
        int warmup = 200;
        long[] wall = new long[measured], cpu = new long[measured], copy = new long[measured], calls = new long[measured];
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int s = 0; s < warmup + measured; s++) {
            int b = s % batches;
            kernels.recording = s >= warmup;
            long p0 = kernels.parallelCalls();
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            System.arraycopy(test.x, b * B * f, X, 0, B * f);
            long t1 = System.nanoTime();
            net.logits(X, B, false);
            long t2 = System.nanoTime();
            long c1 = mx.getCurrentThreadCpuTime();
            if (s >= warmup) {
                int i = s - warmup;
                wall[i] = t2 - t0;
                cpu[i] = c1 - c0;
                copy[i] = t1 - t0;
                calls[i] = kernels.parallelCalls() - p0;
                kernels.endStep();
            }
        }
        double batch = StepProfile.median(wall), cpuBatch = StepProfile.median(cpu);
        System.out.printf(Locale.ROOT, "W2 inference, batch %d, %s, %d batches measured: median %.1f us per batch (%.0f samples/s)%n",
                B, kernels.describe(), measured, batch / 1e3, B / (batch / 1e9));
        System.out.printf(Locale.ROOT, "%-58s %6s %9s %9s %6s%n", "call (label, shape)", "calls", "wall us", "cpu us", "share");
        double inCalls = 0, cpuInCalls = 0;
        for (var e : kernels.perStep.entrySet()) {
            StepProfile.Series s = e.getValue();
            double w = StepProfile.median(s.wall), c = StepProfile.median(s.cpu);
            inCalls += w;
            cpuInCalls += c;
            System.out.printf(Locale.ROOT, "%-58s %6d %9.1f %9.1f %5.1f%%%n", e.getKey(), s.callsPerStep, w / 1e3, c / 1e3, 100 * w / batch);
        }
        double copied = StepProfile.median(copy);
        System.out.printf(Locale.ROOT, "%-58s %6s %9.1f %9s %5.1f%%%n", "copying the batch (the benchmark's loop)", "", copied / 1e3, "",
                100 * copied / batch);
        System.out.printf(Locale.ROOT, "%-58s %6s %9.1f %9.1f %5.1f%%%n", "outside the calls (serial glue)", "",
                (batch - inCalls - copied) / 1e3, (cpuBatch - cpuInCalls) / 1e3, 100 * (batch - inCalls - copied) / batch);
        System.out.printf(Locale.ROOT, "%-58s %6s %9.1f %9.1f%n", "the whole batch", "", batch / 1e3, cpuBatch / 1e3);
        System.out.printf(Locale.ROOT, "%-58s %6.0f%n", "parallel calls (barriers) per batch", StepProfile.median(calls));
    }
}
