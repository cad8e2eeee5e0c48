package org.scratchnet.schedule;

import java.util.Map;

/**
 * Linear warm-up before another schedule (Goyal et al., 2017, "Accurate, Large Minibatch SGD",
 * section 2.2, gradual warm-up): the rate climbs in equal steps to α over the first W updates,
 * then the schedule runs over the updates that remain, counting them from 1.
 * <pre>
 *   t ≤ W:   α(t) = α · t / W
 *   t &gt; W:   α(t) = after(t - W)
 * </pre>
 * The momentum, if the schedule that follows cycles it, stays the optimiser's own during the
 * warm-up. Epoch ends and state pass through to the schedule that follows (reduce-on-plateau
 * keeps watching during the warm-up; its reductions take effect after it).
 */
record Warmup(float alpha, int steps, Schedule after) implements Schedule {
    @Override
    public float rate(int step) {
        return step <= steps ? (float) ((double) alpha * step / steps) : after.rate(step - steps);
    }

    @Override
    public boolean cyclesMomentum() {
        return after.cyclesMomentum();
    }

    /** During the warm-up the optimiser's own momentum, where a cycle that follows starts. */
    @Override
    public float momentum(int step, float base) {
        return step <= steps ? base : after.momentum(step - steps, base);
    }

    @Override
    public boolean watchesValidation() {
        return after.watchesValidation();
    }

    @Override
    public void epochEnded(double validationLoss) {
        after.epochEnded(validationLoss);
    }

    @Override
    public Map<String, Double> state() {
        return after.state();
    }

    @Override
    public void restore(Map<String, Double> saved) {
        after.restore(saved);
    }
}
