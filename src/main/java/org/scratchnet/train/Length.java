package org.scratchnet.train;

import java.util.Locale;
import org.scratchnet.Count;
import org.scratchnet.UserException;

/**
 * How long a run trains: a number of passes over the training set ({@code Length.epochs(8)}) or
 * a number of updates ({@code Length.iterations(500)}). Only one of the two is ever set, so there
 * is no "0 means use the other" to decode.
 *
 * @param unit  what {@code count} counts
 * @param count how many, at least 1
 */
public record Length(Unit unit, int count) {

    public enum Unit {
        EPOCHS("epoch"),
        ITERATIONS("iteration");

        private final String singular;

        Unit(String singular) {
            this.singular = singular;
        }

        /** "epochs" or "iterations": the option, field and provenance key that sets this length. */
        public String id() {
            return singular + "s";
        }

        public String singular() {
            return singular;
        }
    }

    public Length {
        if (unit == null) throw new IllegalArgumentException("a length needs a unit: epochs or iterations");
        if (count <= 0) {
            throw new UserException("give a positive number of " + unit.id() + ", got " + count);
        }
    }

    public static Length epochs(int count) {
        return new Length(Unit.EPOCHS, count);
    }

    public static Length iterations(int count) {
        return new Length(Unit.ITERATIONS, count);
    }

    public boolean inEpochs() {
        return unit == Unit.EPOCHS;
    }

    /**
     * Updates in the whole run when an epoch is {@code stepsPerEpoch} updates, counted in long so
     * that a product beyond what the training loop can count is seen, not wrapped round.
     */
    public long steps(int stepsPerEpoch) {
        return inEpochs() ? (long) count * stepsPerEpoch : count;
    }

    /** "8 epochs", "1 iteration". */
    public String describe() {
        return Count.of(count, unit.singular());
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s(%d)", unit.id(), count);
    }
}
