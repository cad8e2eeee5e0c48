package org.scratchnet.optim;

import java.util.List;
import org.scratchnet.nn.Parameter;
import org.scratchnet.tensor.Kernels;

/**
 * Plain gradient descent, the paper's update rule (its equations 13-14):
 * <pre>
 *   W = W - α · dW
 *   b = b - α · db
 * </pre>
 * With the whole training set as one batch this is the paper's (full-batch) gradient descent;
 * with mini-batches it is stochastic gradient descent (Robbins &amp; Monro, 1951). A weight decay
 * λ &gt; 0 adds the L2 penalty's gradient λ · W to dW (for this rule the same as shrinking W by
 * α · λ · W each update). No state: only the update count.
 */
final class GradientDescent extends BaseOptimizer {
    private final float lambda;

    GradientDescent(Kernels kernels, OptimizerSpec spec) {
        super(kernels, spec);
        this.lambda = spec.weightDecay();
    }

    @Override
    void update(List<Parameter> parameters, float[][][] state, long t) {
        float alpha = this.alpha;
        forEachElement(parameters, (k, from, to) ->   // element-wise, all parameters in one call
                update(parameters.get(k).value, parameters.get(k).grad, alpha, from, to));
    }

    /** W = W - α · (dW + λ · W) on the elements [from, to). */
    private void update(float[] w, float[] dw, float alpha, int from, int to) {
        for (int i = from; i < to; i++) w[i] -= alpha * (dw[i] + lambda * w[i]);
    }
}
