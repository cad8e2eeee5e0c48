package org.scratchnet.optim;

import java.util.List;
import org.scratchnet.nn.Parameter;
import org.scratchnet.tensor.Kernels;

/**
 * Adam (Kingma &amp; Ba, 2015): per-weight step sizes from running moments of the gradient.
 * <pre>
 *   t = t + 1
 *   m = β1 · m + (1 - β1) · dW          first moment (mean)
 *   v = β2 · v + (1 - β2) · dW²         second moment (uncentred variance)
 *   m̂ = m / (1 - β1^t),  v̂ = v / (1 - β2^t)      bias correction for the zero start
 *   W = W - α · m̂ / (√v̂ + ε)
 * </pre>
 */
public final class Adam implements Optimizer {
    private final float alpha;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private float[][] m;
    private float[][] v;
    private int t;
    private float correction1, correction2;
    private float[] w, dw, mk, vk;  // the parameter being updated, shared with the update's threads
    private final Kernels.Range update = this::update;

    public Adam(float learningRate, float beta1, float beta2, float epsilon) {
        this.alpha = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    public void step(List<Parameter> parameters) {
        if (m == null) {
            m = State.zerosLike(parameters);
            v = State.zerosLike(parameters);
        }
        t++;
        correction1 = (float) (1 - StrictMath.pow(beta1, t));
        correction2 = (float) (1 - StrictMath.pow(beta2, t));
        for (int k = 0; k < parameters.size(); k++) {
            w = parameters.get(k).value;
            dw = parameters.get(k).grad;
            mk = m[k];
            vk = v[k];
            Kernels.current().forEachRange(w.length, update);  // element-wise, split among the cores
            parameters.get(k).changed();
        }
        w = dw = mk = vk = null;
    }

    /** The update of elements [from, to) of the current parameter. */
    private void update(int from, int to) {
        for (int i = from; i < to; i++) {
            float g = dw[i];
            mk[i] = beta1 * mk[i] + (1 - beta1) * g;
            vk[i] = beta2 * vk[i] + (1 - beta2) * g * g;
            float mHat = mk[i] / correction1;
            float vHat = vk[i] / correction2;
            w[i] -= alpha * mHat / ((float) Math.sqrt(vHat) + epsilon);
        }
    }

    @Override
    public String describe() {
        return "adam(lr=" + alpha + ", beta1=" + beta1 + ", beta2=" + beta2 + ")";
    }

    @Override
    public int statePerParameter() {
        return 2;
    }
}
