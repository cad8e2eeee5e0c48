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
 * with mini-batches it is stochastic gradient descent.
 */
public final class GradientDescent implements Optimizer {
    private final float alpha;
    /** "gd" or "sgd", as the user named it: the same update, printed back as chosen. */
    private final String name;
    private float[] w, dw;  // the parameter being updated, shared with the update's threads
    private final Kernels.Range update = this::update;

    public GradientDescent(float learningRate) {
        this("gd", learningRate);
    }

    public GradientDescent(String name, float learningRate) {
        this.name = name;
        this.alpha = learningRate;
    }

    @Override
    public void step(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            w = p.value;
            dw = p.grad;
            Kernels.current().forEachRange(w.length, update);  // element-wise, split among the cores
            p.changed();
        }
        w = dw = null;
    }

    /** The update of elements [from, to) of the current parameter. */
    private void update(int from, int to) {
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
