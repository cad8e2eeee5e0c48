package org.scratchnet.optim;

import java.util.List;
import org.scratchnet.nn.Parameter;
import org.scratchnet.tensor.Kernels;

/**
 * Adam (Kingma &amp; Ba, 2015, "Adam: A Method for Stochastic Optimization", Algorithm 1):
 * per-weight step sizes from running moments of the gradient.
 * <pre>
 *   t = t + 1
 *   g = dW + λ · W                    (λ: weight decay as an L2 penalty, 0 by default; see {@link AdamW})
 *   m = β1 · m + (1 - β1) · g         first moment (mean)
 *   v = β2 · v + (1 - β2) · g²        second moment (uncentred variance)
 *   m̂ = m / (1 - β1^t),  v̂ = v / (1 - β2^t)      bias correction for the zero start
 *   W = W - α · m̂ / (√v̂ + ε)
 * </pre>
 * State: "m" and "v" per weight, and t (the state's update count).
 */
final class Adam extends BaseOptimizer {
    private final float beta2;
    private final float epsilon;
    private final float lambda;

    Adam(Kernels kernels, OptimizerSpec spec) {
        super(kernels, spec, "m", "v");
        this.beta2 = spec.beta2();
        this.epsilon = spec.epsilon();
        this.lambda = spec.weightDecay();
    }

    @Override
    void update(List<Parameter> parameters, float[][][] state, long t) {
        float alpha = this.alpha;
        float beta1 = this.momentum;  // the spec's β1, unless a schedule cycles it (the correction then uses the current β1, as PyTorch's)
        float correction1 = (float) (1 - StrictMath.pow(beta1, t));
        float correction2 = (float) (1 - StrictMath.pow(beta2, t));
        forEachElement(parameters, (k, from, to) -> update(parameters.get(k).value, parameters.get(k).grad, state[0][k],
                state[1][k], alpha, beta1, correction1, correction2, from, to));  // element-wise, all parameters in one call
    }

    /** One Adam update of the elements [from, to) of one parameter. */
    private void update(float[] w, float[] dw, float[] m, float[] v, float alpha, float beta1, float correction1,
                        float correction2, int from, int to) {
        for (int i = from; i < to; i++) {
            float g = dw[i] + lambda * w[i];
            m[i] = beta1 * m[i] + (1 - beta1) * g;
            v[i] = beta2 * v[i] + (1 - beta2) * g * g;
            float mHat = m[i] / correction1;
            float vHat = v[i] / correction2;
            w[i] -= alpha * mHat / ((float) Math.sqrt(vHat) + epsilon);
        }
    }
}
