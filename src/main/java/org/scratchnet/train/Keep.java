package org.scratchnet.train;

import java.util.Locale;
import org.scratchnet.UserException;

/**
 * Which weights a run ends with when it has a validation set: those of its best epoch by the
 * monitored quantity (restore-best, Keras's {@code restore_best_weights}), or those of its last
 * update. Without a validation set there is no best epoch, and a run always ends with its last
 * weights.
 */
public enum Keep {
    BEST("best"),
    LAST("last");

    private final String id;

    Keep(String id) {
        this.id = id;
    }

    /** "best" or "last". */
    public String id() {
        return id;
    }

    public static Keep parse(String name) {
        String id = name.trim().toLowerCase(Locale.ROOT);
        for (Keep k : values()) if (k.id.equals(id)) return k;
        throw new UserException("unknown choice '" + name + "' for the model to keep: use best or last");
    }
}
