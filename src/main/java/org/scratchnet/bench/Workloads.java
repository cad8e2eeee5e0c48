package org.scratchnet.bench;

import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Engine;
import org.scratchnet.nn.Initializer;
import org.scratchnet.nn.Network;

/**
 * The standard workloads, defined once here and mirrored exactly by the peer scripts in
 * {@code bench/peers/}.
 *
 * <pre>
 *   W1  the paper's baseline: 784-10-10 ReLU/softmax, U(-0.5, 0.5) init, full-batch gradient
 *       descent on all 60,000 training images, α = 0.1, 500 iterations
 *   W2  throughput: 784-512-512-10 ReLU/softmax, Kaiming init, mini-batches of 128 (the last,
 *       partial batch of an epoch dropped: 468 per epoch), SGD with momentum 0.9, α = 0.05;
 *       one warm-up epoch, then one timed epoch; inference at batch 1000 over the 10,000 test
 *       images; single-image latency
 * </pre>
 */
public final class Workloads {
    public static final long SEED = 1;

    public static final int W1_ITERATIONS = 500;
    public static final float W1_LEARNING_RATE = 0.1f;

    public static final int W2_BATCH = 128;
    public static final float W2_LEARNING_RATE = 0.05f;
    public static final int W2_INFER_BATCH = 1000;
    public static final int W2_LATENCY_SAMPLES = 5000;

    private Workloads() {}

    public static Network w1Network(Engine engine) {
        return Network.builder(784).dense(10, Activation.RELU).softmax(10).init(Initializer.RANDOM).seed(SEED).engine(engine).build();
    }

    public static Network w2Network(Engine engine) {
        return Network.builder(784).dense(512, Activation.RELU).dense(512, Activation.RELU).softmax(10)
                .init(Initializer.KAIMING).seed(SEED).engine(engine).build();
    }

    /** Multiply-adds of one forward pass of one example: the sum of in x out over the dense layers. */
    public static long forwardMacs(Network net) {
        long macs = 0;
        for (var d : net.linearLayers()) macs += (long) d.inputSize() * d.outputSize();
        return macs;
    }

    /**
     * FLOPs of one training example, by the usual convention: a forward pass is 2 FLOPs per
     * multiply-add, and training (forward, input gradient, weight gradient) three forward passes.
     * Work the fast path skips (zero pixels, the first layer's unused input gradient) still counts,
     * so GFLOP/s measures throughput in the units everyone uses, not the work actually done.
     */
    public static double trainingFlopsPerExample(Network net) {
        return 3.0 * 2 * forwardMacs(net);
    }
}
