package org.scratchnet.serve;

import java.net.URI;
import org.scratchnet.dashboard.TrainingEvents;
import org.scratchnet.train.TrainingControl;

/**
 * The server of {@code train --dashboard}: serve's {@link WebServer} (the same safe defaults:
 * loopback by default with the host check, security headers, bounded bodies, one-line JSON errors)
 * answering with a {@link TrainingSite} for one run's {@link TrainingEvents} and
 * {@link TrainingControl}. The run does not depend on it: it trains and saves its model whether
 * a page is open, closed or never opened.
 */
public final class TrainingDashboard implements AutoCloseable {
    /** Workers for the short requests; each event stream has a thread of its own. */
    static final int THREADS = 2;
    /** How long closing waits for the open pages to be sent the run's last events. */
    static final long DRAIN_MILLIS = 2000;

    private final WebServer web;
    private final TrainingEvents events;

    private TrainingDashboard(WebServer web, TrainingEvents events) {
        this.web = web;
        this.events = events;
    }

    /** Serves the dashboard of {@code events} and {@code control} at the address taken. */
    public static TrainingDashboard start(WebServer.Bound address, TrainingEvents events, TrainingControl control) {
        return new TrainingDashboard(address.serve(THREADS, new TrainingSite(events, control), Double.NaN), events);
    }

    public URI url() {
        return web.url();
    }

    /** Gives the open pages up to {@value #DRAIN_MILLIS} ms to receive the last events, then stops the server. */
    @Override
    public void close() {
        long end = System.nanoTime() + DRAIN_MILLIS * 1_000_000;
        while (events.finished() && events.subscribers() > 0 && System.nanoTime() < end) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        web.stop(0);
    }
}
