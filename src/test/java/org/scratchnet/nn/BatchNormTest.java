package org.scratchnet.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scratchnet.check.GradientCheck;
import org.scratchnet.engine.FastEngine;

/**
 * Batch normalisation and Gaussian noise (Rasmus et al. 2015's supervised baseline): the layer
 * normalises each unit over the batch as its header says, its backward pass matches finite
 * differences (γ, β and everything before it, with the noise frozen), the two engines compute the
 * same numbers, and the plain network a model file saves ({@link Network#folded()}) computes what
 * the network computes at evaluation.
 */
class BatchNormTest {
    private static final int BATCH = 8;
    /**
     * The finite differences' step: normalising over a batch of 8 makes the loss curve more than a
     * plain network's, so the default 1e-2 meets that curvature in the first layer's weights (worst
     * relative error 0.065 with noise, 0.005 at 3e-3 and 0.0004 at 1e-3: it shrinks with the step,
     * as curvature does and a wrong derivative would not). The biases before a normalisation have a
     * true gradient of 0 (the batch's mean takes them away), so theirs are rounding: up to 0.03 here.
     */
    private static final double STEP = 3e-3;

    private static float[] inputs(int n, int features, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * features];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        return x;
    }

    private static int[] labels(int n, int classes, long seed) {
        Random r = new Random(seed);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = r.nextInt(classes);
        return y;
    }

    private static Network network(Activation g, float noise, Engine engine) {
        return Network.builder(6).noise(noise).batchNorm().dense(8, g).dense(6, g).softmax(3)
                .init(Initializer.XAVIER).seed(11).engine(engine).build();
    }

    @Test
    void inTrainingEachUnitComesOutWithMeanBetaAndStandardDeviationGamma() {
        BatchNorm norm = new BatchNorm(0, 3, 0f, 1);
        for (int j = 0; j < 3; j++) {
            norm.gamma().value[j] = 2f + j;
            norm.beta().value[j] = -1f + j;
        }
        float[] Z = inputs(50, 3, 4);
        for (int i = 0; i < Z.length; i++) Z[i] = Z[i] * 7f + 30f;  // far from normalised
        float[] out = norm.forward(Z, 50, true);
        for (int j = 0; j < 3; j++) {
            double sum = 0, squares = 0;
            for (int i = 0; i < 50; i++) sum += out[i * 3 + j];
            double mean = sum / 50;
            for (int i = 0; i < 50; i++) squares += (out[i * 3 + j] - mean) * (out[i * 3 + j] - mean);
            assertThat(mean).as("unit %d mean", j).isCloseTo(-1.0 + j, within(1e-5));
            assertThat(Math.sqrt(squares / 50)).as("unit %d standard deviation", j).isCloseTo(2.0 + j, within(1e-3));
        }
        // The running statistics moved a tenth of the way from (0, 1) towards the batch's (about 30 and 49).
        assertThat(norm.runningMean()[0]).isBetween(2.5f, 3.5f);
        assertThat(norm.runningVariance()[0]).isBetween(0.9f + 3f, 0.9f + 7f);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.scratchnet.nn.BothEngines#engines")
    void backpropMatchesFiniteDifferencesWithTheNoiseFrozen(Engine engine) {
        for (Activation g : new Activation[] {Activation.TANH, Activation.RELU}) {
            for (float noise : new float[] {0f, 0.3f}) {
                Network net = network(g, noise, engine);
                List<GradientCheck.Result> results = new GradientCheck(STEP, 30).check(net, inputs(BATCH, 6, 1), labels(BATCH, 3, 2), BATCH, 3);
                assertThat(results).as("W, b of three layers and γ, β of three normalisations").hasSize(12);
                int checked = 0;
                for (GradientCheck.Result r : results) {
                    checked += r.checked();
                    assertThat(r.worstRelativeError()).as("%s noise %s: %s", g, noise, r.parameter()).isLessThan(5e-2);
                }
                assertThat(checked).as("%s noise %s: entries checked", g, noise).isGreaterThan(40);
            }
        }
    }

    @Test
    void aWrongGammaGradientIsCaught() {
        Network net = network(Activation.TANH, 0f, Engine.reference());
        float[] X = inputs(BATCH, 6, 1);
        int[] y = labels(BATCH, 3, 2);
        Differentiable halfGamma = new Differentiable() {
            @Override
            public double computeGradients(float[] x, int[] labels, int offset, int n) {
                double loss = net.computeGradients(x, labels, offset, n);
                float[] g = net.batchNorms().get(0).gamma().grad;
                for (int j = 0; j < g.length; j++) g[j] *= 0.5f;
                return loss;
            }

            @Override
            public void freezeDropoutMasks(boolean frozen) {
                net.freezeDropoutMasks(frozen);
            }

            @Override
            public List<Parameter> parameters() {
                return net.parameters();
            }
        };
        GradientCheck.Result gamma = new GradientCheck().check(halfGamma, X, y, BATCH, 3).stream()
                .filter(r -> r.parameter().equals("batchnorm.0.weight")).findFirst().orElseThrow();
        assertThat(gamma.worstRelativeError()).isGreaterThan(0.2);
    }

    @Test
    void theFastEngineComputesWhatTheReferenceDoes() {
        Network reference = network(Activation.RELU, 0.3f, Engine.reference());
        Network fast = network(Activation.RELU, 0.3f, FastEngine.withThreads(2));
        float[] X = inputs(64, 6, 5);
        int[] y = labels(64, 3, 6);
        for (int step = 0; step < 3; step++) {
            double a = reference.computeGradients(X, y, 0, 64), b = fast.computeGradients(X, y, 0, 64);
            assertThat(b).isCloseTo(a, within(1e-4 * Math.abs(a)));
            List<Parameter> p = reference.parameters(), q = fast.parameters();
            for (int k = 0; k < p.size(); k++) {
                if (q.get(k).name.endsWith(".T")) continue;  // the fast first layer stores Wᵀ: compared through weightGradient below
                for (int i = 0; i < p.get(k).size(); i++) {
                    assertThat(q.get(k).grad[i]).as("%s[%d]", p.get(k).name, i).isCloseTo(p.get(k).grad[i], within(1e-5f));
                }
            }
            float[] dW = reference.weightGradient(0), dWfast = fast.weightGradient(0);
            for (int i = 0; i < dW.length; i++) assertThat(dWfast[i]).isCloseTo(dW[i], within(1e-5f));
        }
        float[] pr = reference.predictProbabilities(X, 64), pf = fast.predictProbabilities(X, 64);
        for (int i = 0; i < pr.length; i++) assertThat(pf[i]).isCloseTo(pr[i], within(1e-6f));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.scratchnet.nn.BothEngines#engines")
    void theFoldedPlainNetworkComputesWhatTheNetworkDoesAtEvaluation(Engine engine) {
        Network net = network(Activation.RELU, 0.3f, engine);
        float[] X = inputs(64, 6, 7);
        int[] y = labels(64, 3, 8);
        // A few steps of gradient descent, so that γ, β and the running statistics are far from where they start.
        for (int step = 0; step < 30; step++) {
            net.computeGradients(X, y, 0, 64);
            for (Parameter p : net.parameters()) for (int i = 0; i < p.size(); i++) p.value[i] -= 0.1f * p.grad[i];
        }
        BatchNorm first = net.batchNorms().get(0);
        assertThat(first.runningMean()[0]).isNotZero();
        assertThat(first.gamma().value[0]).isNotEqualTo(1f);

        Network plain = net.folded();
        assertThat(plain.batchNorms()).isEmpty();
        assertThat(plain.architecture()).isEqualTo(net.architecture().forInference());
        assertThat(plain.architecture().noise()).isZero();
        assertThat(plain.layers()).noneMatch(l -> l instanceof BatchNorm || l instanceof GaussianNoise);
        float[] expected = net.predictProbabilities(X, 64), folded = plain.predictProbabilities(X, 64);
        for (int i = 0; i < expected.length; i++) assertThat(folded[i]).as("probability %d", i).isCloseTo(expected[i], within(2e-6f));
        // and not what training computes: the batch's own statistics and the noise are gone
        float[] training = java.util.Arrays.copyOf(net.logits(X, 64, true), 64 * 3);
        float[] evaluation = java.util.Arrays.copyOf(net.logits(X, 64, false), 64 * 3);
        assertThat(java.util.Arrays.equals(training, evaluation)).isFalse();
    }

    /**
     * The fast engine shares a normalisation's units, and the noise's values, out among its
     * threads: forward and backward give the one-thread layer's numbers to the bit (an odd width,
     * so that the noise's last pair of a row straddles two rows).
     */
    @Test
    void sharedOutAmongThreadsTheLayersGiveTheSameBits() {
        int n = 37, width = 101;
        float[] Z = inputs(n, width, 12), dOut = inputs(n, width, 13);
        org.scratchnet.tensor.Kernels two = FastEngine.withThreads(2).kernels();
        for (boolean training : new boolean[] {true, false}) {
            BatchNorm one = new BatchNorm(0, width, 0.3f, 77), shared = new BatchNorm(0, width, 0.3f, 77, two);
            for (int j = 0; j < width; j++) {
                one.gamma().value[j] = shared.gamma().value[j] = 1f + j / 50f;
                one.beta().value[j] = shared.beta().value[j] = j / 100f - 0.5f;
            }
            float[] a = java.util.Arrays.copyOf(one.forward(Z, n, true), n * width);
            float[] b = java.util.Arrays.copyOf(shared.forward(Z, n, true), n * width);
            assertThat(java.util.Arrays.equals(a, b)).as("training forward").isTrue();
            assertThat(java.util.Arrays.equals(one.runningMean(), shared.runningMean())).isTrue();
            assertThat(java.util.Arrays.equals(one.runningVariance(), shared.runningVariance())).isTrue();
            if (training) {
                float[] da = java.util.Arrays.copyOf(one.backward(dOut, n), n * width);
                float[] db = java.util.Arrays.copyOf(shared.backward(dOut, n), n * width);
                assertThat(java.util.Arrays.equals(da, db)).as("dZ").isTrue();
                assertThat(java.util.Arrays.equals(one.gamma().grad, shared.gamma().grad)).as("dγ").isTrue();
                assertThat(java.util.Arrays.equals(one.beta().grad, shared.beta().grad)).as("dβ").isTrue();
            } else {
                float[] ea = java.util.Arrays.copyOf(one.forward(Z, n, false), n * width);
                float[] eb = java.util.Arrays.copyOf(shared.forward(Z, n, false), n * width);
                assertThat(java.util.Arrays.equals(ea, eb)).as("evaluation forward").isTrue();
            }
        }
        float[] noisy = java.util.Arrays.copyOf(new GaussianNoise(0.3f, width, 5, two).forward(Z, n, true), n * width);
        long key = new org.scratchnet.SplitMix(5).nextLong();
        for (int e = 0; e < n * width; e++) {
            float expected = Z[e] + 0.3f * org.scratchnet.SplitMix.normalAt(key, e);
            if (noisy[e] != expected) throw new AssertionError("element " + e + ": " + noisy[e] + " != normalAt's " + expected);
        }
    }

    @Test
    void aNetworkWithoutBatchNormalisationFoldsToItself() {
        Network net = Network.builder(6).dense(8, Activation.RELU).softmax(3).seed(3).build();
        assertThat(net.folded()).isSameAs(net);
        assertThat(net.buffers()).isEmpty();
    }

    @Test
    void noiseIsAddedInTrainingOnlyWithTheAskedStandardDeviation() {
        float[] X = inputs(1000, 20, 9);
        GaussianNoise noise = new GaussianNoise(0.3f, 20, 42);
        assertThat(noise.forward(X, 1000, false)).isSameAs(X);
        assertThat(new GaussianNoise(0f, 20, 42).forward(X, 1000, true)).isSameAs(X);
        float[] out = noise.forward(X, 1000, true);
        double sum = 0, squares = 0;
        for (int i = 0; i < X.length; i++) {
            double e = out[i] - X[i];
            sum += e;
            squares += e * e;
        }
        double mean = sum / X.length;
        assertThat(mean).isCloseTo(0, within(0.3 * 4 / Math.sqrt(X.length)));
        assertThat(Math.sqrt(squares / X.length - mean * mean)).isCloseTo(0.3, within(0.01));
        // Workspaces are longer than the batch (slack): compare the batch's values only.
        float[] again = java.util.Arrays.copyOf(out, X.length);
        assertThat(java.util.Arrays.equals(java.util.Arrays.copyOf(noise.forward(X, 1000, true), X.length), again))
                .as("the next batch draws anew").isFalse();
        assertThat(java.util.Arrays.equals(java.util.Arrays.copyOf(new GaussianNoise(0.3f, 20, 42).forward(X, 1000, true), X.length),
                again)).as("the same seed, the same draws").isTrue();
        assertThat(noise.backward(again, 1000)).as("dX = dOut").isSameAs(again);
    }

    @Test
    void noiseAndBatchNormalisationAreInTheArchitectureAndItsText() {
        Network net = Network.builder(784).noise(0.3f).batchNorm().dense(16, Activation.RELU).softmax(10).seed(1).build();
        assertThat(net.architecture().noise()).isEqualTo(0.3f);
        assertThat(net.architecture().batchNorm()).isTrue();
        assertThat(net.architecture().toString()).isEqualTo("784-16-10 relu,softmax dropout 0 noise 0.3 batch norm");
        assertThat(net.parameters()).extracting(p -> p.name).endsWith("batchnorm.0.weight", "batchnorm.0.bias",
                "batchnorm.1.weight", "batchnorm.1.bias");
        assertThat(net.buffers()).hasSize(4);
        assertThat(net.dropoutGenerators()).as("the input's noise and each normalisation's").hasSize(3);
    }
}
