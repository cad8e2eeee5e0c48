package org.scratchnet.schedule;

/**
 * Step decay (as PyTorch's StepLR): the rate is multiplied by γ every {@code s} epochs,
 * <pre>
 *   α(t) = α · γ^⌊(t - 1) / (s · E)⌋        E updates per epoch, t = 1, 2, ...
 * </pre>
 * so the first s epochs run at α, the next s at α · γ, and so on.
 */
record StepDecay(float alpha, float gamma, int stepsPerDecay) implements Schedule {
    @Override
    public float rate(int step) {
        return (float) (alpha * Math.pow(gamma, (step - 1) / stepsPerDecay));
    }
}
