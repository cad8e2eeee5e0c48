package org.scratchnet.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scratchnet.nn.Parameter;
import org.scratchnet.optim.OptimizerSpec.Setting;
import org.scratchnet.tensor.Kernels;
import org.scratchnet.tensor.ReferenceKernels;

/**
 * Each optimiser's first steps on a one-element parameter, against values worked out by hand from
 * the update rule in the optimiser's header (the arithmetic is in the comments).
 */
class OptimizerTest {
    private static final Kernels KERNELS = new ReferenceKernels();

    private static Parameter param(float value, float grad) {
        Parameter p = new Parameter("p", 1);
        p.value[0] = value;
        p.grad[0] = grad;
        return p;
    }

    private static Optimizer create(OptimizerSpec spec) {
        return spec.create(KERNELS);
    }

    /**
     * Every optimiser updates several parameters in one call of the kernels' threads (laid end to
     * end, cut into ranges that straddle the parameters): each element as it would be updated
     * with its parameter alone, to the bit, on any number of threads.
     */
    @Test
    void everyOptimiserUpdatesManyParametersInOneCallAsItWouldEachAloneOnAnyThreads() {
        int[] sizes = {70_001, 3, 0, 40_000, 1, 512};
        OptimizerSpec[] specs = {OptimizerSpec.gd(0.1f), OptimizerSpec.sgd(0.1f).with(Setting.WEIGHT_DECAY, 0.01f),
                OptimizerSpec.momentum(0.05f), OptimizerSpec.nesterov(0.05f), OptimizerSpec.rmsprop(0.01f),
                OptimizerSpec.adam(0.01f), OptimizerSpec.adamw(0.01f)};
        for (OptimizerSpec spec : specs) {
            List<Parameter> alone = parameters(sizes);
            for (Parameter p : alone) {
                Optimizer one = spec.create(KERNELS);
                for (int step = 0; step < 3; step++) one.step(List.of(p));
            }
            for (int threads = 1; threads <= 3; threads++) {
                List<Parameter> together = parameters(sizes);
                Optimizer all = spec.create(org.scratchnet.tensor.Kernels.create(threads));
                for (int step = 0; step < 3; step++) all.step(together);
                for (int k = 0; k < sizes.length; k++) {
                    assertThat(together.get(k).value).as("%s, %d threads, parameter %d", spec.describe(), threads, k)
                            .isEqualTo(alone.get(k).value);
                }
            }
        }
    }

    private static List<Parameter> parameters(int[] sizes) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        List<Parameter> list = new java.util.ArrayList<>();
        for (int size : sizes) {
            Parameter p = new Parameter("p" + list.size(), size);
            for (int i = 0; i < size; i++) {
                p.value[i] = (float) random.nextGaussian();
                p.grad[i] = (float) random.nextGaussian();
            }
            list.add(p);
        }
        return list;
    }

    @Test
    void gradientDescentStep() {
        Parameter p = param(1.0f, 0.5f);
        create(OptimizerSpec.gd(0.1f)).step(List.of(p));
        assertThat(p.value[0]).isCloseTo(0.95f, within(1e-7f));  // 1 - 0.1*0.5
    }

    @Test
    void sgdWithWeightDecayAddsTheL2Gradient() {
        Parameter p = param(1.0f, 0.5f);
        Optimizer sgd = create(OptimizerSpec.sgd(0.1f).with(Setting.WEIGHT_DECAY, 0.1f));
        sgd.step(List.of(p));  // w = 1 - 0.1 * (0.5 + 0.1 * 1) = 0.94
        assertThat(p.value[0]).isCloseTo(0.94f, within(1e-7f));
        sgd.step(List.of(p));  // w = 0.94 - 0.1 * (0.5 + 0.094) = 0.8806
        assertThat(p.value[0]).isCloseTo(0.8806f, within(1e-6f));
    }

    @Test
    void momentumThreeSteps() {
        Parameter p = param(1.0f, 0.5f);
        Optimizer m = create(OptimizerSpec.momentum(0.1f, 0.9f));
        m.step(List.of(p));  // v = 0.5, w = 1 - 0.05 = 0.95
        assertThat(p.value[0]).isCloseTo(0.95f, within(1e-7f));
        m.step(List.of(p));  // v = 0.45 + 0.5 = 0.95, w = 0.95 - 0.095 = 0.855
        assertThat(p.value[0]).isCloseTo(0.855f, within(1e-6f));
        m.step(List.of(p));  // v = 0.855 + 0.5 = 1.355, w = 0.855 - 0.1355 = 0.7195
        assertThat(p.value[0]).isCloseTo(0.7195f, within(1e-6f));
    }

    @Test
    void nesterovLooksOneMomentumStepAhead() {
        Parameter p = param(1.0f, 0.5f);
        Optimizer n = create(OptimizerSpec.nesterov(0.1f));  // μ = 0.9
        n.step(List.of(p));  // v = 0.5, w = 1 - 0.1 * (0.5 + 0.9 * 0.5) = 1 - 0.095 = 0.905
        assertThat(p.value[0]).isCloseTo(0.905f, within(1e-6f));
        n.step(List.of(p));  // v = 0.45 + 0.5 = 0.95, w = 0.905 - 0.1 * (0.5 + 0.855) = 0.7695
        assertThat(p.value[0]).isCloseTo(0.7695f, within(1e-6f));
        n.step(List.of(p));  // v = 0.855 + 0.5 = 1.355, w = 0.7695 - 0.1 * (0.5 + 1.2195) = 0.59755
        assertThat(p.value[0]).isCloseTo(0.59755f, within(1e-6f));
    }

    /** A schedule that cycles the momentum sets it before an update: the rule then uses the new μ or β1, hand-computed. */
    @Test
    void aMomentumSetBeforeAnUpdateIsTheOneItUses() {
        Parameter p = param(1.0f, 0.5f);
        Optimizer m = create(OptimizerSpec.momentum(0.1f, 0.9f));
        assertThat(m.momentum()).isEqualTo(0.9f);
        m.step(List.of(p));  // v = 0.5, w = 0.95
        m.setMomentum(0.5f);
        m.step(List.of(p));  // v = 0.5 · 0.5 + 0.5 = 0.75, w = 0.95 - 0.075 = 0.875
        assertThat(p.value[0]).isCloseTo(0.875f, within(1e-6f));

        Parameter q = param(0f, 1f);
        Optimizer adam = create(OptimizerSpec.adam(0.1f));
        adam.setMomentum(0.8f);
        adam.step(List.of(q));   // m = 0.2, m̂ = 0.2 / (1 - 0.8) = 1: w = -0.1 as with any β1
        q.grad[0] = 0f;
        adam.step(List.of(q));
        // m = 0.16, m̂ = 0.16 / (1 - 0.64) = 0.444444; v = 0.000999, v̂ = 0.49975: step = 0.1 · 0.444444 / 0.706930 = 0.0628699
        assertThat(q.value[0]).isCloseTo(-0.1f - 0.0628699f, within(1e-5f));
        assertThat(adam.momentum()).isEqualTo(0.8f);

        assertThat(create(OptimizerSpec.adamw(0.1f)).momentum()).isEqualTo(OptimizerSpec.DEFAULT_BETA1);
        assertThat(create(OptimizerSpec.nesterov(0.1f)).momentum()).isEqualTo(OptimizerSpec.DEFAULT_MOMENTUM);
        assertThat(create(OptimizerSpec.sgd(0.1f)).momentum()).isZero();
        assertThatThrownBy(() -> create(OptimizerSpec.rmsprop(0.1f)).setMomentum(0.9f)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> m.setMomentum(1f)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rmspropDividesByTheRunningRootMeanSquare() {
        Parameter p = param(1.0f, 0.5f);
        Optimizer r = create(OptimizerSpec.rmsprop(0.01f));  // ρ = 0.9, ε = 1e-8
        r.step(List.of(p));
        // s = 0.1 * 0.25 = 0.025, √s = 0.15811388, w = 1 - 0.01 * 0.5 / 0.15811388 = 1 - 0.03162278 = 0.96837722
        assertThat(p.value[0]).isCloseTo(0.96837722f, within(1e-6f));
        p.grad[0] = -0.2f;
        r.step(List.of(p));
        // s = 0.9 * 0.025 + 0.1 * 0.04 = 0.0265, √s = 0.16278821, w = 0.96837722 + 0.01 * 0.2 / 0.16278821 = 0.96837722 + 0.01228590
        assertThat(p.value[0]).isCloseTo(0.98066312f, within(1e-6f));
    }

    @Test
    void adamFirstStepMovesByLearningRateTimesSign() {
        Parameter pos = param(1.0f, 0.5f);
        Parameter neg = param(1.0f, -3e-3f);
        Optimizer adam = create(OptimizerSpec.adam(0.01f));
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
        Optimizer adam = create(OptimizerSpec.adam(0.1f));
        adam.step(List.of(p));   // w = -0.1
        p.grad[0] = 0f;
        adam.step(List.of(p));
        // m = 0.09, v = 0.000999; m̂ = 0.09/0.19 = 0.473684, v̂ = 0.000999/0.001999 = 0.49975
        // step = 0.1 * 0.473684 / 0.706930 = 0.0670057
        assertThat(p.value[0]).isCloseTo(-0.1f - 0.0670057f, within(1e-5f));
    }

    @Test
    void adamwDecaysTheWeightOutsideTheMomentsScaledByTheScheduleMultiplier() {
        Parameter p = param(1.0f, 0.5f);
        Optimizer adamw = create(OptimizerSpec.adamw(0.01f, 0.1f));
        adamw.step(List.of(p));
        // m̂ = 0.5, v̂ = 0.25: Adam's step 0.01 · 0.5 / (0.5 + 1e-8) = 0.01; decay η·λ·w = 1 · 0.1 · 1 = 0.1
        assertThat(p.value[0]).isCloseTo(0.89f, within(1e-6f));
        adamw.step(List.of(p));  // m̂ = 0.5, v̂ = 0.25 again: w = 0.89 - 0.01 - 0.1 · 0.89 = 0.791
        assertThat(p.value[0]).isCloseTo(0.791f, within(1e-6f));
        adamw.setLearningRate(0.005f);  // a schedule halves α: η = 0.5 halves the decay too
        adamw.step(List.of(p));  // w = 0.791 - 0.005 - 0.5 · 0.1 · 0.791 = 0.746450
        assertThat(p.value[0]).isCloseTo(0.74645f, within(1e-6f));
    }

    /**
     * Loshchilov &amp; Hutter's point: with L2 in Adam the penalty's gradient is divided by √v̂ like
     * the rest, so a weight with no gradient of its own moves by about α per update whatever λ is,
     * and one with large gradients hardly feels it; decoupled decay shrinks every weight by the
     * same factor 1 - λ, whatever its gradients.
     */
    @Test
    void adamwDiffersFromAdamWithL2AsThePaperSays() {
        float alpha = 0.001f;
        for (float lambda : new float[] {0.01f, 0.0001f}) {
            Parameter busy = param(1f, 1f), idle = param(1f, 0f);
            Optimizer l2 = create(OptimizerSpec.adam(alpha).with(Setting.WEIGHT_DECAY, lambda));
            for (int t = 1; t <= 3; t++) {
                busy.grad[0] = 1f;
                idle.grad[0] = 0f;
                l2.step(List.of(busy, idle));
                // idle: g = λ·w, normalised to about sign(w): it moves by α, not by λ·w
                assertThat(idle.value[0]).as("Adam+L2, λ=%s, idle weight after %d steps", lambda, t).isCloseTo(1 - t * alpha, within(1e-5f));
                // busy: g = 1 + λ·w, m̂/√v̂ ≈ 1 as without the penalty: the decay all but vanishes
                assertThat(busy.value[0]).as("Adam+L2, λ=%s, busy weight after %d steps", lambda, t).isCloseTo(1 - t * alpha, within(1e-5f));
            }
        }
        float lambda = 0.01f;
        Parameter busy = param(1f, 1f), idle = param(1f, 0f);
        Optimizer decoupled = create(OptimizerSpec.adamw(alpha, lambda));
        decoupled.step(List.of(busy, idle));
        assertThat(idle.value[0]).isCloseTo(0.99f, within(1e-7f));        // 1 - λ: m = 0 gives no Adam step
        assertThat(busy.value[0]).isCloseTo(0.989f, within(1e-6f));       // 1 - α - λ
        decoupled.step(List.of(busy, idle));
        assertThat(idle.value[0]).isCloseTo(0.9801f, within(1e-6f));      // (1 - λ)²
        assertThat(busy.value[0]).isCloseTo(0.97811f, within(1e-6f));     // 0.989 - α - λ · 0.989
    }

    @Test
    void maxNormRescalesEachHiddenUnitsIncomingWeightsToExactlyC() {
        for (boolean transposed : new boolean[] {false, true}) {
            // layer 0: two hidden units with 3 inputs; unit 0's weights (3, 4, 0) have norm 5, unit 1's (0.3, 0.4, 0) norm 0.5
            float[][] rows = {{3f, 4f, 0f}, {0.3f, 0.4f, 0f}};
            Parameter w0 = transposed ? new Parameter("layers.0.weight.T", 3, 2) : new Parameter("layers.0.weight", 2, 3);
            for (int j = 0; j < 2; j++) {
                for (int i = 0; i < 3; i++) w0.value[transposed ? i * 2 + j : j * 3 + i] = rows[j][i];
            }
            Parameter b0 = new Parameter("layers.0.bias", 2);
            b0.value[0] = 10f;
            Parameter w1 = new Parameter("layers.1.weight", 1, 2);  // the output layer: not hidden, left alone
            w1.value[0] = 30f;
            w1.value[1] = 40f;
            Parameter b1 = new Parameter("layers.1.bias", 1);
            Optimizer sgd = create(OptimizerSpec.sgd(0.1f).with(Setting.MAX_NORM, 1f));  // zero gradients: only the constraint acts
            sgd.step(List.of(w0, b0, w1, b1));

            float[] unit0 = new float[3], unit1 = new float[3];
            for (int i = 0; i < 3; i++) {
                unit0[i] = w0.value[transposed ? i * 2 : i];
                unit1[i] = w0.value[transposed ? i * 2 + 1 : 3 + i];
            }
            assertThat(unit0).as("transposed %s", transposed).containsExactly(new float[] {0.6f, 0.8f, 0f}, within(1e-7f));
            assertThat(Math.sqrt(unit0[0] * unit0[0] + unit0[1] * unit0[1])).isCloseTo(1.0, within(1e-7));
            assertThat(unit1).containsExactly(0.3f, 0.4f, 0f);  // within the ball: untouched
            assertThat(w1.value).containsExactly(30f, 40f);
            assertThat(b0.value[0]).isEqualTo(10f);
        }
    }

    @Test
    void stateRestoredIntoANewOptimiserContinuesTheRunToTheBit() {
        for (OptimizerSpec spec : new OptimizerSpec[] {OptimizerSpec.sgd(0.1f), OptimizerSpec.momentum(0.1f),
                OptimizerSpec.nesterov(0.1f), OptimizerSpec.rmsprop(0.01f), OptimizerSpec.adam(0.01f), OptimizerSpec.adamw(0.01f)}) {
            float[] gradients = {0.5f, -0.25f, 0.125f, 0.75f, -1f};
            Parameter straight = param(1f, 0f);
            Optimizer once = create(spec);
            for (float g : gradients) {
                straight.grad[0] = g;
                once.step(List.of(straight));
            }

            Parameter interrupted = param(1f, 0f);
            Optimizer first = create(spec);
            for (int t = 0; t < 2; t++) {
                interrupted.grad[0] = gradients[t];
                first.step(List.of(interrupted));
            }
            Optimizer second = create(spec);
            second.state().restore(first.state().updates(), first.state().all());
            first.state().all().values().forEach(a -> a[0][0] = Float.NaN);  // restore copied: the old run's arrays are its own
            for (int t = 2; t < gradients.length; t++) {
                interrupted.grad[0] = gradients[t];
                second.step(List.of(interrupted));
            }
            assertThat(second.state().updates()).isEqualTo(5);
            assertThat(Float.floatToIntBits(interrupted.value[0])).as(spec.name()).isEqualTo(Float.floatToIntBits(straight.value[0]));
            assertThat(second.state().names()).isEqualTo(once.state().names());
        }
    }
}
