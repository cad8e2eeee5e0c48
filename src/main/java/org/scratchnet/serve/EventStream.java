package org.scratchnet.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.scratchnet.dashboard.TrainingEvents;

/**
 * {@code GET /api/training/events}: a page's stream of server-sent events (text/event-stream), one
 * JSON object per event: first {@code {"type": "history", ...}} (the run so far), then each event
 * as it is published. Each stream is written by a thread of its own, so that it holds no worker of
 * the server and the training thread never waits for it ({@link TrainingEvents} queues the events).
 * The stream ends when the run is over and everything was sent, when the page goes away, or when
 * the page fell too far behind: the browser's EventSource then reconnects after a second and
 * starts again from the history.
 */
final class EventStream {
    /** How long the writer waits for an event before it looks whether the stream should end. */
    private static final long POLL_MILLIS = 250;
    /** A comment line this often keeps proxies from closing an idle stream and finds pages that went away. */
    private static final long KEEP_ALIVE_MILLIS = 15_000;
    /** What the browser waits before it reconnects. */
    private static final int RETRY_MILLIS = 1000;
    private static final AtomicInteger COUNT = new AtomicInteger();

    private EventStream() {}

    /** Starts the stream of {@code r} (a 503 when too many pages follow the run already). */
    static Response open(Request r, TrainingEvents events) {
        TrainingEvents.Subscription subscription = events.subscribe();
        if (subscription == null) {
            throw new HttpError(503, TrainingEvents.MAX_SUBSCRIBERS + " pages follow this run already; close one, or read"
                    + " GET /api/training/history instead");
        }
        HttpExchange exchange = r.exchange();
        try {
            WebServer.setSecurityHeaders(exchange);
            var headers = exchange.getResponseHeaders();
            headers.set("Content-Type", "text/event-stream; charset=utf-8");
            headers.set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, 0);  // chunked: the stream has no length
        } catch (IOException e) {
            subscription.close();
            exchange.close();
            return Response.STREAMING;
        }
        Thread writer = new Thread(() -> write(exchange, subscription), "scratchnet-events-" + COUNT.incrementAndGet());
        writer.setDaemon(true);
        writer.start();
        return Response.STREAMING;
    }

    private static void write(HttpExchange exchange, TrainingEvents.Subscription subscription) {
        try (OutputStream out = exchange.getResponseBody()) {
            send(out, "retry: " + RETRY_MILLIS + "\n\n");
            send(out, "data: " + subscription.history() + "\n\n");
            long quietSince = System.nanoTime();
            while (!subscription.dropped()) {
                String event = subscription.next(POLL_MILLIS);
                if (event != null) {
                    send(out, "data: " + event + "\n\n");  // the JSON is on one line: one data line per event
                    quietSince = System.nanoTime();
                } else if (subscription.ended()) {
                    break;
                } else if (System.nanoTime() - quietSince > KEEP_ALIVE_MILLIS * 1_000_000) {
                    send(out, ": still training\n\n");
                    quietSince = System.nanoTime();
                }
            }
        } catch (IOException e) {
            // The page went away (closed, reloaded) or the server is stopping.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            subscription.close();
            exchange.close();
        }
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
