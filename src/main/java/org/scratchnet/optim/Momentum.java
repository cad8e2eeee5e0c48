package org.scratchnet.optim;

import java.util.List;
import org.scratchnet.nn.Parameter;

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

    public Momentum(float learningRate, float beta) {
        this.alpha = learningRate;
        this.beta = beta;
    }

    @Override
    public void step(List<Parameter> parameters) {
        if (velocity == null) velocity = State.zerosLike(parameters);
        for (int k = 0; k < parameters.size(); k++) {
            float[] w = parameters.get(k).value;
            float[] dw = parameters.get(k).grad;
            float[] v = velocity[k];
            for (int i = 0; i < w.length; i++) {
                v[i] = beta * v[i] + dw[i];
                w[i] -= alpha * v[i];
            }
            parameters.get(k).changed();
        }
    }

    @Override
    public String describe() {
        return "momentum(lr=" + alpha + ", beta=" + beta + ")";
    }
}
