package org.scratchnet.schedule;

/**
 * Exponential decay by γ per epoch, applied smoothly at every update:
 * <pre>
 *   α(t) = α · γ^((t - 1) / E)               E updates per epoch, t = 1, 2, ...
 * </pre>
 * At the start of epoch k (1-based) the rate is α · γ^(k-1), as with PyTorch's ExponentialLR.
 */
record ExponentialDecay(float alpha, float gamma, int stepsPerEpoch) implements Schedule {
    @Override
    public float rate(int step) {
        return (float) (alpha * Math.pow(gamma, (double) (step - 1) / stepsPerEpoch));
    }
}
