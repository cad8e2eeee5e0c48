package org.scratchnet.optim;

import java.util.List;
import org.scratchnet.nn.Parameter;
import org.scratchnet.tensor.Kernels;

/**
 * Nesterov's accelerated gradient, in the form of Sutskever, Martens, Dahl &amp; Hinton (2013),
 * "On the importance of initialization and momentum in deep learning", eq. 3-4:
 * <pre>
 *   v(t+1) = μ · v(t) - ε · ∇f(θ(t) + μ · v(t))       the gradient taken at the look-ahead point
 *   θ(t+1) = θ(t) + v(t+1)
 * </pre>
 * A network computes its gradient where its weights are, so, as Bengio, Boulanger-Lewandowski
 * &amp; Pascanu (2013) rewrite it and PyTorch's SGD(nesterov=True) runs it, the stored weights W are
 * the look-ahead point θ + μ · v, and with v kept in gradient units (α outside, as in
 * {@link Momentum}):
 * <pre>
 *   g = dW + λ · W          (λ: weight decay as an L2 penalty; 0 by default)
 *   v = μ · v + g
 *   W = W - α · (g + μ · v)
 * </pre>
 * The step looks one momentum step ahead, which corrects the velocity sooner than plain momentum
 * when the valley turns. State: "velocity", v per weight.
 */
final class Nesterov extends BaseOptimizer {
    private final float lambda;

    Nesterov(Kernels kernels, OptimizerSpec spec) {
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
            w[i] -= alpha * (g + mu * v[i]);
        }
    }
}
