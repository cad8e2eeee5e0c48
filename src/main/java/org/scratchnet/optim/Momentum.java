package org.scratchnet.optim;

import java.util.List;
import org.scratchnet.nn.Parameter;
import org.scratchnet.tensor.Kernels;

/**
 * Gradient descent with momentum (heavy ball, as PyTorch's SGD writes it):
 * <pre>
 *   v = β · v + dW
 *   W = W - α · v
 * </pre>
 * The velocity v remembers past gradients, which speeds progress along consistent directions and
 * damps oscillation across a narrow valley.
 */
public final class Momentum implements Optimizer {
    private final float alpha;
    private final float beta;
    private float[][] velocity;
    private float[] w, dw, v;  // the parameter being updated, shared with the update's threads
    private final Kernels.Range update = this::update;

    public Momentum(float learningRate, float beta) {
        this.alpha = learningRate;
        this.beta = beta;
    }

    @Override
    public void step(List<Parameter> parameters) {
        if (velocity == null) velocity = State.zerosLike(parameters);
        for (int k = 0; k < parameters.size(); k++) {
            w = parameters.get(k).value;
            dw = parameters.get(k).grad;
            v = velocity[k];
            Kernels.current().forEachRange(w.length, update);  // element-wise, split among the cores
            parameters.get(k).changed();
        }
        w = dw = v = null;
    }

    /** The update of elements [from, to) of the current parameter. */
    private void update(int from, int to) {
        for (int i = from; i < to; i++) {
            v[i] = beta * v[i] + dw[i];
            w[i] -= alpha * v[i];
        }
    }

    @Override
    public String describe() {
        return "momentum(lr=" + alpha + ", beta=" + beta + ")";
    }

    @Override
    public int statePerParameter() {
        return 1;
    }
}
