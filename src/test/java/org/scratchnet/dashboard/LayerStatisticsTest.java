package org.scratchnet.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scratchnet.data.Dataset;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Initializer;
import org.scratchnet.nn.Network;
import org.scratchnet.optim.Optimizer;
import org.scratchnet.optim.OptimizerSpec;
import org.scratchnet.train.Mnist;

/**
 * The dashboard's per-layer statistics of a real network (784-32-16-10, ReLU then tanh, on the
 * fast engine) after one plain gradient-descent step on 64 MNIST images, each against a direct
 * computation of its own: the activations by the paper's equations from the weights (Z = X Wᵀ + b,
 * A = g(Z)), dead ReLUs by counting, and the update ratio as α ||dW|| / ||W||, which is what one
 * step W := W - α dW moves the weights by. Eight units of the first layer are killed with a bias of
 * -1000, so that some ReLUs are dead for certain.
 */
class LayerStatisticsTest {
    private static final float ALPHA = 0.05f;
    private static final int[] SIZES = {784, 32, 16, 10};

    @Test
    void theStatisticsOfARealNetworkAfterOneStepAgreeWithADirectComputation() {
        Dataset mnist = Mnist.get()[0];
        Network net = Network.builder(784).dense(32, Activation.RELU).dense(16, Activation.TANH).softmax(10)
                .init(Initializer.KAIMING).seed(9).build();
        float[] b1 = net.bias(0);
        for (int j = 0; j < 8; j++) b1[3 * j] = -1000f;
        net.setBias(0, b1);

        int n = 64;
        float[] X = java.util.Arrays.copyOf(mnist.x, n * 784);
        net.computeGradients(X, mnist.labels, 0, n);
        float[][] before = new float[3][];
        float[][] dW = new float[3][];
        for (int l = 0; l < 3; l++) {
            before[l] = net.weights(l);
            dW[l] = net.weightGradient(l);
        }
        Optimizer sgd = OptimizerSpec.sgd(ALPHA).create(net.engine().kernels());
        sgd.setLearningRate(ALPHA);
        sgd.step(net.parameters());

        int probe = 200;
        float[] P = java.util.Arrays.copyOfRange(mnist.x, 1000 * 784, (1000 + probe) * 784);
        List<LayerStatistics> stats = LayerStatistics.measure(net, P, probe, before, dW);
        assertThat(stats).extracting(LayerStatistics::activation).containsExactly("relu", "tanh", "softmax");

        // The hidden activations of the updated network, by the equations, in double.
        double[][] A = new double[3][];
        A[0] = new double[probe * 784];
        for (int i = 0; i < A[0].length; i++) A[0][i] = P[i];
        for (int l = 0; l < 2; l++) {
            float[] W = net.weights(l);
            float[] b = net.bias(l);
            int in = SIZES[l], out = SIZES[l + 1];
            A[l + 1] = new double[probe * out];
            for (int i = 0; i < probe; i++) {
                for (int j = 0; j < out; j++) {
                    double z = b[j];
                    for (int k = 0; k < in; k++) z += (double) A[l][i * in + k] * W[j * in + k];
                    A[l + 1][i * out + j] = l == 0 ? Math.max(0, z) : Math.tanh(z);
                }
            }
        }
        for (int l = 0; l < 2; l++) {
            int out = SIZES[l + 1];
            double mean = 0;
            for (double a : A[l + 1]) mean += a;
            mean /= A[l + 1].length;
            double var = 0;
            for (double a : A[l + 1]) var += (a - mean) * (a - mean);
            LayerStatistics s = stats.get(l);
            assertThat(s.activationMean()).as("mean of A[%d]", l + 1).isCloseTo(mean, within(1e-4 * Math.max(1, Math.abs(mean))));
            assertThat(s.activationStd()).as("spread of A[%d]", l + 1).isCloseTo(Math.sqrt(var / A[l + 1].length), within(1e-4));
            if (l == 0) {
                int dead = 0;
                for (int j = 0; j < out; j++) {
                    boolean fired = false;
                    for (int i = 0; i < probe; i++) fired |= A[1][i * out + j] > 1e-6;
                    if (!fired) dead++;
                }
                assertThat(dead).isGreaterThanOrEqualTo(8);
                assertThat(s.deadFraction()).as("dead ReLUs").isEqualTo((double) dead / out);
            } else {
                assertThat(s.deadFraction()).as("no dead fraction for tanh").isNaN();
            }
        }
        assertThat(stats.get(2).activationMean()).as("none for the softmax layer").isNaN();

        for (int l = 0; l < 3; l++) {
            double g = 0, w = 0;
            for (float v : dW[l]) g += (double) v * v;
            for (float v : before[l]) w += (double) v * v;
            LayerStatistics s = stats.get(l);
            assertThat(s.layer()).isEqualTo(l + 1);
            assertThat(s.gradientNorm()).as("||dW[%d]||", l + 1).isCloseTo(Math.sqrt(g), within(1e-9 * Math.sqrt(g) + 1e-12));
            assertThat(s.weightNorm()).isCloseTo(Math.sqrt(w), within(1e-9 * Math.sqrt(w)));
            double ratio = ALPHA * Math.sqrt(g) / Math.sqrt(w);
            assertThat(s.updateRatio()).as("update ratio of layer %d", l + 1).isCloseTo(ratio, within(1e-3 * ratio));
            assertThat(s.updateRatio()).isBetween(1e-6, 1.0);
        }
    }
}
