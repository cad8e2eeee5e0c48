package org.scratchnet.optim;

import java.util.List;
import org.scratchnet.nn.Parameter;
import org.scratchnet.tensor.Kernels;

/**
 * Gradient descent with momentum, the heavy ball of Polyak (1964), as PyTorch's SGD writes it:
 * <pre>
 *   g = dW + λ · W          (λ: weight decay as an L2 penalty; 0 by default)
 *   v = μ · v + g
 *   W = W - α · v
 * </pre>
 * The velocity v remembers past gradients, which speeds progress along consistent directions and
 * damps oscillation across a narrow valley. State: "velocity", v per weight.
 */
final class Momentum extends BaseOptimizer {
    private final float lambda;

    Momentum(Kernels kernels, OptimizerSpec spec) {
        super(kernels, spec, "velocity");
        this.lambda = spec.weightDecay();
    }

    @Override
    void update(List<Parameter> parameters, float[][][] state, long t) {
        float alpha = this.alpha;
        float mu = this.momentum;  // the spec's μ, unless a schedule cycles it
        forEachElement(parameters, (k, from, to) ->   // element-wise, all parameters in one call
                update(parameters.get(k).value, parameters.get(k).grad, state[0][k], alpha, mu, from, to));
    }

    /** The rule above on the elements [from, to). */
    private void update(float[] w, float[] dw, float[] v, float alpha, float mu, int from, int to) {
        for (int i = from; i < to; i++) {
            float g = dw[i] + lambda * w[i];
            v[i] = mu * v[i] + g;
            w[i] -= alpha * v[i];
        }
    }
}
