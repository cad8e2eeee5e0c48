package org.scratchnet.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scratchnet.check.GradientCheck;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.ActivationStage;
import org.scratchnet.nn.Architecture;
import org.scratchnet.nn.Engine;
import org.scratchnet.nn.Initializer;
import org.scratchnet.nn.Layer;
import org.scratchnet.nn.Linear;
import org.scratchnet.nn.Loss;
import org.scratchnet.nn.Network;
import org.scratchnet.tensor.Kernels;
import org.scratchnet.train.Mnist;

/**
 * The explanation's gradient check can fail: a network whose ReLU passes the error back
 * everywhere (ReLU' = 1, the kink forgotten), built by an engine that is the reference one but
 * for that layer, is explained as any other, and its check fails at the first layer, the one
 * behind the wrong derivative, while the output layer's gradients, which do not pass through
 * it, stay right. The same network with the right ReLU passes.
 */
class WrongDerivativeTest {

    /** ReLU forward, but backward as if its derivative were 1 everywhere. */
    static final class ReluWithoutKink implements ActivationStage {
        private final int width;
        private float[] A;

        ReluWithoutKink(int width) {
            this.width = width;
        }

        @Override
        public float[] forward(float[] Z, int n, boolean training) {
            A = new float[n * width];
            for (int i = 0; i < A.length; i++) A[i] = Math.max(0f, Z[i]);
            return A;
        }

        @Override
        public float[] backward(float[] dA, int n) {
            return dA.clone();  // the wrong derivative: dZ = dA ⊙ 1
        }

        @Override public Activation activation() { return Activation.RELU; }
        @Override public float[] output() { return A; }
        @Override public int inputSize() { return width; }
        @Override public int outputSize() { return width; }
        @Override public String describe() { return "relu without its kink"; }
    }

    /** The reference engine with the wrong ReLU. */
    static final class WrongEngine implements Engine {
        private final Engine reference = Engine.reference();

        @Override public Linear dense(int index, int in, int out) { return reference.dense(index, in, out); }
        @Override public Layer activation(Activation g, int width) { return new ReluWithoutKink(width); }
        @Override public Layer dropout(float rate, int width, long seed) { return reference.dropout(rate, width, seed); }
        @Override public Loss softmaxCrossEntropy(int classes) { return reference.softmaxCrossEntropy(classes); }
        @Override public Kernels kernels() { return reference.kernels(); }
        @Override public String describe() { return "reference, with ReLU' = 1"; }
    }

    static final Architecture ARCHITECTURE = new Architecture(new int[] {784, 16, 10}, new Activation[] {Activation.RELU}, new float[] {0f});

    static Explanation explain(Engine engine) {
        return Explanation.of(() -> Network.create(ARCHITECTURE, Initializer.KAIMING, 3, engine),
                FirstBatch.of(Mnist.get()[0], 8, 3), 0.1f, new Explanation.Origin("init kaiming, seed 3", Initializer.KAIMING, "MNIST", 3));
    }

    @Test
    void aWrongReluDerivativeFailsTheCheckAtTheLayerBehindIt() {
        Explanation wrong = explain(new WrongEngine());
        assertThat(wrong.check().passed()).isFalse();
        Map<String, Double> worst = new java.util.HashMap<>();
        for (GradientCheck.Result r : wrong.check().results()) worst.put(r.parameter(), r.worstRelativeError());
        assertThat(worst.get("layers.0.weight")).as("W[1], behind the wrong derivative").isGreaterThan(2 * GradientCheck.THRESHOLD);
        assertThat(worst.get("layers.0.bias")).as("b[1]").isGreaterThan(2 * GradientCheck.THRESHOLD);
        assertThat(worst.get("layers.1.weight")).as("W[2]").isLessThan(GradientCheck.THRESHOLD);
        assertThat(worst.get("layers.1.bias")).as("b[2]").isLessThan(GradientCheck.THRESHOLD);
        assertThat(TerminalText.of(wrong)).containsPattern("GRADIENT CHECK FAILED at [Wb]\\[1\\]");

        Explanation right = explain(Engine.reference());
        assertThat(right.check().passed()).as("%s", right.check().results()).isTrue();
    }
}
