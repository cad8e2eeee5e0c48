package org.scratchnet.optim;

import java.util.List;
import org.scratchnet.nn.Parameter;
import org.scratchnet.tensor.Kernels;

/**
 * AdamW: Adam with decoupled weight decay (Loshchilov &amp; Hutter, 2019, "Decoupled Weight Decay
 * Regularization", Algorithm 2, the green terms):
 * <pre>
 *   t = t + 1
 *   g = dW                                   no λ · W here: the decay stays out of the moments
 *   m = β1 · m + (1 - β1) · g
 *   v = β2 · v + (1 - β2) · g²
 *   m̂ = m / (1 - β1^t),  v̂ = v / (1 - β2^t)
 *   η = α(t) / α                             the schedule multiplier (1 at a constant rate)
 *   W = W - η · (α · m̂ / (√v̂ + ε) + λ · W)
 * </pre>
 * With L2 in Adam ({@link Adam} with λ &gt; 0) the penalty's gradient λ · W is divided by √v̂ like
 * the rest, so weights with large gradients are barely regularised; here every weight shrinks by
 * the same factor 1 - η · λ each update, whatever its gradients. λ is the paper's: independent of
 * α (PyTorch's and Keras's AdamW multiply their weight_decay by the learning rate instead, so
 * their weight_decay = 0.01 at lr = 0.001 is λ = 1e-5 here). State: "m" and "v", and t.
 */
final class AdamW extends BaseOptimizer {
    private final float baseAlpha;
    private final float beta2;
    private final float epsilon;
    private final float lambda;

    AdamW(Kernels kernels, OptimizerSpec spec) {
        super(kernels, spec, "m", "v");
        this.baseAlpha = spec.learningRate();
        this.beta2 = spec.beta2();
        this.epsilon = spec.epsilon();
        this.lambda = spec.weightDecay();
    }

    @Override
    void update(List<Parameter> parameters, float[][][] state, long t) {
        float alpha = this.alpha;
        float eta = alpha / baseAlpha;
        float beta1 = this.momentum;  // the spec's β1, unless a schedule cycles it (the correction then uses the current β1, as PyTorch's)
        float correction1 = (float) (1 - StrictMath.pow(beta1, t));
        float correction2 = (float) (1 - StrictMath.pow(beta2, t));
        forEachElement(parameters, (k, from, to) -> update(parameters.get(k).value, parameters.get(k).grad, state[0][k],
                state[1][k], alpha, eta, beta1, correction1, correction2, from, to));  // element-wise, all parameters in one call
    }

    /** One AdamW update of the elements [from, to) of one parameter. */
    private void update(float[] w, float[] dw, float[] m, float[] v, float alpha, float eta, float beta1, float correction1,
                        float correction2, int from, int to) {
        for (int i = from; i < to; i++) {
            float g = dw[i];
            m[i] = beta1 * m[i] + (1 - beta1) * g;
            v[i] = beta2 * v[i] + (1 - beta2) * g * g;
            float mHat = m[i] / correction1;
            float vHat = v[i] / correction2;
            w[i] -= alpha * mHat / ((float) Math.sqrt(vHat) + epsilon) + eta * lambda * w[i];
        }
    }
}
