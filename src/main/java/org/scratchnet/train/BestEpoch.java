package org.scratchnet.train;

/**
 * Judges a run's epochs one after another by their validation figures: which epoch is the best so
 * far (by {@link EarlyStopping#monitor()}, improving by more than its min delta), and whether the
 * patience has run out. Pure bookkeeping, with no network in it, so that a test can drive it with
 * a scripted sequence of values; the {@link Trainer} keeps the best epoch's weights beside it.
 */
public final class BestEpoch {

    /**
     * Where the judging stands: the best epoch so far (0 before the first) with its validation loss
     * and accuracy, and how many epochs since it did not improve.
     */
    public record State(int epoch, double validationLoss, double validationAccuracy, int epochsWithoutImprovement) {
        static final State NONE = new State(0, Double.NaN, Double.NaN, 0);
    }

    private final EarlyStopping rule;
    private State state;

    public BestEpoch(EarlyStopping rule) {
        this(rule, State.NONE);
    }

    /** Continues the judging from {@code state} (a resumed run). */
    public BestEpoch(EarlyStopping rule, State state) {
        this.rule = rule;
        this.state = state;
    }

    /**
     * Judges epoch {@code epoch} by its validation loss and accuracy; returns whether it is the
     * new best.
     */
    public boolean judge(int epoch, double validationLoss, double validationAccuracy) {
        Monitor m = rule.monitor();
        double best = state.epoch == 0 ? Double.NaN : m.of(state.validationLoss, state.validationAccuracy);
        if (m.improves(m.of(validationLoss, validationAccuracy), best, rule.minDelta())) {
            state = new State(epoch, validationLoss, validationAccuracy, 0);
            return true;
        }
        state = new State(state.epoch, state.validationLoss, state.validationAccuracy, state.epochsWithoutImprovement + 1);
        return false;
    }

    /** Whether the last {@link EarlyStopping#patience()} epochs in a row did not improve. */
    public boolean patienceRanOut() {
        return rule.patience().isPresent() && state.epochsWithoutImprovement >= rule.patience().getAsInt();
    }

    /** The rule it judges by. */
    public EarlyStopping rule() {
        return rule;
    }

    /** The best epoch so far, 0 before any epoch improved. */
    public int epoch() {
        return state.epoch;
    }

    public State state() {
        return state;
    }
}
