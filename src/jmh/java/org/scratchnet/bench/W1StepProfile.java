package org.scratchnet.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.MnistFiles;
import org.scratchnet.engine.FastEngine;
import org.scratchnet.tensor.Kernels;

/**
 * Where a W1 iteration's time goes, call by call: W1's network and full-batch step exactly as
 * {@link W1Benchmark} runs them, on {@link StepProfile}'s timing decorator (per label the median
 * over the measured iterations of its wall and CPU time per iteration; what is left outside the
 * calls is the serial glue). Run on 1 thread for the work each part does, on 2 for the hand-overs:
 * <pre>
 *   mvn -B -P jmh -DskipTests package
 *   java --add-modules jdk.incubator.vector -cp target/jmh/scratchnet-jmh.jar org.scratchnet.bench.W1StepProfile THREADS [ITERATIONS] [MNIST-DIR]
 * </pre>
 */
public final class W1StepProfile {
    private W1StepProfile() {}

    public static void main(String[] args) {
        int threads = Integer.parseInt(args.length > 0 ? args[0] : "2");
        int steps = Integer.parseInt(args.length > 1 ? args[1] : "100");
        Path dir = Path.of(args.length > 2 ? args[2] : "../shared/mnist");
        Dataset train = MnistFiles.load(dir)[0];
        StepProfile.TimedKernels kernels = new StepProfile.TimedKernels(Kernels.create(threads), steps);
        W1Step w1 = new W1Step(FastEngine.on(kernels), train);
        int warmup = 50;
        long[] stepNanos = new long[steps], stepCpu = new long[steps], stepCalls = new long[steps];
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int s = 0; s < warmup + steps; s++) {
            kernels.recording = s >= warmup;
            long p0 = kernels.parallelCalls();
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            w1.run();
            long t1 = System.nanoTime();
            long c1 = mx.getCurrentThreadCpuTime();
            if (s >= warmup) {
                stepNanos[s - warmup] = t1 - t0;
                stepCpu[s - warmup] = c1 - c0;
                stepCalls[s - warmup] = kernels.parallelCalls() - p0;
                kernels.endStep();
            }
        }
        StepProfile.report("W1 iteration", train.size, kernels, stepNanos, stepCpu, null, stepCalls, threads);
        System.out.printf(java.util.Locale.ROOT, "training accuracy at the last iteration %.4f%n", w1.lastAccuracy());
    }
}
