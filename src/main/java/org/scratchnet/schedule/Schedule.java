package org.scratchnet.schedule;

import java.util.Map;

/**
 * The learning rate of every update of a run: a function of the global step (1 for the run's
 * first update, counted across epochs), and for reduce-on-plateau of the validation losses seen
 * at the ends of epochs. A {@link ScheduleSpec} names one and builds it for a run of known length.
 *
 * <p>The trainer's calls, in order: {@link #rate(int)} before every update (it sets the
 * optimiser's α; {@link #momentum} too, when the schedule {@link #cyclesMomentum}), and
 * {@link #epochEnded(double)} after the last update of every epoch when
 * {@link #watchesValidation()} (the others ignore it). Everything that changes as a run goes is
 * in {@link #state()}, as named numbers (empty for the schedules that are a function of the step
 * alone), so that a checkpoint can {@link #restore} it and the rates continue to the bit.
 */
public interface Schedule {

    /** α for update {@code step} (1-based, counted over the whole run). */
    float rate(int step);

    /** True if the schedule also moves the optimiser's momentum (one cycle with {@code cycle_momentum}). */
    default boolean cyclesMomentum() {
        return false;
    }

    /**
     * The momentum (μ, or Adam's β1) of update {@code step} when the optimiser's own is {@code base}:
     * {@code base} itself unless the schedule {@link #cyclesMomentum}.
     */
    default float momentum(int step, float base) {
        return base;
    }

    /** True if the schedule reads the validation loss at the end of each epoch (reduce-on-plateau). */
    default boolean watchesValidation() {
        return false;
    }

    /** An epoch has ended with this validation loss (NaN counts as no improvement). */
    default void epochEnded(double validationLoss) {}

    /** The mutable state by name, e.g. {best_loss=0.071, bad_epochs=1, reductions=2}; a copy. */
    default Map<String, Double> state() {
        return Map.of();
    }

    /** Puts a state that {@link #state()} gave back in place. */
    default void restore(Map<String, Double> saved) {
        if (!saved.isEmpty()) throw new IllegalArgumentException("this schedule keeps no state, but was given " + saved.keySet());
    }
}
