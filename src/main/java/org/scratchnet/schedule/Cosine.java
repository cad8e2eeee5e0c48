package org.scratchnet.schedule;

/**
 * Cosine annealing to a floor, without restarts (Loshchilov &amp; Hutter, 2017, "SGDR: Stochastic
 * Gradient Descent with Warm Restarts", eq. 5, over one period of n updates):
 * <pre>
 *   α(t) = α_min + (α - α_min) · (1 + cos(π · (t - 1) / n)) / 2        t = 1 .. n
 * </pre>
 * The first update runs at α; the rate would reach α_min one update after the last.
 */
record Cosine(float alpha, float floor, int steps) implements Schedule {
    @Override
    public float rate(int step) {
        return (float) (floor + (alpha - floor) * (1 + Math.cos(Math.PI * (step - 1) / steps)) / 2);
    }
}
