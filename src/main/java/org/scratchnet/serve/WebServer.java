package org.scratchnet.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scratchnet.UserException;
import org.scratchnet.data.Dataset;
import org.scratchnet.eval.Committee;
import org.scratchnet.io.HistoryCsv;
import org.scratchnet.nn.Network;

/**
 * {@code scratchnet serve}'s HTTP server, on the JDK's own {@code com.sun.net.httpserver} (no
 * dependency, no native code): the draw page, the model card and the JSON API of {@link Site};
 * and {@code train --dashboard}'s, which answers with a {@link TrainingSite} instead.
 *
 * <p>Safe defaults: a fixed number of worker threads is the cap on concurrent work, and a bounded
 * number of requests may wait their turn; beyond them a request is answered 503 at once
 * ({@link Admission}); bodies are limited ({@link PredictEndpoint#MAX_BODY_BYTES}); every failure
 * is answered as {@code {"error": "one line"}} with its 4xx status, never a stack trace (a bug
 * gives a 500 and its trace on the server's stderr); every answer carries headers that keep the
 * browser from sniffing types, framing the page or loading anything from elsewhere. Bound to a
 * loopback address, the server also refuses requests addressed to any other host name, so that a
 * web site cannot reach it through DNS rebinding. Request timeouts are the JDK server's, set for
 * the whole process by {@link #setTimeouts} before the first server starts.
 */
public final class WebServer implements AutoCloseable {

    /** Requests that may wait for a worker, per worker thread, before the next is answered 503 at once ({@link Admission}). */
    public static final int WAITING_PER_THREAD = 64;

    /** Headers on every answer: no type sniffing, no framing, nothing loaded from another origin, no referrer. */
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:;"
                    + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            "Referrer-Policy", "no-referrer",
            "Cross-Origin-Opener-Policy", "same-origin",
            "Cross-Origin-Resource-Policy", "same-origin");

    /**
     * What to serve: one model, or the members of a committee that answer together with the mean of
     * their probabilities ({@link org.scratchnet.eval.Committee}); the test set of the model card;
     * and the rows of a training history (null: none to show). Members must read the same inputs
     * and answer the same classes.
     */
    public record Model(List<Member> members, Dataset test, String testDescription, History history) {
        public Model {
            if (members.isEmpty()) throw new IllegalArgumentException("nothing to serve: no model");
            members = List.copyOf(members);
        }

        /** One model: its name (for people), the network, its file's metadata, the card's test set and the history. */
        public Model(String name, Network network, Map<String, String> metadata, Dataset test, String testDescription,
                     History history) {
            this(List.of(new Member(name, network, metadata)), test, testDescription, history);
        }

        public Model(String name, Network network, Map<String, String> metadata, Dataset test, String testDescription) {
            this(name, network, metadata, test, testDescription, null);
        }

        /** For people: the model's name, or "committee of K models". */
        public String name() {
            return members.size() == 1 ? members.get(0).name() : "committee of " + members.size() + " models";
        }
    }

    /** A served network: its name (for people, usually its file's), the network and its file's metadata. */
    public record Member(String name, Network network, Map<String, String> metadata) {}

    /** A finished run's history, as serve's /history page draws it: the CSV's name and rows. */
    public record History(String file, java.util.List<Map<String, Object>> rows) {
        /** Reads the history CSV {@code file} (one line on stderr-free refusal: a {@link UserException}). */
        public static History read(java.nio.file.Path file) {
            return new History(String.valueOf(file.getFileName()), HistoryCsv.read(file));
        }
    }

    /** What answers the requests of one server: serve's {@link Site}, or train --dashboard's {@link TrainingSite}. */
    interface Handler {
        /** The answer to {@code r}, or {@link Response#STREAMING} when the handler took the exchange over (a stream of events). */
        Response handle(Request r);
    }

    private final HttpServer server;
    private final Admission admission;
    private final boolean loopbackOnly;
    private final double testAccuracy;
    private final Handler handler;

    private WebServer(HttpServer server, Admission admission, boolean loopbackOnly, Handler handler, double testAccuracy) {
        this.server = server;
        this.admission = admission;
        this.loopbackOnly = loopbackOnly;
        this.handler = handler;
        this.testAccuracy = testAccuracy;
    }

    /**
     * Sets how long a request may take to arrive whole and its answer to be sent, in seconds. The
     * JDK's server reads these once per process, when the first server is made: call this before.
     * A slow or stalled client is disconnected after that time, freeing its worker.
     */
    public static void setTimeouts(int seconds) {
        System.setProperty("sun.net.httpserver.maxReqTime", Integer.toString(seconds));
        System.setProperty("sun.net.httpserver.maxRspTime", Integer.toString(seconds));
    }

    /**
     * Sets only how long a request may take to arrive whole: for a server whose answers include
     * streams that last as long as a training run (the JDK's answer timeout would cut them).
     */
    public static void setRequestTimeout(int seconds) {
        System.setProperty("sun.net.httpserver.maxReqTime", Integer.toString(seconds));
    }

    /**
     * Binds {@code host:port} (port 0: any free port), evaluates the model on its test set for the
     * model card, and starts answering with {@code threads} workers. A port in use or a host that
     * is not this machine's is a {@link UserException}.
     */
    public static WebServer start(String host, int port, int threads, Model model) {
        return bind(host, port).start(threads, model);
    }

    /**
     * Takes {@code host:port} before anything slow is done, so that a port in use or a host that is
     * not this machine's is reported at once (a {@link UserException}); {@link Bound#start} then serves.
     */
    public static Bound bind(String host, int port) {
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new UserException("--host " + host + " is not a known host name or address; the default is 127.0.0.1 (this machine only)");
        }
        try {
            return new Bound(HttpServer.create(address, 0), address.getAddress().isLoopbackAddress());
        } catch (BindException e) {
            String why = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (why.contains("in use")) {
                throw new UserException("port " + port + " on " + host + " is in use (another server, or another scratchnet serve?);"
                        + " choose another with --port, or --port 0 for any free one");
            }
            throw new UserException("cannot listen on " + host + ":" + port + " (" + e.getMessage() + "); --host must be an"
                    + " address of this machine (127.0.0.1 by default, 0.0.0.0 for all) and --port one this user may open");
        } catch (SocketException e) {
            throw new UserException("cannot listen on " + host + ":" + port + " (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An address taken but not yet served. */
    public static final class Bound {
        private final HttpServer server;
        private final boolean loopback;

        private Bound(HttpServer server, boolean loopback) {
            this.server = server;
            this.loopback = loopback;
        }

        /** Evaluates the model for its card and starts answering with {@code threads} workers. */
        public WebServer start(int threads, Model model) {
            try {
                Predictor predictor = new Predictor(Committee.of(model.members().stream().map(Member::network).toList()));
                ModelCard card = new ModelCard(model.name(), model.members(), predictor,
                        new ModelCard.TestSet(model.test(), model.testDescription()));
                List<String> names = model.members().stream().map(Member::name).toList();
                Site site = new Site(model.name(), names, new Assets(), card, predictor,
                        new LearnStep(model.name(), names, predictor, model.test(), model.testDescription()), model.history());
                return serve(threads, site, card.testAccuracy());
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        /** Starts answering with {@code handler} on {@code threads} workers. */
        WebServer serve(int threads, Handler handler, double testAccuracy) {
            return serve(Admission.forThreads(threads), handler, testAccuracy);
        }

        /** Starts answering with {@code handler}, requests admitted by {@code admission}. */
        WebServer serve(Admission admission, Handler handler, double testAccuracy) {
            try {
                WebServer web = new WebServer(server, admission, loopback, handler, testAccuracy);
                server.createContext("/", web::answer);
                server.setExecutor(admission.executor());
                server.start();
                return web;
            } catch (RuntimeException e) {
                close();
                admission.shutdownNow();
                throw e;
            }
        }

        /** Gives the address back without serving (when what comes before serving fails). */
        public void close() {
            server.stop(0);
        }
    }

    /** The page's address, e.g. http://127.0.0.1:8080/ (the bound port when 0 was asked). */
    public URI url() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        if (host.contains(":")) host = "[" + host + "]";
        return URI.create("http://" + host + ":" + a.getPort() + "/");
    }

    /** The model's accuracy on its test set, measured at start-up. */
    public double testAccuracy() {
        return testAccuracy;
    }

    /** Stops accepting, gives requests in progress up to {@code graceSeconds} to finish, then closes every connection. */
    public void stop(int graceSeconds) {
        server.stop(graceSeconds);
        admission.shutdownNow();
    }

    @Override
    public void close() {
        stop(0);
    }

    private void answer(HttpExchange exchange) {
        boolean streaming = false;
        try {
            Response response;
            try {
                if (Admission.answersBusy()) {
                    send(exchange, admission.busyAnswer());  // beyond the queue: told at once, nothing worked on
                    return;
                }
                checkHost(exchange);
                response = handler.handle(new Request(exchange));
                streaming = response == Response.STREAMING;
                if (streaming) return;  // the handler answers, and closes the exchange, on a thread of its own
            } catch (HttpError e) {
                response = Response.error(e.status, e.getMessage());
                if (e.allow != null) response = response.withHeader("Allow", e.allow);
            } catch (UserException e) {
                response = Response.error(400, e.getMessage());
            } catch (UncheckedIOException e) {
                return;  // the client went away or was too slow: there is no one to answer
            } catch (OutOfMemoryError e) {
                response = Response.error(503, "the server ran out of memory for this request; try again, or send a smaller image");
            } catch (RuntimeException e) {
                System.err.println("scratchnet: internal error answering " + exchange.getRequestMethod() + " "
                        + exchange.getRequestURI().getRawPath() + ":");
                e.printStackTrace();
                response = Response.error(500, "internal error (" + e.getClass().getSimpleName() + "); the server's log has the details");
            }
            send(exchange, response);
        } catch (IOException e) {
            // The client closed the connection while the answer was being sent.
        } finally {
            if (!streaming) exchange.close();
        }
    }

    /** The headers every answer carries, on an answer a handler sends itself (a stream). */
    static void setSecurityHeaders(HttpExchange exchange) {
        SECURITY_HEADERS.forEach(exchange.getResponseHeaders()::set);
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        var headers = exchange.getResponseHeaders();
        SECURITY_HEADERS.forEach(headers::set);
        headers.set("Content-Type", response.contentType());
        headers.set("Cache-Control", "no-cache");
        response.headers().forEach(headers::set);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(response.status(), head ? -1 : response.body().length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    /**
     * On a loopback address, only requests addressed to a loopback name are answered: a page on
     * another site that makes its own host name resolve to 127.0.0.1 (DNS rebinding) is refused.
     */
    private void checkHost(HttpExchange exchange) {
        if (!loopbackOnly) return;
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null) return;  // HTTP/1.0: no browser sends it so
        String name = host.strip().toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) name = name.substring(0, Math.max(1, name.indexOf(']') + 1));
        else if (name.indexOf(':') >= 0) name = name.substring(0, name.indexOf(':'));
        boolean loopback = name.equals("localhost") || name.equals("[::1]") || name.matches("127(\\.\\d{1,3}){3}");
        if (!loopback) {
            throw new HttpError(403, "this server answers requests for localhost only (it listens on a loopback address),"
                    + " not for host '" + org.scratchnet.OneLine.excerpt(host, 60) + "'; start it with --host to serve others");
        }
    }
}
