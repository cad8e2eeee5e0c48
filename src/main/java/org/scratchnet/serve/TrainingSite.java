package org.scratchnet.serve;

import java.util.LinkedHashMap;
import java.util.Map;
import org.scratchnet.OneLine;
import org.scratchnet.dashboard.TrainingEvents;
import org.scratchnet.train.TrainingControl;

/**
 * What {@code train --dashboard}'s server answers: the dashboard page at / (with the bundled
 * scripts and style sheet under /assets/), the run's events as a stream and its history so far,
 * the control of the run, and /health. Paths are matched whole; anything else is a 404, a known
 * path asked with the wrong method a 405 naming the right one.
 */
final class TrainingSite implements WebServer.Handler {
    /** A control request is a few dozen bytes. */
    static final int MAX_CONTROL_BYTES = 4096;
    private static final String ROUTES = "the dashboard is /; the API is GET /api/training/events (server-sent events),"
            + " GET /api/training/history, POST /api/training/control, GET /health";

    private final Assets assets = new Assets();
    private final TrainingEvents events;
    private final TrainingControl control;

    TrainingSite(TrainingEvents events, TrainingControl control) {
        this.events = events;
        this.control = control;
    }

    @Override
    public Response handle(Request r) {
        switch (r.path) {
            case "/" -> {
                get(r);
                Assets.Asset page = assets.file(Assets.DASHBOARD);
                return Response.bytes(page.contentType(), page.bytes());
            }
            case "/health" -> {
                get(r);
                Map<String, Object> ok = new LinkedHashMap<>();
                ok.put("status", "ok");
                ok.put("training", state());
                return Response.json(200, ok);
            }
            case "/api/training/events" -> {
                if (!r.method.equals("GET")) throw methodNotAllowed(r, "GET");
                return EventStream.open(r, events);
            }
            case "/api/training/history" -> {
                get(r);
                return Response.bytes(Response.JSON, events.historyJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            case "/api/training/control" -> {
                if (!r.method.equals("POST")) throw methodNotAllowed(r, "POST");
                return control(r);
            }
            default -> {
                Assets.Asset asset = r.path.startsWith("/assets/") ? assets.get(r.path) : null;
                if (asset == null) throw new HttpError(404, "nothing at " + OneLine.excerpt(r.path, 80) + "; " + ROUTES);
                get(r);
                return Response.bytes(asset.contentType(), asset.bytes());
            }
        }
    }

    private Response control(Request r) {
        String type = r.mediaType();
        if (!"application/json".equals(type)) {
            throw new HttpError(415, "send the control as application/json, " + ControlJson.SHAPE
                    + (type == null ? "" : "; got " + OneLine.excerpt(type, 60)));
        }
        ControlJson.Control asked = ControlJson.parse(r.body(MAX_CONTROL_BYTES));
        if (events.finished()) throw new HttpError(409, "the run has ended; there is nothing left to pause or speed up");
        if (asked.learningRate() != null) control.requestRate(asked.learningRate());
        if (Boolean.TRUE.equals(asked.paused())) control.pause();
        if (Boolean.FALSE.equals(asked.paused())) control.resume();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("paused", control.paused());
        answer.put("learning_rate", asked.learningRate());  // asked for: it takes effect at the next update
        return Response.json(200, answer);
    }

    private String state() {
        return events.finished() ? "finished" : control.paused() ? "paused" : "running";
    }

    private static void get(Request r) {
        if (!r.method.equals("GET") && !r.method.equals("HEAD")) throw methodNotAllowed(r, "GET, HEAD");
    }

    private static HttpError methodNotAllowed(Request r, String allowed) {
        return HttpError.methodNotAllowed(OneLine.excerpt(r.method, 20) + " is not answered at " + r.path + "; use " + allowed,
                allowed);
    }
}
