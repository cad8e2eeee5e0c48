package org.scratchnet.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scratchnet.SplitMix;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.MnistFiles;
import org.scratchnet.engine.FastEngine;
import org.scratchnet.nn.Network;
import org.scratchnet.nn.Parameter;
import org.scratchnet.optim.Optimizer;
import org.scratchnet.optim.OptimizerSpec;
import org.scratchnet.tensor.Epilogue;
import org.scratchnet.tensor.Kernels;
import org.scratchnet.tensor.SparseRows;
import org.scratchnet.train.MiniBatch;
import org.scratchnet.train.Trainer;

/**
 * Where a W2 training step's time goes, call by call: W2's network and step exactly as
 * {@link W2Benchmark} runs them, on kernels wrapped by a decorator that times every kernel call
 * (wall time, and the calling thread's CPU time) under a label of what made it (the product and
 * its shape, or the class of the element-wise body: ReLU, softmax, the optimiser's update, the
 * batch copy, the listing of pixels). What is left of a step's wall time outside the calls is the
 * serial glue between them (the loss's sum, the network's and optimiser's bookkeeping). Per label
 * the median over the measured steps of its time per step, so a step that another program
 * interrupted does not skew it. Run on 1 thread for the work each part does (CPU time = wall time
 * there, nothing waits), on 2 for what the hand-overs cost:
 * <pre>
 *   mvn -B -P jmh -DskipTests package
 *   java --add-modules jdk.incubator.vector -cp target/jmh/scratchnet-jmh.jar org.scratchnet.bench.StepProfile THREADS [STEPS] [MNIST-DIR]
 * </pre>
 */
public final class StepProfile {
    private StepProfile() {}

    public static void main(String[] args) {
        int threads = Integer.parseInt(args.length > 0 ? args[0] : "2");
        int steps = Integer.parseInt(args.length > 1 ? args[1] : "400");
        Path dir = Path.of(args.length > 2 ? args[2] : "../shared/mnist");
        Dataset train = MnistFiles.load(dir)[0];
        TimedKernels kernels = new TimedKernels(Kernels.create(threads), steps);
        FastEngine engine = FastEngine.on(kernels);
        Network net = Workloads.w2Network(engine);
        Optimizer momentum = OptimizerSpec.momentum(Workloads.W2_LEARNING_RATE).create(kernels);
        List<Parameter> params = net.parameters();
        int B = Workloads.W2_BATCH;
        int batches = train.size / B;
        MiniBatch batch = new MiniBatch(train, B, kernels);
        int[] order = new int[train.size];
        for (int i = 0; i < order.length; i++) order[i] = i;
        SplitMix random = new SplitMix(Workloads.SEED);
        Trainer.shuffle(order, random);
        int warmup = 2 * batches;
        long[] stepNanos = new long[steps], stepCpu = new long[steps], listNanos = new long[steps], stepCalls = new long[steps];
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        SparseRows apart = new SparseRows();
        for (int s = 0; s < warmup + steps; s++) {
            int b = s % batches;
            if (b == 0) Trainer.shuffle(order, random);
            kernels.recording = s >= warmup;
            long p0 = kernels.parallelCalls();
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            step(net, momentum, params, batch, order, b, B);
            long t1 = System.nanoTime();
            long c1 = mx.getCurrentThreadCpuTime();
            long p1 = kernels.parallelCalls();
            // The listing of the batch's nonzero pixels again, apart: on one thread the layer lists
            // them without a kernel call, so the decorator does not see it.
            long l0 = System.nanoTime();
            apart.index(kernels.inner(), batch.x, B, train.features, SparseRows.DEFAULT_MAX_DENSITY);
            long l1 = System.nanoTime();
            if (s >= warmup) {
                stepNanos[s - warmup] = t1 - t0;
                stepCpu[s - warmup] = c1 - c0;
                listNanos[s - warmup] = l1 - l0;
                stepCalls[s - warmup] = p1 - p0;
                kernels.endStep();
            }
        }
        report("W2 step", Workloads.W2_BATCH, kernels, stepNanos, stepCpu, listNanos, stepCalls, threads);
    }

    private static void step(Network net, Optimizer optimizer, List<Parameter> params, MiniBatch batch, int[] order, int b, int B) {
        batch.gather(order, b * B, B);
        net.computeGradients(batch.x, batch.y, 0, B);
        optimizer.step(params);
    }

    static void report(String what, int batch, TimedKernels k, long[] stepNanos, long[] stepCpu, long[] listNanos, long[] stepCalls,
                       int threads) {
        double step = median(stepNanos), cpuStep = median(stepCpu);
        double inCalls = 0, cpuInCalls = 0;
        System.out.printf(Locale.ROOT, "%s, %s, %d measured: median %.1f us each (%.0f samples/s)%n",
                what, k.describe(), stepNanos.length, step / 1e3, batch / (step / 1e9));
        System.out.printf(Locale.ROOT, "%-58s %6s %9s %9s %6s%n", "call (label, shape)", "calls", "wall us", "cpu us", "share");
        for (var e : k.perStep.entrySet()) {
            Series s = e.getValue();
            double wall = median(s.wall), cpu = median(s.cpu);
            inCalls += wall;
            cpuInCalls += cpu;
            System.out.printf(Locale.ROOT, "%-58s %6d %9.1f %9.1f %5.1f%%%n", e.getKey(), s.callsPerStep, wall / 1e3, cpu / 1e3,
                    100 * wall / step);
        }
        System.out.printf(Locale.ROOT, "%-58s %6s %9.1f %9.1f %5.1f%%%n", "outside the calls (serial glue)", "", (step - inCalls) / 1e3,
                (cpuStep - cpuInCalls) / 1e3, 100 * (step - inCalls) / step);
        System.out.printf(Locale.ROOT, "%-58s %6s %9.1f %9.1f%n", "the whole step", "", step / 1e3, cpuStep / 1e3);
        if (listNanos != null) {
            System.out.printf(Locale.ROOT, "%-58s %6s %9.1f%n", "listing the batch's nonzeros, measured apart", "", median(listNanos) / 1e3);
        }
        System.out.printf(Locale.ROOT, "%-58s %6.0f%n", "parallel calls (barriers) per step", median(stepCalls));
        System.out.printf(Locale.ROOT, "threads %d%n", threads);
    }

    static double median(long[] v) {
        long[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2.0;
    }

    /** One label's time in each measured step. */
    static final class Series {
        final long[] wall;
        final long[] cpu;
        int callsPerStep;
        long wallNow, cpuNow;
        int callsNow;

        Series(int steps) {
            wall = new long[steps];
            cpu = new long[steps];
        }
    }

    /** Every call delegated to the wrapped kernels, timed under a label. */
    static final class TimedKernels implements Kernels {
        private final Kernels k;
        private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        final Map<String, Series> perStep = new LinkedHashMap<>();
        private final List<Series> all = new ArrayList<>();
        private int stepsRecorded;
        boolean recording;
        private int depth;
        private long wall0, cpu0;

        private final int capacity;

        TimedKernels(Kernels k, int capacity) {
            this.k = k;
            this.capacity = capacity;
        }

        private void start() {
            if (depth++ > 0) return;
            cpu0 = mx.getCurrentThreadCpuTime();
            wall0 = System.nanoTime();
        }

        private void stop(String label) {
            if (--depth > 0) return;
            long wall = System.nanoTime() - wall0;
            long cpu = mx.getCurrentThreadCpuTime() - cpu0;
            if (!recording) return;
            Series s = perStep.computeIfAbsent(label, x -> {
                Series n = new Series(capacity);
                all.add(n);
                return n;
            });
            s.wallNow += wall;
            s.cpuNow += cpu;
            s.callsNow++;
        }

        void endStep() {
            for (Series s : all) {
                s.wall[stepsRecorded] = s.wallNow;
                s.cpu[stepsRecorded] = s.cpuNow;
                s.callsPerStep = s.callsNow;
                s.wallNow = s.cpuNow = 0;
                s.callsNow = 0;
            }
            stepsRecorded++;
        }

        private static String shape(String op, int m, int k, int n) {
            return op + " " + m + "x" + k + "x" + n;
        }

        private static String body(Object body, int total) {
            String c = body.getClass().getName();
            int lambda = c.indexOf("$$Lambda");
            if (lambda > 0) c = c.substring(0, lambda);
            return c.substring(c.lastIndexOf('.') + 1) + " (" + total + ")";
        }

        @Override
        public void aTimesBTransposed(float[] A, float[] B, float[] bias, float[] C, int m, int k, int n) {
            start();
            this.k.aTimesBTransposed(A, B, bias, C, m, k, n);
            stop(shape("forward X.Wt+b", m, k, n));
        }

        // The fused forms: a product with its epilogue (" +g": the activation after it, " +g'": the
        // derivative of the one before it) or with its bias gradient (" +db").

        @Override
        public void aTimesBTransposed(float[] A, float[] B, float[] bias, float[] C, int m, int k, int n, Epilogue then) {
            start();
            this.k.aTimesBTransposed(A, B, bias, C, m, k, n, then);
            stop(shape("forward X.Wt+b", m, k, n) + (then == null ? "" : " +g"));
        }

        @Override
        public void aTimesB(float[] A, float[] B, float[] C, int m, int k, int n, Epilogue then) {
            start();
            this.k.aTimesB(A, B, C, m, k, n, then);
            stop(shape("input gradient dZ.W", m, k, n) + (then == null ? "" : " +g'"));
        }

        @Override
        public void aTransposedTimesB(float[] A, float[] B, float[] C, int m, int k, int n, float[] sums) {
            start();
            this.k.aTransposedTimesB(A, B, C, m, k, n, sums);
            stop(shape("weight gradient dZt.X", m, k, n) + (sums == null ? "" : " +db"));
        }

        @Override
        public void sparseATimesB(SparseRows A, float[] B, float[] bias, float[] C, int m, int k, int n, Epilogue then) {
            start();
            this.k.sparseATimesB(A, B, bias, C, m, k, n, then);
            stop(shape("layer 1 forward (sparse)", m, k, n) + (then == null ? "" : " +g"));
        }

        @Override
        public void sparseATransposedTimesB(SparseRows A, float[] B, float[] C, int m, int k, int n, float[] sums) {
            start();
            this.k.sparseATransposedTimesB(A, B, C, m, k, n, sums);
            stop(shape("layer 1 weight gradient (sparse)", m, k, n) + (sums == null ? "" : " +db"));
        }

        @Override
        public long parallelCalls() {
            return k.parallelCalls();
        }

        @Override
        public boolean findsNonzerosInInput() {
            return k.findsNonzerosInInput();
        }

        @Override
        public void aTimesB(float[] A, float[] B, float[] C, int m, int k, int n) {
            start();
            this.k.aTimesB(A, B, C, m, k, n);
            stop(shape("input gradient dZ.W", m, k, n));
        }

        @Override
        public void aTransposedTimesB(float[] A, float[] B, float[] C, int m, int k, int n) {
            start();
            this.k.aTransposedTimesB(A, B, C, m, k, n);
            stop(shape("weight gradient dZt.X", m, k, n));
        }

        @Override
        public void aTimesB(float[] A, float[] B, float[] bias, float[] C, int m, int k, int n) {
            start();
            this.k.aTimesB(A, B, bias, C, m, k, n);
            stop(shape("A.B+b", m, k, n));
        }

        @Override
        public void sparseATimesB(SparseRows A, float[] B, float[] bias, float[] C, int m, int k, int n) {
            start();
            this.k.sparseATimesB(A, B, bias, C, m, k, n);
            stop(shape("layer 1 forward (sparse)", m, k, n));
        }

        @Override
        public void sparseATransposedTimesB(SparseRows A, float[] B, float[] C, int m, int k, int n) {
            start();
            this.k.sparseATransposedTimesB(A, B, C, m, k, n);
            stop(shape("layer 1 weight gradient (sparse)", m, k, n));
        }

        @Override
        public void vectorTimesMatrix(int[] index, float[] value, int count, float[] Bt, float[] bias, float[] z, int n) {
            this.k.vectorTimesMatrix(index, value, count, Bt, bias, z, n);
        }

        @Override
        public void reluBackward(float[] A, float[] dA, float[] dZ, int size) {
            start();
            this.k.reluBackward(A, dA, dZ, size);
            stop("ReLU backward (" + size + ")");
        }

        @Override
        public void columnSums(float[] A, float[] sums, int m, int n) {
            start();
            this.k.columnSums(A, sums, m, n);
            stop("bias gradient (" + m + "x" + n + ")");
        }

        @Override
        public void exp(double[] x, int from, int to) {  // inside a forEachRange: timed with it
            this.k.exp(x, from, to);
        }

        @Override
        public void log(double[] x, int from, int to) {  // the same
            this.k.log(x, from, to);
        }

        @Override
        public int softmaxRows(float[] Z, int classes, float[] A, int[] argmax, double[] sums, double[] work, int from, int to) {
            return this.k.softmaxRows(Z, classes, A, argmax, sums, work, from, to);  // inside a forEachRange too
        }

        @Override
        public void forEachRange(int total, Range body) {
            start();
            this.k.forEachRange(total, body);
            stop(body(body, total));
        }

        @Override
        public void forEachTask(int count, Range body) {
            start();
            this.k.forEachTask(count, body);
            stop(body(body, count));
        }

        Kernels inner() {
            return k;
        }

        @Override
        public int threads() {
            return k.threads();
        }

        @Override
        public void fillWaitsWith(WaitWork work) {
            k.fillWaitsWith(work);
        }

        @Override
        public String describe() {
            return k.describe();
        }
    }
}
