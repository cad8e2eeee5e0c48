package org.scratchnet.nn;

import java.util.Locale;
import org.scratchnet.UserException;

/**
 * The hidden-layer activation functions g(z) and their derivatives g'(z).
 *
 * <p>Each derivative is also written in terms of the output a = g(z), which is what the
 * backward pass uses (it keeps A, not Z): ReLU' = [a > 0], σ' = a(1 - a), tanh' = 1 - a².
 * Softmax is not here: it is fused with the cross-entropy loss in {@link SoftmaxCrossEntropy},
 * where its gradient is simply A - Y. The exponentials come from {@link Exp}: fast, and the
 * same bits on every run.
 */
public enum Activation {
    /** g(z) = max(0, z). */
    RELU {
        @Override public float apply(float z) { return z > 0f ? z : 0f; }
        @Override public float derivative(float z) { return z > 0f ? 1f : 0f; }
        @Override public float derivativeFromOutput(float a) { return a > 0f ? 1f : 0f; }
    },
    /** g(z) = 1 / (1 + e^-z). */
    SIGMOID {
        @Override public float apply(float z) { return (float) Exp.sigmoid(z); }
        @Override public float derivative(float z) { float s = apply(z); return s * (1f - s); }
        @Override public float derivativeFromOutput(float a) { return a * (1f - a); }
    },
    /** g(z) = tanh(z). */
    TANH {
        @Override public float apply(float z) { return (float) Exp.tanh(z); }
        @Override public float derivative(float z) { float t = apply(z); return 1f - t * t; }
        @Override public float derivativeFromOutput(float a) { return 1f - a * a; }
    };

    public abstract float apply(float z);

    public abstract float derivative(float z);

    public abstract float derivativeFromOutput(float a);

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Activation parse(String text) {
        for (Activation a : values()) {
            if (a.id().equals(text.trim().toLowerCase(Locale.ROOT))) return a;
        }
        throw new UserException("unknown activation '" + text + "': use relu, sigmoid or tanh");
    }
}
