package org.scratchnet.train;

import java.util.List;
import java.util.Locale;

/**
 * A change of the learning rate made while a run trains (from the live dashboard): from update
 * {@code step} on, every update runs at its schedule's rate times {@code rate / scheduled}, where
 * {@code scheduled} is what the schedule gave update {@code step}. So update {@code step} runs at
 * exactly {@code rate}, and the schedule's shape (warm-up, decay, one cycle, plateau reductions)
 * goes on from there, scaled; a later change replaces the scale of an earlier one. The changes
 * are part of the run: they are in its {@link History} and its {@link Checkpoint}, so that a
 * resumed run makes the same updates.
 *
 * <pre>
 *   α(t) = schedule(t)                           before the first change
 *   α(t) = schedule(t) · rate / schedule(step)   from the last change at or before t
 *   α(t) = rate                                  from it, if schedule(step) was 0 (nothing to scale)
 * </pre>
 * (A schedule reaches 0 only by underflow, e.g. after some forty reductions on plateau.)
 *
 * @param step      the first update that runs at the new rate (1-based, over the whole run)
 * @param rate      the rate asked for, which update {@code step} runs at
 * @param scheduled the schedule's own rate for update {@code step}
 */
public record RateChange(int step, float rate, float scheduled) {

    /** The factor the schedule's rate is multiplied by from {@code step} on. */
    public double scale() {
        return (double) rate / scheduled;
    }

    /**
     * The rate of an update whose schedule gives {@code scheduled}, after {@code changes} (in the
     * order they were made): the schedule's own rate, bit for bit, when there was none.
     */
    static float rate(List<RateChange> changes, float scheduled) {
        if (changes.isEmpty()) return scheduled;
        RateChange last = changes.get(changes.size() - 1);
        return last.scheduled == 0f ? last.rate : (float) (last.scale() * scheduled);
    }

    /** e.g. "update 120: 0.001 (0.5 x the schedule's 0.002)". */
    public String describe() {
        if (scheduled == 0f) return String.format(Locale.ROOT, "update %d: %s (held: the schedule's rate was 0)", step, rate);
        return String.format(Locale.ROOT, "update %d: %s (%.4g x the schedule's %s)", step, rate, scale(), scheduled);
    }
}
