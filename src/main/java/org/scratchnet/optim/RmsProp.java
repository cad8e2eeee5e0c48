package org.scratchnet.optim;

import java.util.List;
import org.scratchnet.nn.Parameter;
import org.scratchnet.tensor.Kernels;

/**
 * RMSprop (Tieleman &amp; Hinton, 2012, Coursera "Neural Networks for Machine Learning", lecture
 * 6e): divide the gradient by a running average of its recent magnitude.
 * <pre>
 *   g = dW + λ · W                      (λ: weight decay as an L2 penalty; 0 by default)
 *   s = ρ · s + (1 - ρ) · g²            MeanSquare(w, t) = 0.9 MeanSquare(w, t-1) + 0.1 (∂E/∂w)²
 *   W = W - α · g / (√s + ε)
 * </pre>
 * ε keeps the step finite where a weight has seen no gradient. State: "square_average", s per weight.
 */
final class RmsProp extends BaseOptimizer {
    private final float rho;
    private final float epsilon;
    private final float lambda;

    RmsProp(Kernels kernels, OptimizerSpec spec) {
        super(kernels, spec, "square_average");
        this.rho = spec.rho();
        this.epsilon = spec.epsilon();
        this.lambda = spec.weightDecay();
    }

    @Override
    void update(List<Parameter> parameters, float[][][] state, long t) {
        float alpha = this.alpha;
        forEachElement(parameters, (k, from, to) ->   // element-wise, all parameters in one call
                update(parameters.get(k).value, parameters.get(k).grad, state[0][k], alpha, from, to));
    }

    /** The rule above on the elements [from, to). */
    private void update(float[] w, float[] dw, float[] s, float alpha, int from, int to) {
        for (int i = from; i < to; i++) {
            float g = dw[i] + lambda * w[i];
            s[i] = rho * s[i] + (1 - rho) * g * g;
            w[i] -= alpha * g / ((float) Math.sqrt(s[i]) + epsilon);
        }
    }
}
