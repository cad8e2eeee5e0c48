package org.scratchnet.optim;

import java.util.List;
import org.scratchnet.nn.Parameter;

/**
 * Plain gradient descent, the paper's update rule (its equations 13-14):
 * <pre>
 *   W = W - α · dW
 *   b = b - α · db
 * </pre>
 * With the whole training set as one batch this is the paper's (full-batch) gradient descent;
 * with mini-batches it is stochastic gradient descent.
 */
public final class GradientDescent implements Optimizer {
    private final float alpha;

    public GradientDescent(float learningRate) {
        this.alpha = learningRate;
    }

    @Override
    public void step(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            float[] w = p.value;
            float[] dw = p.grad;
            for (int i = 0; i < w.length; i++) w[i] -= alpha * dw[i];
            p.changed();
        }
    }

    @Override
    public String describe() {
        return "gd(lr=" + alpha + ")";
    }
}
