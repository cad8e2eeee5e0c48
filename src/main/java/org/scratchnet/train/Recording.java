package org.scratchnet.train;

import org.scratchnet.UserException;

/**
 * How often a run records a row of its {@link History} (train loss and accuracy since the last
 * row, and a pass over the validation set): once per epoch, every so many updates, or about so
 * many points over the whole run. The last update of a run is always recorded.
 *
 * <pre>
 *   Recording.everyEpoch()       at the end of each epoch
 *   Recording.every(10)          every 10 updates
 *   Recording.aboutPoints(50)    about 50 rows over the run, at most 10 per epoch
 * </pre>
 *
 * @param kind  which of the three
 * @param count updates between rows ({@code EVERY}), or rows wanted ({@code ABOUT_POINTS}); 0 for {@code EVERY_EPOCH}
 */
public record Recording(Kind kind, int count) {

    public enum Kind { EVERY_EPOCH, EVERY, ABOUT_POINTS }

    /** The most rows {@link #aboutPoints} records per epoch: each row is a pass over the validation set. */
    static final int MAX_POINTS_PER_EPOCH = 10;

    public Recording {
        if (kind == null) throw new IllegalArgumentException("a recording needs a kind");
        if (kind == Kind.EVERY_EPOCH ? count != 0 : count <= 0) {
            throw new UserException("record every must be a positive number of " + (kind == Kind.EVERY ? "updates" : "points")
                    + ", got " + count);
        }
    }

    public static Recording everyEpoch() {
        return new Recording(Kind.EVERY_EPOCH, 0);
    }

    public static Recording every(int updates) {
        return new Recording(Kind.EVERY, updates);
    }

    public static Recording aboutPoints(int points) {
        return new Recording(Kind.ABOUT_POINTS, points);
    }

    /** Updates between two rows in a run of {@code totalSteps} updates, {@code stepsPerEpoch} to an epoch. */
    public int interval(int totalSteps, int stepsPerEpoch) {
        return switch (kind) {
            case EVERY_EPOCH -> stepsPerEpoch;
            case EVERY -> count;
            case ABOUT_POINTS -> Math.max(1, Math.max(totalSteps / count, stepsPerEpoch / MAX_POINTS_PER_EPOCH));
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case EVERY_EPOCH -> "every epoch";
            case EVERY -> "every " + count + " updates";
            case ABOUT_POINTS -> "about " + count + " points";
        };
    }
}
