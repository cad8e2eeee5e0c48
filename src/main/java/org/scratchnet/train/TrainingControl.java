package org.scratchnet.train;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.scratchnet.UserException;

/**
 * What may change a run from another thread while it trains (the live dashboard's buttons):
 * pause and resume, and a new learning rate. The trainer reads it between two updates only, so a
 * paused run holds with every number as it was, and a run paused and resumed makes the same
 * updates, to the bit, as one never paused; a new rate takes effect at the next update (see
 * {@link RateChange} for what it means with a schedule). No method here ever waits for the
 * trainer, and the trainer waits only while the run is paused.
 */
public final class TrainingControl {
    /** The smallest rate the page may ask for: below it an update changes no float32 weight. */
    public static final float MIN_RATE = 1e-8f;
    /** The largest: far above any rate that trains these networks (lr-find's range ends at 10). */
    public static final float MAX_RATE = 10f;
    /** How often a paused trainer looks whether it was asked to stop (Ctrl-C). */
    private static final long STOP_POLL_MILLIS = 100;

    private final Object lock = new Object();
    private boolean paused;             // guarded by lock
    private long heldNanos;             // guarded by lock: time the trainer spent paused
    private final AtomicReference<Float> requestedRate = new AtomicReference<>();

    /** Holds the run before its next update, until {@link #resume()}. */
    public void pause() {
        synchronized (lock) {
            paused = true;
        }
    }

    public void resume() {
        synchronized (lock) {
            paused = false;
            lock.notifyAll();
        }
    }

    public boolean paused() {
        synchronized (lock) {
            return paused;
        }
    }

    /** Nanoseconds the trainer has spent paused so far (not training time). */
    public long heldNanos() {
        synchronized (lock) {
            return heldNanos;
        }
    }

    /**
     * Asks for {@code rate} from the next update on (a later request before that update replaces
     * this one). Refused unless it is a number from {@value #MIN_RATE} to {@value #MAX_RATE}.
     */
    public void requestRate(double rate) {
        requestedRate.set(check(rate));
    }

    /** {@code rate} as a float if it is a rate the page may ask for; a one-line {@link UserException} otherwise. */
    public static float check(double rate) {
        if (!(rate >= MIN_RATE && rate <= MAX_RATE)) {
            throw new UserException(String.format(Locale.ROOT, "a learning rate must be a number from %s to %s, got %s",
                    MIN_RATE, MAX_RATE, rate));
        }
        return (float) rate;
    }

    /** The rate asked for since the last call, or null: the trainer takes it before an update. */
    Float takeRequestedRate() {
        return requestedRate.getAndSet(null);
    }

    /**
     * Called by the trainer between two updates: returns at once unless the run is paused, else
     * tells {@code listener}, waits until it is resumed or {@code stop} says the run must stop, and
     * tells it again. Returns the nanoseconds it waited.
     */
    long holdWhilePaused(int step, BooleanSupplier stop, TrainingListener listener) {
        synchronized (lock) {
            if (!paused || stop.getAsBoolean()) return 0;
        }
        long start = System.nanoTime();
        listener.paused(step);
        long held;
        synchronized (lock) {
            try {
                while (paused && !stop.getAsBoolean()) lock.wait(STOP_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            held = System.nanoTime() - start;
            heldNanos += held;
        }
        listener.resumed(step);
        return held;
    }
}
