package org.scratchnet.optim;

import java.util.List;
import org.scratchnet.nn.Parameter;
import org.scratchnet.tensor.Kernels;

/**
 * Plain gradient descent, the paper's update rule:
 * <pre>
 *   W = W - α · dW
 *   b = b - α · db
 * </pre>
 * With the whole training set as one batch this is the paper's (full-batch) gradient descent;
 * with mini-batches it is stochastic gradient descent.
 */
public final class GradientDescent implements Optimizer {
    private final Kernels kernels;
    private final float alpha;
    /** "gd" or "sgd", as the user named it: the same update, printed back as chosen. */
    private final String name;

    public GradientDescent(Kernels kernels, float learningRate) {
        this(kernels, "gd", learningRate);
    }

    public GradientDescent(Kernels kernels, String name, float learningRate) {
        this.kernels = kernels;
        this.name = name;
        this.alpha = learningRate;
    }

    @Override
    public void step(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            float[] w = p.value, dw = p.grad;
            kernels.forEachRange(w.length, (from, to) -> update(w, dw, from, to));  // element-wise, split among the cores
        }
    }

    /** W = W - α · dW on the elements [from, to). */
    private void update(float[] w, float[] dw, int from, int to) {
        for (int i = from; i < to; i++) w[i] -= alpha * dw[i];
    }

    @Override
    public String describe() {
        return name + "(lr=" + alpha + ")";
    }

    @Override
    public int statePerParameter() {
        return 0;
    }
}
