package org.scratchnet.train;

import java.util.Locale;
import org.scratchnet.UserException;

/**
 * The quantity measured on the validation set after each epoch to judge which epoch is best and
 * when to stop early, with the direction in which it improves: the loss is minimised, the
 * accuracy maximised. The names are Keras's ({@code val_loss}, {@code val_accuracy}).
 */
public enum Monitor {
    VAL_LOSS("val_loss", false),
    VAL_ACCURACY("val_accuracy", true);

    private final String id;
    private final boolean higherIsBetter;

    Monitor(String id, boolean higherIsBetter) {
        this.id = id;
        this.higherIsBetter = higherIsBetter;
    }

    /** "val_loss" or "val_accuracy": the option's and the experiment file's name for it. */
    public String id() {
        return id;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** The monitored number among an epoch's validation loss and accuracy. */
    public double of(double validationLoss, double validationAccuracy) {
        return this == VAL_LOSS ? validationLoss : validationAccuracy;
    }

    /**
     * Whether {@code value} improves on {@code best} by more than {@code minDelta}: below
     * best - minDelta for the loss, above best + minDelta for the accuracy. NaN never improves, and
     * anything finite improves on no best at all (NaN, the state before the first epoch).
     */
    public boolean improves(double value, double best, double minDelta) {
        if (Double.isNaN(value)) return false;
        if (Double.isNaN(best)) return true;
        return higherIsBetter ? value > best + minDelta : value < best - minDelta;
    }

    /** The monitor of this name (any case, spaces around ignored): the one place the names are read. */
    public static Monitor parse(String name) {
        String id = name.trim().toLowerCase(Locale.ROOT);
        for (Monitor m : values()) if (m.id.equals(id)) return m;
        throw new UserException("unknown monitor '" + name + "': use val_loss or val_accuracy");
    }
}
