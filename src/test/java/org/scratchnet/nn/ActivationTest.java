package org.scratchnet.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.scratchnet.UserException;

class ActivationTest {

    @Test
    void sigmoidAtKnownPoints() {
        assertThat(Activation.SIGMOID.apply(0f)).isEqualTo(0.5f);
        assertThat(Activation.SIGMOID.derivative(0f)).isEqualTo(0.25f);
        // sigmoid(1) = 1/(1+e^-1) = 0.7310586
        assertThat(Activation.SIGMOID.apply(1f)).isCloseTo(0.7310586f, within(1e-6f));
        assertThat(Activation.SIGMOID.apply(-1f)).isCloseTo(0.2689414f, within(1e-6f));
    }

    @Test
    void sigmoidSaturatesWithoutOverflow() {
        float hi = Activation.SIGMOID.apply(100f);
        float lo = Activation.SIGMOID.apply(-100f);
        assertThat(hi).isFinite().isCloseTo(1f, within(1e-6f));
        assertThat(lo).isFinite().isCloseTo(0f, within(1e-6f)).isGreaterThanOrEqualTo(0f);
        assertThat(Activation.SIGMOID.derivative(100f)).isFinite().isCloseTo(0f, within(1e-6f));
        assertThat(Activation.SIGMOID.derivative(-100f)).isFinite().isCloseTo(0f, within(1e-6f));
        assertThat(Activation.SIGMOID.apply(-1000f)).isEqualTo(0f);
    }

    @Test
    void tanhAtKnownPoints() {
        assertThat(Activation.TANH.apply(0f)).isEqualTo(0f);
        assertThat(Activation.TANH.derivative(0f)).isEqualTo(1f);
        // tanh(1) = 0.7615942, tanh'(1) = 1 - 0.58002 = 0.4199743
        assertThat(Activation.TANH.apply(1f)).isCloseTo(0.7615942f, within(1e-6f));
        assertThat(Activation.TANH.derivative(1f)).isCloseTo(0.4199743f, within(1e-6f));
    }

    @Test
    void reluAtKnownPoints() {
        assertThat(Activation.RELU.apply(-1f)).isEqualTo(0f);
        assertThat(Activation.RELU.apply(2f)).isEqualTo(2f);
        assertThat(Activation.RELU.derivative(-1f)).isEqualTo(0f);
        assertThat(Activation.RELU.derivative(2f)).isEqualTo(1f);
    }

    @Test
    void derivativeFromOutputAgreesWithDerivative() {
        for (Activation g : Activation.values()) {
            for (float z = -5f; z <= 5f; z += 0.37f) {
                assertThat(g.derivativeFromOutput(g.apply(z))).as("%s at %s", g, z)
                        .isCloseTo(g.derivative(z), within(1e-6f));
                // and with a centred finite difference in double precision
                double h = 1e-3;
                double numeric = (g.apply((float) (z + h)) - g.apply((float) (z - h))) / (2 * h);
                assertThat((double) g.derivative(z)).as("%s' at %s", g, z).isCloseTo(numeric, within(2e-3));
            }
        }
    }

    @Test
    void activationLayerBackwardMultipliesByDerivative() {
        ActivationLayer layer = new ActivationLayer(Activation.TANH, 3);
        float[] a = layer.forward(new float[] {0f, 1f, -1f}, 1, true);
        assertThat(a[1]).isCloseTo(0.7615942f, within(1e-6f));
        float[] dz = layer.backward(new float[] {2f, 2f, 2f}, 1);
        assertThat(dz[0]).isCloseTo(2f, within(1e-6f));
        assertThat(dz[1]).isCloseTo(0.8399486f, within(1e-5f));
        assertThat(dz[2]).isCloseTo(0.8399486f, within(1e-5f));
    }

    @Test
    void parseAcceptsNamesAndRejectsOthers() {
        assertThat(Activation.parse("relu")).isEqualTo(Activation.RELU);
        assertThat(Activation.parse(" Sigmoid ")).isEqualTo(Activation.SIGMOID);
        assertThat(Activation.parse("TANH")).isEqualTo(Activation.TANH);
        assertThatThrownBy(() -> Activation.parse("softmax"))
                .isInstanceOf(UserException.class).hasMessageContaining("softmax").hasMessageContaining("relu");
        assertThatThrownBy(() -> Activation.parse("")).isInstanceOf(UserException.class);
    }
}
