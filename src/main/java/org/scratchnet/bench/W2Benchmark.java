package org.scratchnet.bench;

import java.util.Arrays;
import java.util.List;
import org.scratchnet.SplitMix;
import org.scratchnet.data.Dataset;
import org.scratchnet.engine.FastEngine;
import org.scratchnet.engine.SingleImagePredictor;
import org.scratchnet.nn.Network;
import org.scratchnet.nn.Parameter;
import org.scratchnet.optim.Optimizer;
import org.scratchnet.optim.OptimizerSpec;
import org.scratchnet.train.MiniBatch;
import org.scratchnet.train.Trainer;

/**
 * W2, throughput: training samples per second over one epoch after a warm-up epoch, inference
 * samples per second at batch 1000, and single-image latency. See {@link Workloads}.
 */
public final class W2Benchmark {

    public record Result(double trainSamplesPerSecond, double gflops, double inferSamplesPerSecond,
                         double latencyMicrosMedian, double latencyMicrosP99, double trainAccuracy) {}

    /**
     * Untimed passes over the test set before inference is timed, then timed ones (the median is
     * reported); the peers use the same two numbers (bench/peers/common.py; PeerProtocolTest
     * checks that they agree). With one warm-up pass, C2 compiled this method's loop during the
     * timed passes 4-5 on the Zen 5, and on two cores its compiler thread took a core from the
     * kernels: those passes ran at 120-180k samples/s against 250-300k, and the median of five
     * swung with them from JVM to JVM.
     */
    static final int INFER_WARMUP = 5;
    static final int INFER_REPEATS = 15;

    private W2Benchmark() {}

    /** @param epochFraction 1 for the real benchmark; less for a smoke run */
    public static Result run(FastEngine engine, Dataset train, Dataset test, double epochFraction, Progress progress) {
        Network net = Workloads.w2Network(engine);
        Optimizer momentum = OptimizerSpec.momentum(Workloads.W2_LEARNING_RATE).create(engine.kernels());
        List<Parameter> params = net.parameters();
        int B = Workloads.W2_BATCH;
        int batches = Math.max(1, (int) (train.size / B * epochFraction));
        MiniBatch batch = new MiniBatch(train, B, engine.kernels());
        int[] order = new int[train.size];
        for (int i = 0; i < order.length; i++) order[i] = i;
        SplitMix random = new SplitMix(Workloads.SEED);

        progress.start("W2 train", 2L * batches);
        double seconds = 0;
        long correct = 0;
        for (int epoch = 0; epoch < 2; epoch++) {  // epoch 0 warms up, epoch 1 is timed
            Trainer.shuffle(order, random);
            correct = 0;
            long start = System.nanoTime();
            for (int b = 0; b < batches; b++) {
                correct += step(net, momentum, params, batch, order, b, B);
                progress.step((long) epoch * batches + b + 1);
            }
            seconds = (System.nanoTime() - start) / 1e9;
        }
        progress.done();
        double samplesPerSecond = (double) batches * B / seconds;
        double gflops = samplesPerSecond * Workloads.trainingFlopsPerExample(net) / 1e9;
        double inference = inference(net, test);
        double[] latency = latency(net, test);
        return new Result(samplesPerSecond, gflops, inference, latency[0], latency[1], (double) correct / (batches * B));
    }

    /**
     * One training step on batch b of the shuffled order; returns how many it classified right.
     * A method of its own so that the JIT compiles it whole during the warm-up epoch: compiled as
     * part of the epoch loop (on-stack replacement), the loop was thrown out and compiled again at
     * the start of the timed epoch, which then ran on slower code for a second.
     */
    private static int step(Network net, Optimizer optimizer, List<Parameter> params, MiniBatch batch, int[] order, int b,
                            int B) {
        batch.gather(order, b * B, B);
        net.computeGradients(batch.x, batch.y, 0, B);
        optimizer.step(params);
        return net.lastCorrect();
    }

    /**
     * Samples per second of batched inference (batch 1000, dropout off): the predicted class of
     * every test image, the median of fifteen passes over the test set after five untimed ones.
     * As the peers do (bench/peers: {@code net.forward(xte[s:s+1000]).argmax(axis=1)}): each
     * batch read where it lies, the classes taken from the logits. The batches are split off the
     * test set before the clock starts, since numpy's slices are views and copying 3 MB a batch
     * (about 0.16 ms of a batch's 4.6 on the Zen 5) was work the peers did not do.
     */
    private static double inference(Network net, Dataset test) {
        int B = Workloads.W2_INFER_BATCH;
        int f = test.features;
        int batches = test.size / B;
        int classes = net.classes();
        float[][] X = new float[batches][];
        for (int b = 0; b < batches; b++) X[b] = Arrays.copyOfRange(test.x, b * B * f, (b + 1) * B * f);
        int[] predicted = new int[batches * B];
        double[] rates = new double[INFER_REPEATS];
        for (int rep = -INFER_WARMUP; rep < INFER_REPEATS; rep++) {  // the negative ones warm up
            long start = System.nanoTime();
            for (int b = 0; b < batches; b++) {
                float[] Z = net.logits(X[b], B, false);
                for (int i = 0; i < B; i++) predicted[b * B + i] = argMax(Z, i * classes, classes);
            }
            if (rep >= 0) rates[rep] = (double) batches * B / ((System.nanoTime() - start) / 1e9);
        }
        if (predicted[0] == Integer.MIN_VALUE) System.out.print("");  // keeps the JIT from dropping the classes
        Arrays.sort(rates);
        return rates[INFER_REPEATS / 2];
    }

    /** The index of the largest of Z[from .. from+count), relative to from (the first of equals). */
    private static int argMax(float[] Z, int from, int count) {
        int best = 0;
        for (int c = 1; c < count; c++) if (Z[from + c] > Z[from + best]) best = c;
        return best;
    }

    /** Median and 99th percentile microseconds to classify one image (after a warm-up). */
    private static double[] latency(Network net, Dataset test) {
        int f = test.features;
        int n = Workloads.W2_LATENCY_SAMPLES;
        float[] x = new float[f];
        float[] probabilities = new float[net.classes()];
        SingleImagePredictor predictor = SingleImagePredictor.of(net);
        long[] nanos = new long[n];
        int sink = 0;
        for (int rep = -1; rep < 1; rep++) {  // rep -1 warms up
            for (int i = 0; i < n; i++) {
                System.arraycopy(test.x, (i % test.size) * f, x, 0, f);
                long start = System.nanoTime();
                sink += predictor.predict(x, probabilities);
                if (rep == 0) nanos[i] = System.nanoTime() - start;
            }
        }
        if (sink == Integer.MIN_VALUE) System.out.print("");  // keeps the JIT from dropping the work
        Arrays.sort(nanos);
        return new double[] {nanos[n / 2] / 1e3, nanos[(int) (n * 0.99)] / 1e3};
    }
}
