package org.scratchnet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scratchnet.SplitMix;
import org.scratchnet.data.Dataset;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Engine;
import org.scratchnet.nn.Initializer;
import org.scratchnet.nn.Network;
import org.scratchnet.optim.Optimizer;
import org.scratchnet.optim.OptimizerSpec;
import org.scratchnet.train.MiniBatch;
import org.scratchnet.train.Mnist;
import org.scratchnet.train.Trainer;

/**
 * The fast engine (SIMD kernels, the sparse first layer storing Wᵀ, several threads) trains the
 * same network as the reference engine (plain loops, W [out, in], one thread) to within float
 * rounding, on real MNIST, and gives the same bits on 1 and 2 threads.
 */
class FastEngineTest {

    /** Every weight and bias of a network, then their gradients of the last step, each as [out, in]. */
    private static List<float[]> numbers(Network net) {
        List<float[]> all = new ArrayList<>();
        for (int l = 0; l < net.depth(); l++) {
            all.add(net.weights(l));
            all.add(net.bias(l));
        }
        for (int l = 0; l < net.depth(); l++) {
            all.add(net.weightGradient(l));
            all.add(net.biasGradient(l));
        }
        return all;
    }

    /**
     * 40 mini-batch steps of 64 real MNIST images through 784-64-32-10 (ReLU with dropout, then
     * tanh), seeded; returns the numbers of {@link #numbers}.
     */
    private static List<float[]> trainOnMnist(Engine engine, String optimizer) {
        return trainOnMnist(engine, optimizer, 0f);
    }

    /** The same with {@code inputDropout} of the pixels dropped. */
    private static List<float[]> trainOnMnist(Engine engine, String optimizer, float inputDropout) {
        Dataset train = Mnist.get()[0];
        Network net = Network.builder(784).inputDropout(inputDropout).dense(64, Activation.RELU).dropout(0.2f).dense(32, Activation.TANH)
                .softmax(10).init(Initializer.KAIMING).seed(3).engine(engine).build();
        Optimizer opt = OptimizerSpec.parse(optimizer, optimizer.equals("adam") ? 0.002f : 0.05f).create(engine.kernels());
        int batch = 64;
        MiniBatch mini = new MiniBatch(train, batch, engine.kernels());
        int[] order = new int[train.size];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Trainer.shuffle(order, new SplitMix(9));
        for (int s = 0; s < 40; s++) {
            mini.gather(order, s * batch, batch);
            net.computeGradients(mini.x, mini.y, 0, batch);
            opt.step(net.parameters());
        }
        return numbers(net);
    }

    @Test
    void theFastEngineTrainsOnMnistLikeTheReference() {
        for (String optimizer : new String[] {"sgd", "momentum", "adam"}) {
            List<float[]> reference = trainOnMnist(Engine.reference(), optimizer);
            List<float[]> one = trainOnMnist(FastEngine.withThreads(1), optimizer);
            List<float[]> two = trainOnMnist(FastEngine.withThreads(2), optimizer);
            assertAgree(optimizer, reference, one, two);
        }
    }

    @Test
    void withInputDropoutTheFastEngineTrainsLikeTheReferenceAndTheSameOnOneTwoAndThreeThreads() {
        List<float[]> reference = trainOnMnist(Engine.reference(), "momentum", 0.2f);
        List<float[]> one = trainOnMnist(FastEngine.withThreads(1), "momentum", 0.2f);
        List<float[]> two = trainOnMnist(FastEngine.withThreads(2), "momentum", 0.2f);
        List<float[]> three = trainOnMnist(FastEngine.withThreads(3), "momentum", 0.2f);
        assertAgree("momentum, input dropout 0.2", reference, one, two);
        for (int k = 0; k < one.size(); k++) assertThat(three.get(k)).as("array %d, 1 vs 3 threads", k).containsExactly(one.get(k));
        List<float[]> without = trainOnMnist(FastEngine.withThreads(1), "momentum", 0f);
        assertThat(without.get(0)).as("the input dropout changed the training").isNotEqualTo(one.get(0));
    }

    @Test
    void theFastInputDropoutMasksRealBatchesWithTheReferencesBitsOnAnyThreadCount() {
        Dataset train = Mnist.get()[0];
        int n = 100;
        for (int threads = 1; threads <= 3; threads++) {
            org.scratchnet.nn.InputDropout reference = new org.scratchnet.nn.InputDropout(0.2f, 784, 17);
            org.scratchnet.nn.Layer fast = FastEngine.withThreads(threads).inputDropout(0.2f, 784, 17);
            for (int batch = 0; batch < 5; batch++) {
                float[] X = java.util.Arrays.copyOfRange(train.x, batch * n * 784, (batch + 1) * n * 784);
                float[] expected = reference.forward(X, n, true).clone();
                assertThat(fast.forward(X, n, true)).as("%d threads, batch %d", threads, batch).containsExactly(expected);
                assertThat(fast.forward(X, n, false)).as("evaluation").isSameAs(X);
            }
        }
    }

    @Test
    void theFastDropoutDrawsTheReferencesMasksOnAnyThreadCountAndLeavesTheGeneratorWhereItsWouldBe() {
        SplitMix values = new SplitMix(3);
        for (int threads = 1; threads <= 3; threads++) {
            org.scratchnet.nn.Dropout reference = new org.scratchnet.nn.Dropout(0.3f, 130, 17);
            org.scratchnet.nn.RandomLayer fast = (org.scratchnet.nn.RandomLayer) FastEngine.withThreads(threads).dropout(0.3f, 130, 17);
            int[] batches = {128, 1, 37, 256, 128};
            for (int b = 0; b < batches.length; b++) {
                int n = batches[b];
                float[] A = new float[n * 130];
                for (int i = 0; i < A.length; i++) A[i] = (float) values.nextDouble() - 0.25f;
                float[] dOut = new float[A.length];
                for (int i = 0; i < A.length; i++) dOut[i] = A[A.length - 1 - i];
                boolean frozen = b == 4;  // the gradient check's case: the last mask (of more rows) again
                reference.freezeMask(frozen);
                fast.freezeMask(frozen);
                float[] expected = reference.forward(A, n, true).clone();
                assertThat(fast.forward(A, n, true)).as("%d threads, batch %d", threads, b).containsExactly(expected);
                assertThat(fast.backward(dOut, n)).as("backward").containsExactly(reference.backward(dOut, n));
                assertThat(fast.random().state()).isEqualTo(reference.random().state());
                assertThat(fast.forward(A, n, false)).as("evaluation").isSameAs(A);
            }
        }
    }

    /**
     * Full-batch gradient descent on 1,000 real MNIST images, the input promised constant: the
     * first layer (10 outputs) runs over octets in the SIMD kernels, and the sigmoid and tanh
     * layers (40,000 elements a pass) are shared among the threads.
     */
    private static List<float[]> trainFullBatch(Engine engine) {
        Dataset all = Mnist.get()[0];
        int n = 1000;
        float[] X = java.util.Arrays.copyOf(all.x, n * 784);
        Network net = Network.builder(784).dense(10, Activation.RELU).dense(40, Activation.SIGMOID)
                .dense(40, Activation.TANH).softmax(10).init(Initializer.XAVIER).seed(4).engine(engine).build();
        net.assumeConstantInput(X);
        Optimizer gd = OptimizerSpec.gd(0.5f).create(engine.kernels());
        for (int s = 0; s < 10; s++) {
            net.computeGradients(X, all.labels, 0, n);
            gd.step(net.parameters());
        }
        net.assumeConstantInput(null);
        return numbers(net);
    }

    @Test
    void fullBatchTrainingOverOctetsAndSharedActivationsMatchesTheReference() {
        assertAgree("gd, full batch", trainFullBatch(Engine.reference()), trainFullBatch(FastEngine.withThreads(1)),
                trainFullBatch(FastEngine.withThreads(2)));
    }

    /**
     * The fast engine on 1 and 2 threads gives the same bits; against the reference every number
     * agrees within float rounding, measured relative to the largest of its array (the sums run
     * in another order and with fused multiply-adds).
     */
    private static void assertAgree(String what, List<float[]> reference, List<float[]> one, List<float[]> two) {
        for (int k = 0; k < reference.size(); k++) {
            assertThat(two.get(k)).as("%s array %d, 1 vs 2 threads", what, k).containsExactly(one.get(k));
            float[] r = reference.get(k), f = one.get(k);
            float largest = 0f;
            for (float v : r) largest = Math.max(largest, Math.abs(v));
            for (int i = 0; i < r.length; i++) {
                assertThat(f[i]).as("%s array %d[%d]", what, k, i).isCloseTo(r[i], within(1e-4f * largest + 1e-7f));
            }
        }
    }

    @Test
    void theSingleImagePredictorMatchesTheBatchAndIsASnapshot() {
        Dataset test = Mnist.get()[1];
        Network net = Network.builder(784).dense(64, Activation.RELU).dense(32, Activation.SIGMOID).softmax(10)
                .init(Initializer.KAIMING).seed(5).build();
        int n = 7;
        float[] X = java.util.Arrays.copyOf(test.x, n * 784);
        float[] batch = net.predictProbabilities(X, n);
        SingleImagePredictor before = SingleImagePredictor.of(net);
        float[] one = new float[10];
        float[] x = new float[784];
        for (int i = 0; i < n; i++) {
            System.arraycopy(X, i * 784, x, 0, 784);
            int best = before.predict(x, one);
            for (int c = 0; c < 10; c++) assertThat(one[c]).isCloseTo(batch[i * 10 + c], within(1e-5f));
            int argmax = 0;
            for (int c = 1; c < 10; c++) if (batch[i * 10 + c] > batch[i * 10 + argmax]) argmax = c;
            assertThat(best).isEqualTo(argmax);
        }
        // Training on moves the network, not the snapshot; a new snapshot sees the new weights.
        int[] y = {1, 2, 3, 4, 5, 6, 7};
        net.computeGradients(X, y, 0, n);
        OptimizerSpec.sgd(0.5f).create(net.engine().kernels()).step(net.parameters());
        float[] after = net.predictProbabilities(X, n);
        System.arraycopy(X, 0, x, 0, 784);
        before.predict(x, one);
        for (int c = 0; c < 10; c++) assertThat(one[c]).isCloseTo(batch[c], within(1e-5f));
        SingleImagePredictor.of(net).predict(x, one);
        for (int c = 0; c < 10; c++) assertThat(one[c]).isCloseTo(after[c], within(1e-5f));
        assertThat(SingleImagePredictor.of(net).predict(x, null)).isBetween(0, 9);
    }
    /**
     * The fast softmax (the exponentials of a block of rows taken together, SIMD on the vector
     * kernels, rows shared among the threads) gives the reference's bits: probabilities, loss,
     * arg-max and gradient, on the logits of real MNIST images through a seeded 784-10-10 network
     * (40,001 rows: several blocks per thread and a partial one), with ties, a large logit and
     * rows of equal logits among them.
     */
    @Test
    void theSoftmaxGivesTheReferenceBitsOnAnyKernelsAndThreads() {
        Dataset train = Mnist.get()[0];
        int n = 40_001, C = 10;  // past the rows below which the rows stay on one thread
        Network net = Network.builder(784).dense(10, Activation.RELU).softmax(10).init(Initializer.RANDOM).seed(5)
                .engine(Engine.reference()).build();
        float[] Z = net.logits(train.x, n, false).clone();
        for (int c = 0; c < C; c++) Z[c] = 0.25f;          // a row of ties
        Z[C + 3] = Z[C + 7] = 40f;                         // two equal maxima
        Z[2 * C + 1] = 80f;                                // a confident row
        Z[3 * C + 9] = -1e4f;                              // an exponential that underflows
        org.scratchnet.nn.SoftmaxCrossEntropy reference = new org.scratchnet.nn.SoftmaxCrossEntropy(C);
        int[] right = new int[1];
        double loss = reference.forward(Z, train.labels, 0, n, right);
        float[] A = java.util.Arrays.copyOf(reference.probabilities(), n * C);  // workspaces have room past n·C
        float[] dZ = java.util.Arrays.copyOf(reference.backward(train.labels, 0, n), n * C);
        for (int threads = 1; threads <= 3; threads++) {
            for (org.scratchnet.tensor.Kernels kernels : List.of(org.scratchnet.tensor.Kernels.create(threads),
                    new org.scratchnet.tensor.ParallelKernels(threads))) {
                FastSoftmaxCrossEntropy fast = new FastSoftmaxCrossEntropy(C, kernels);
                int[] fastRight = new int[1];
                assertThat(fast.forward(Z, train.labels, 0, n, fastRight)).as(kernels.describe()).isEqualTo(loss);
                assertThat(fastRight[0]).isEqualTo(right[0]);
                assertThat(java.util.Arrays.copyOf(fast.probabilities(), n * C)).as(kernels.describe()).isEqualTo(A);
                assertThat(java.util.Arrays.copyOf(fast.backward(train.labels, 0, n), n * C)).as(kernels.describe()).isEqualTo(dZ);
            }
        }
    }
}
