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
    private final Kernels kernels;
    private final float alpha;
    private final float beta;
    private float[][] velocity;

    public Momentum(Kernels kernels, float learningRate, float beta) {
        this.kernels = kernels;
        this.alpha = learningRate;
        this.beta = beta;
    }

    @Override
    public void step(List<Parameter> parameters) {
        if (velocity == null) velocity = State.zerosLike(parameters);
        for (int k = 0; k < parameters.size(); k++) {
            float[] w = parameters.get(k).value, dw = parameters.get(k).grad, v = velocity[k];
            kernels.forEachRange(w.length, (from, to) -> update(w, dw, v, from, to));  // element-wise, split among the cores
        }
    }

    /** v = β · v + dW, W = W - α · v on the elements [from, to). */
    private void update(float[] w, float[] dw, float[] v, int from, int to) {
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
