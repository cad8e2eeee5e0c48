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
    private final Kernels kernels;
    private final float alpha;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private float[][] m;
    private float[][] v;
    private int t;

    public Adam(Kernels kernels, float learningRate, float beta1, float beta2, float epsilon) {
        this.kernels = kernels;
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
        float correction1 = (float) (1 - StrictMath.pow(beta1, t));
        float correction2 = (float) (1 - StrictMath.pow(beta2, t));
        for (int k = 0; k < parameters.size(); k++) {
            float[] w = parameters.get(k).value, dw = parameters.get(k).grad, mk = m[k], vk = v[k];
            kernels.forEachRange(w.length, (from, to) ->   // element-wise, split among the cores
                    update(w, dw, mk, vk, correction1, correction2, from, to));
        }
    }

    /** One Adam update of the elements [from, to) of one parameter. */
    private void update(float[] w, float[] dw, float[] m, float[] v, float correction1, float correction2,
                        int from, int to) {
        for (int i = from; i < to; i++) {
            float g = dw[i];
            m[i] = beta1 * m[i] + (1 - beta1) * g;
            v[i] = beta2 * v[i] + (1 - beta2) * g * g;
            float mHat = m[i] / correction1;
            float vHat = v[i] / correction2;
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
