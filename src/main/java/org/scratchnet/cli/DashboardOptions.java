package org.scratchnet.cli;

import java.util.Locale;
import java.util.Map;
import org.scratchnet.UserException;
import org.scratchnet.dashboard.DashboardListener;
import org.scratchnet.dashboard.TrainingEvents;
import org.scratchnet.data.Dataset;
import org.scratchnet.nn.Network;
import org.scratchnet.serve.TrainingDashboard;
import org.scratchnet.serve.WebServer;
import org.scratchnet.train.Trainer;
import org.scratchnet.train.TrainingControl;
import org.scratchnet.train.TrainingListener;

/**
 * {@code train --dashboard [--host H] [--port P]}: a live page of the run while it trains, served
 * as {@code serve} serves its pages (same defaults: {@value ServeCommand#DEFAULT_HOST}, port
 * {@value ServeCommand#DEFAULT_PORT}). The address is taken before any slow work, so that a port in
 * use is one line at once; the page's server stops when the run ends.
 */
final class DashboardOptions {
    /** Seconds for a request to the dashboard to arrive whole (its event streams last as long as the run). */
    static final int REQUEST_TIMEOUT_SECONDS = ServeCommand.DEFAULT_TIMEOUT_SECONDS;

    @picocli.CommandLine.Option(names = "--dashboard",
            description = {"Serve a live page of the run while it trains (loss, accuracy, rate, speed, first-layer weights,"
                    + " per-layer statistics, confusion matrix), where it can be paused and resumed and its learning rate"
                    + " changed: from the next update on, the schedule's rate is scaled so that that update runs at the rate"
                    + " asked (the schedule's shape goes on, scaled). Changes are recorded in the history, the model's"
                    + " provenance and the checkpoint. The run finishes and saves its model with the page closed or never opened."})
    boolean enabled;

    @picocli.CommandLine.Option(names = "--host", paramLabel = "ADDRESS",
            description = "With --dashboard: the address to listen on (default: " + ServeCommand.DEFAULT_HOST + ", this machine only).")
    String host;

    @picocli.CommandLine.Option(names = "--port", paramLabel = "N", converter = OptionTypes.Port.class,
            description = "With --dashboard: the port (default: " + ServeCommand.DEFAULT_PORT + "; 0 for any free port).")
    Integer port;

    /** The dashboard of one run: inert without --dashboard. */
    Session open() {
        if (!enabled) {
            if (host != null || port != null) {
                throw new UserException((host != null ? "--host" : "--port") + " is for the dashboard; add --dashboard, or drop it");
            }
            return new Session(null);
        }
        WebServer.setRequestTimeout(REQUEST_TIMEOUT_SECONDS);
        return new Session(WebServer.bind(host != null ? host : ServeCommand.DEFAULT_HOST, port != null ? port : ServeCommand.DEFAULT_PORT));
    }

    /** The address taken, then the server, events, control and listener of the run once it starts. */
    static final class Session implements AutoCloseable {
        private final WebServer.Bound address;
        private TrainingDashboard server;
        private TrainingEvents events;
        private DashboardListener listener;
        private final TrainingControl control = new TrainingControl();

        private Session(WebServer.Bound address) {
            this.address = address;
        }

        /**
         * Starts serving the run's page and makes {@code trainer} report to it (besides {@code progress})
         * and take its controls; prints the address (on stderr with --json, whose stdout is one object).
         * Without --dashboard, only {@code progress} listens.
         */
        void watch(Trainer trainer, TrainingListener progress, Network net, Dataset train, Dataset validation,
                   DashboardListener.Run run, boolean json) {
            if (address == null) {
                trainer.listener(progress);
                return;
            }
            events = new TrainingEvents();
            listener = new DashboardListener(net, train, validation, run, events);
            server = TrainingDashboard.start(address, events, control);
            trainer.listener(TrainingListener.both(progress, listener)).control(control);
            (json ? System.err : System.out).printf(Locale.ROOT, "Dashboard: %s (pause, resume and change the learning rate there)%n",
                    server.url());
            (json ? System.err : System.out).flush();
        }

        /** Time the run spent paused from the page, not training time. */
        long pausedNanos() {
            return control.heldNanos();
        }

        /** Tells the pages how the run ended: {@code outcome} in a sentence, and where its model or checkpoint went. */
        void ended(String outcome, Map<String, Object> details) {
            if (listener != null) listener.end(outcome, details);
        }

        /** Stops the page's server; a run that ended otherwise (it diverged, a file could not be written) says so first. */
        @Override
        public void close() {
            if (listener != null && !events.finished()) listener.end("ended without saving a model (see the terminal)", Map.of());
            if (server != null) server.close();
            else if (address != null) address.close();
        }
    }
}
