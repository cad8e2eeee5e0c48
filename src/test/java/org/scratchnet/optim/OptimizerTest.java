package org.scratchnet.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scratchnet.nn.Parameter;
import org.scratchnet.tensor.Kernels;
import org.scratchnet.tensor.ReferenceKernels;

class OptimizerTest {
    private static final Kernels KERNELS = new ReferenceKernels();


    private static Parameter param(float value, float grad) {
        Parameter p = new Parameter("p", 1);
        p.value[0] = value;
        p.grad[0] = grad;
        return p;
    }

    @Test
    void gradientDescentStep() {
        Parameter p = param(1.0f, 0.5f);
        new GradientDescent(KERNELS, 0.1f).step(List.of(p));
        assertThat(p.value[0]).isCloseTo(0.95f, within(1e-7f));  // 1 - 0.1*0.5
    }

    @Test
    void momentumTwoSteps() {
        Parameter p = param(1.0f, 0.5f);
        Optimizer m = new Momentum(KERNELS, 0.1f, 0.9f);
        m.step(List.of(p));  // v = 0.5, w = 1 - 0.05 = 0.95
        assertThat(p.value[0]).isCloseTo(0.95f, within(1e-7f));
        m.step(List.of(p));  // v = 0.45 + 0.5 = 0.95, w = 0.95 - 0.095 = 0.855
        assertThat(p.value[0]).isCloseTo(0.855f, within(1e-6f));
    }

    @Test
    void adamFirstStepMovesByLearningRateTimesSign() {
        Parameter pos = param(1.0f, 0.5f);
        Parameter neg = param(1.0f, -3e-3f);
        Optimizer adam = new Adam(KERNELS, 0.01f, 0.9f, 0.999f, 1e-8f);
        adam.step(List.of(pos, neg));
        // m̂ = g, v̂ = g², step = lr · g / (|g| + eps) ≈ lr · sign(g)
        assertThat(pos.value[0]).isCloseTo(0.99f, within(1e-6f));
        assertThat(neg.value[0]).isCloseTo(1.01f, within(1e-6f));
        // second step with the same gradient: m̂ = g, v̂ = g² again -> another lr
        adam.step(List.of(pos, neg));
        assertThat(pos.value[0]).isCloseTo(0.98f, within(1e-5f));
        assertThat(neg.value[0]).isCloseTo(1.02f, within(1e-5f));
    }

    @Test
    void adamSecondStepWithChangedGradientHandComputed() {
        Parameter p = param(0f, 1f);
        Adam adam = new Adam(KERNELS, 0.1f, 0.9f, 0.999f, 1e-8f);
        adam.step(List.of(p));   // w = -0.1
        p.grad[0] = 0f;
        adam.step(List.of(p));
        // m = 0.09, v = 0.000999; m̂ = 0.09/0.19 = 0.473684, v̂ = 0.000999/0.001999 = 0.49975
        // step = 0.1 * 0.473684 / 0.706930 = 0.0670057
        assertThat(p.value[0]).isCloseTo(-0.1f - 0.0670057f, within(1e-5f));
    }
}
