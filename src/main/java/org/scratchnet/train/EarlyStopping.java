package org.scratchnet.train;

import java.util.Locale;
import java.util.OptionalInt;
import org.scratchnet.UserException;

/**
 * How a run uses its validation set, judged once per epoch: which quantity it watches, when it
 * gives up, and which weights it ends with.
 * <pre>
 *   EarlyStopping.DEFAULT                                   watch val_loss, never stop early, keep the best epoch
 *   EarlyStopping.DEFAULT.withPatience(3)                   stop after 3 epochs without improvement
 *   EarlyStopping.DEFAULT.withMonitor(Monitor.VAL_ACCURACY).withMinDelta(0.001)
 *   EarlyStopping.DEFAULT.withKeep(Keep.LAST)              end with the last update's weights
 * </pre>
 * An epoch improves when its monitored value beats the best so far by more than {@code minDelta}
 * (below it for the loss, above it for the accuracy); the first epoch always does, as there is
 * nothing to beat yet. With a patience of N, the run stops at the end of the N-th epoch in a row
 * that did not improve. Without a validation set none of this applies.
 *
 * @param monitor  the quantity judged after each epoch
 * @param patience epochs without improvement before stopping; empty: never stop early
 * @param minDelta how much a change must exceed to count as an improvement, at least 0
 * @param keep     the best epoch's weights (restore-best) or the last update's
 */
public record EarlyStopping(Monitor monitor, OptionalInt patience, double minDelta, Keep keep) {

    public static final Monitor DEFAULT_MONITOR = Monitor.VAL_LOSS;
    public static final double DEFAULT_MIN_DELTA = 0;
    /** Restore-best: a run with a validation set ends with the weights of its best epoch. */
    public static final Keep DEFAULT_KEEP = Keep.BEST;
    /** The defaults: watch the validation loss, never stop early, keep the best epoch's weights. */
    public static final EarlyStopping DEFAULT = new EarlyStopping(DEFAULT_MONITOR, OptionalInt.empty(), DEFAULT_MIN_DELTA, DEFAULT_KEEP);

    public EarlyStopping {
        if (monitor == null || patience == null || keep == null) {
            throw new IllegalArgumentException("early stopping needs a monitor, a patience (or none) and a model to keep");
        }
        if (patience.isPresent() && patience.getAsInt() < 1) {
            throw new UserException("patience must be a positive number of epochs, got " + patience.getAsInt());
        }
        if (!(minDelta >= 0) || !Double.isFinite(minDelta)) {
            throw new UserException("min delta must be a finite number of at least 0, got " + minDelta);
        }
    }

    public EarlyStopping withMonitor(Monitor monitor) {
        return new EarlyStopping(monitor, patience, minDelta, keep);
    }

    public EarlyStopping withPatience(int epochs) {
        return new EarlyStopping(monitor, OptionalInt.of(epochs), minDelta, keep);
    }

    /** The same without stopping early. */
    public EarlyStopping withoutPatience() {
        return new EarlyStopping(monitor, OptionalInt.empty(), minDelta, keep);
    }

    public EarlyStopping withMinDelta(double minDelta) {
        return new EarlyStopping(monitor, patience, minDelta, keep);
    }

    public EarlyStopping withKeep(Keep keep) {
        return new EarlyStopping(monitor, patience, minDelta, keep);
    }

    /** Whether a run with a validation set must judge each epoch: to stop early or to keep the best one. */
    public boolean judgesEpochs() {
        return patience.isPresent() || keep == Keep.BEST;
    }

    /** "keep the best epoch by val_loss", "stop after 3 epochs without val_accuracy improving by 0.001; keep the last". */
    public String describe() {
        String delta = minDelta > 0 ? String.format(Locale.ROOT, " by more than %s", minDelta) : "";
        String stop = patience.isPresent()
                ? "stop after " + org.scratchnet.Count.of(patience.getAsInt(), "epoch") + " without " + monitor.id() + " improving" + delta + "; "
                : "";
        return stop + (keep == Keep.BEST ? "keep the best epoch by " + monitor.id() + (stop.isEmpty() ? delta : "") : "keep the last");
    }
}
