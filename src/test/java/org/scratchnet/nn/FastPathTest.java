package org.scratchnet.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.scratchnet.optim.Optimizer;
import org.scratchnet.tensor.Kernels;
import org.scratchnet.tensor.ReferenceKernels;

/**
 * The fast kernels (SIMD, sparse first layer, several threads) train the same network as the
 * reference kernels to within float rounding, and give the same bits on 1 and 2 threads; the
 * single-example path agrees with the batch path.
 */
class FastPathTest {

    /** A small batch of MNIST-like inputs: about 80% zeros. */
    private static float[] pixels(int n, int features, SplittableRandom random) {
        float[] x = new float[n * features];
        for (int i = 0; i < x.length; i++) x[i] = random.nextInt(5) == 0 ? (random.nextInt(255) + 1) / 255f : 0f;
        return x;
    }

    private static List<float[]> train(Kernels kernels, String optimizer, int steps) {
        Kernels previous = Kernels.current();
        Kernels.use(kernels);
        try {
            Network net = Network.builder(50).dense(37, Activation.RELU).dropout(0.2f).dense(20, Activation.TANH)
                    .softmax(10).init(Initializer.KAIMING).seed(3).build();
            Optimizer opt = Optimizer.create(optimizer, 0.01f);
            SplittableRandom random = new SplittableRandom(9);
            for (int s = 0; s < steps; s++) {
                int n = 33;
                float[] X = pixels(n, 50, random);
                int[] y = new int[n];
                for (int i = 0; i < n; i++) y[i] = random.nextInt(10);
                net.computeGradients(X, y, 0, n);
                opt.step(net.parameters());
            }
            return net.parameters().stream().map(p -> p.value.clone()).toList();
        } finally {
            Kernels.use(previous);
        }
    }

    @Test
    void fastKernelsTrainLikeTheReference() {
        for (String optimizer : new String[] {"sgd", "momentum", "adam"}) {
            List<float[]> reference = train(new ReferenceKernels(), optimizer, 20);
            List<float[]> one = train(Kernels.create(1), optimizer, 20);
            List<float[]> two = train(Kernels.create(2), optimizer, 20);
            for (int k = 0; k < reference.size(); k++) {
                assertThat(two.get(k)).as("%s parameter %d, 1 vs 2 threads", optimizer, k).containsExactly(one.get(k));
                float[] r = reference.get(k), f = one.get(k);
                for (int i = 0; i < r.length; i++) {
                    assertThat(f[i]).as("%s parameter %d[%d]", optimizer, k, i).isCloseTo(r[i], within(1e-4f + 1e-4f * Math.abs(r[i])));
                }
            }
        }
    }

    /**
     * Full-batch gradient descent on 1,000 pixel images, the input promised constant: the first
     * layer (10 outputs) runs over octets in the SIMD kernels, and the sigmoid and tanh layers
     * (40,000 elements a pass) are shared among the threads. Returns the parameters, then the
     * gradients of the last step.
     */
    private static List<float[]> trainFullBatch(Kernels kernels) {
        Kernels previous = Kernels.current();
        Kernels.use(kernels);
        try {
            Network net = Network.builder(60).dense(10, Activation.RELU).dense(40, Activation.SIGMOID)
                    .dense(40, Activation.TANH).softmax(10).init(Initializer.XAVIER).seed(4).build();
            SplittableRandom random = new SplittableRandom(2);
            int n = 1000;
            float[] X = pixels(n, 60, random);
            int[] y = new int[n];
            for (int i = 0; i < n; i++) y[i] = random.nextInt(10);
            net.assumeConstantInput(X);
            Optimizer gd = Optimizer.create("gd", 0.5f);
            List<float[]> gradients = List.of();
            for (int s = 0; s < 10; s++) {
                net.computeGradients(X, y, 0, n);
                gradients = net.parameters().stream().map(p -> p.grad.clone()).toList();
                gd.step(net.parameters());
            }
            List<float[]> result = new java.util.ArrayList<>(net.parameters().stream().map(p -> p.value.clone()).toList());
            result.addAll(gradients);
            return result;
        } finally {
            Kernels.use(previous);
        }
    }

    @Test
    void fullBatchTrainingOverOctetsAndSharedActivationsMatchesTheReference() {
        List<float[]> reference = trainFullBatch(new ReferenceKernels());
        List<float[]> one = trainFullBatch(Kernels.create(1));
        List<float[]> two = trainFullBatch(Kernels.create(2));
        for (int k = 0; k < reference.size(); k++) {
            assertThat(two.get(k)).as("parameter %d, 1 vs 2 threads", k).containsExactly(one.get(k));
            float[] r = reference.get(k), f = one.get(k);
            float largest = 0f;  // gradients are compared relative to the largest of their array
            for (float v : r) largest = Math.max(largest, Math.abs(v));
            for (int i = 0; i < r.length; i++) {
                assertThat(f[i]).as("parameter or gradient %d[%d]", k, i).isCloseTo(r[i], within(1e-4f * largest + 1e-7f));
            }
        }
    }

    @Test
    void oneExampleAtATimeMatchesTheBatch() {
        Network net = Network.builder(784).dense(64, Activation.RELU).dense(32, Activation.SIGMOID).softmax(10)
                .init(Initializer.KAIMING).seed(5).build();
        SplittableRandom random = new SplittableRandom(1);
        int n = 7;
        float[] X = pixels(n, 784, random);
        float[] batch = net.predictProbabilities(X, n);
        float[] one = new float[10];
        float[] x = new float[784];
        for (int i = 0; i < n; i++) {
            System.arraycopy(X, i * 784, x, 0, 784);
            int best = net.predictOne(x, one);
            for (int c = 0; c < 10; c++) assertThat(one[c]).isCloseTo(batch[i * 10 + c], within(1e-5f));
            int argmax = 0;
            for (int c = 1; c < 10; c++) if (batch[i * 10 + c] > batch[i * 10 + argmax]) argmax = c;
            assertThat(best).isEqualTo(argmax);
        }
        // After an update the single-example path sees the new weights.
        int[] y = {1, 2, 3, 4, 5, 6, 7};
        net.computeGradients(X, y, 0, n);
        Optimizer.create("sgd", 0.5f).step(net.parameters());
        float[] after = net.predictProbabilities(X, n);
        System.arraycopy(X, 0, x, 0, 784);
        net.predictOne(x, one);
        for (int c = 0; c < 10; c++) assertThat(one[c]).isCloseTo(after[c], within(1e-5f));
        assertThat(net.predictOne(x, null)).isBetween(0, 9);
    }
}
