package org.scratchnet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.scratchnet.SplitMix;
import org.scratchnet.data.Dataset;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Engine;
import org.scratchnet.nn.Initializer;
import org.scratchnet.nn.Layer;
import org.scratchnet.nn.Linear;
import org.scratchnet.nn.Loss;
import org.scratchnet.nn.Network;
import org.scratchnet.nn.NetworkBuilder;
import org.scratchnet.optim.Optimizer;
import org.scratchnet.optim.OptimizerSpec;
import org.scratchnet.tensor.Kernels;
import org.scratchnet.train.MiniBatch;
import org.scratchnet.train.Mnist;
import org.scratchnet.train.Trainer;

/**
 * The fast engine computes each activation in the write-out of the product before it, and its
 * derivative in the write-out of the next layer's input gradient ({@link FastEngine#connect}).
 * Fused, a network gives the bits it gives with its layers apart (each pass its own kernel call,
 * as before the fusion), on 1, 2 and 3 threads, equals the reference within float rounding,
 * and makes fewer parallel calls per step: four fewer for W2's 784-512-512-10 on two threads (its
 * two ReLUs forward and backward; the bias gradients beside the weight gradients are the
 * kernels' business, see {@code KernelContractTest}).
 */
class FusedLayersTest {

    /** The fast engine's layers, left apart: {@link Engine#connect} does nothing. */
    private static Engine apart(FastEngine fast) {
        return new Engine() {
            @Override
            public Linear dense(int index, int in, int out) {
                return fast.dense(index, in, out);
            }

            @Override
            public Layer activation(Activation g, int width) {
                return fast.activation(g, width);
            }

            @Override
            public Layer dropout(float rate, int width, long seed) {
                return fast.dropout(rate, width, seed);
            }

            @Override
            public Loss softmaxCrossEntropy(int classes) {
                return fast.softmaxCrossEntropy(classes);
            }

            @Override
            public Kernels kernels() {
                return fast.kernels();
            }

            @Override
            public String describe() {
                return "fast, layers apart";
            }
        };
    }

    /** Networks whose activations meet the fusions every way: ReLU both ways, sigmoid and tanh, dropout between. */
    private static final List<Supplier<NetworkBuilder>> SHAPES = List.of(
            () -> Network.builder(784).dense(64, Activation.RELU).dense(48, Activation.RELU).softmax(10),
            () -> Network.builder(784).dense(40, Activation.SIGMOID).dense(33, Activation.TANH).dense(20, Activation.RELU).softmax(10),
            () -> Network.builder(784).dense(64, Activation.RELU).dropout(0.2f).dense(32, Activation.RELU).softmax(10));

    /** Every weight and bias, their gradients of the last step, the last batch's logits and hidden activations. */
    private static List<float[]> trainAndRead(Supplier<NetworkBuilder> shape, Engine engine) {
        Dataset train = Mnist.get()[0];
        Network net = shape.get().init(Initializer.KAIMING).seed(11).engine(engine).build();
        Optimizer momentum = OptimizerSpec.momentum(0.05f).create(engine.kernels());
        int batch = 100;
        MiniBatch mini = new MiniBatch(train, batch, engine.kernels());
        int[] order = new int[train.size];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Trainer.shuffle(order, new SplitMix(5));
        for (int s = 0; s < 6; s++) {
            mini.gather(order, s * batch, batch);
            net.computeGradients(mini.x, mini.y, 0, batch);
            momentum.step(net.parameters());
        }
        List<float[]> all = new ArrayList<>();
        for (int l = 0; l < net.depth(); l++) {
            all.add(net.weights(l));
            all.add(net.bias(l));
            all.add(net.weightGradient(l));
            all.add(net.biasGradient(l));
        }
        all.add(java.util.Arrays.copyOf(net.logits(mini.x, batch, false), batch * 10));
        all.addAll(net.hiddenActivations(mini.x, 7));
        return all;
    }

    @Test
    void fusedLayersGiveTheBitsOfTheLayersApartOnAnyThreadsAndTheReferenceWithinRounding() {
        for (Supplier<NetworkBuilder> shape : SHAPES) {
            String name = shape.get().architecture().toString();
            List<float[]> reference = trainAndRead(shape, Engine.reference());
            List<float[]> apart = trainAndRead(shape, apart(FastEngine.withThreads(2)));
            for (int threads = 1; threads <= 3; threads++) {
                List<float[]> fused = trainAndRead(shape, FastEngine.withThreads(threads));
                for (int k = 0; k < apart.size(); k++) {
                    assertThat(fused.get(k)).as("%s, array %d: fused on %d threads against apart on 2", name, k, threads)
                            .containsExactly(apart.get(k));
                    float[] r = reference.get(k), f = fused.get(k);
                    float largest = 0f;
                    for (float v : r) largest = Math.max(largest, Math.abs(v));
                    for (int i = 0; i < r.length; i++) {
                        if (Math.abs(f[i] - r[i]) > 1e-4f * largest + 1e-7f) {
                            assertThat(f[i]).as("%s, array %d[%d] against the reference", name, k, i)
                                    .isCloseTo(r[i], within(1e-4f * largest + 1e-7f));
                        }
                    }
                }
            }
        }
    }

    /** Parallel calls in one W2 step (784-512-512-10, batch 128) on two threads. */
    private static long callsPerW2Step(Engine engine) {
        Dataset train = Mnist.get()[0];
        Network net = Network.builder(784).dense(512, Activation.RELU).dense(512, Activation.RELU).softmax(10)
                .init(Initializer.KAIMING).seed(1).engine(engine).build();
        int batch = 128;
        float[] X = java.util.Arrays.copyOf(train.x, batch * 784);
        net.computeGradients(X, train.labels, 0, batch);
        long before = engine.kernels().parallelCalls();
        net.computeGradients(X, train.labels, 0, batch);
        return engine.kernels().parallelCalls() - before;
    }

    @Test
    void aW2StepMakesFourParallelCallsFewerFused() {
        FastEngine fast = FastEngine.withThreads(2);
        long apart = callsPerW2Step(apart(fast)), fused = callsPerW2Step(fast);
        // Two ReLUs of 65,536 units forward and two backward: each was a call of its own.
        assertThat(apart - fused).as("%d calls apart, %d fused", apart, fused).isEqualTo(4);
    }
}
