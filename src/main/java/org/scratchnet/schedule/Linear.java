package org.scratchnet.schedule;

/**
 * A constant rate for h updates, then a straight line down to a floor over the n - h that remain
 * (the schedule of Rasmus et al., 2015, "Semi-supervised learning with ladder networks": α for
 * the first 100 epochs, then a linear decay to 0 over the last 50):
 * <pre>
 *   α(t) = α                                                  t = 1 .. h
 *   α(t) = α_min + (α - α_min) · (n - t + 1) / (n - h)        t = h + 1 .. n
 * </pre>
 * The first update of the decay runs at α; the rate would reach α_min one update after the last,
 * as the cosine's does.
 */
record Linear(float alpha, float floor, int hold, int steps) implements Schedule {
    @Override
    public float rate(int step) {
        if (step <= hold) return alpha;
        return (float) (floor + ((double) alpha - floor) * (steps - step + 1) / (steps - hold));
    }
}
