package org.scratchnet.serve;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scratchnet.OneLine;

/**
 * What the server answers at each path: the draw page, the model card and the page of one
 * training step (bundled files), the model card's figures, and the JSON API. Paths are matched as whole strings; anything else is a
 * 404 and a known path asked with the wrong method a 405 naming the right one. HEAD is answered
 * as GET without the body (by {@link WebServer}).
 */
final class Site implements WebServer.Handler {
    private static final String FIGURE_PREFIX = "/api/figures/";
    private static final String ROUTES = "the page is /, the model card /model, one training step /learn, the training history"
            + " /history; the API is GET /api/model, POST /api/predict, GET /api/learn, GET /api/history, GET /health";

    private final String modelName;
    private final Assets assets;
    private final ModelCard card;
    private final PredictEndpoint predict;
    private final LearnStep learn;
    private final WebServer.History history;

    Site(String modelName, List<String> memberNames, Assets assets, ModelCard card, Predictor predictor, LearnStep learn,
         WebServer.History history) {
        this.modelName = modelName;
        this.assets = assets;
        this.card = card;
        this.predict = new PredictEndpoint(predictor, memberNames);
        this.learn = learn;
        this.history = history;
    }

    @Override
    public Response handle(Request r) {
        switch (r.path) {
            case "/health" -> {
                get(r);
                Map<String, Object> ok = new LinkedHashMap<>();
                ok.put("status", "ok");
                ok.put("model", modelName);
                return Response.json(200, ok);
            }
            case "/api/model" -> {
                get(r);
                Map<String, Object> json = new LinkedHashMap<>(card.json());
                json.put("history", history == null ? null : "/history");  // the page of the training history, if there is one
                return Response.json(200, json);
            }
            case "/api/learn" -> {
                get(r);
                return Response.bytes(Response.JSON, learn.json(r.query.get("member")));
            }
            case "/api/history" -> {
                get(r);
                if (history == null) throw noHistory();
                Map<String, Object> h = new LinkedHashMap<>();
                h.put("model", modelName);
                h.put("file", history.file());
                h.put("learning_rate_changes", card.learningRateChanges());
                h.put("rows", history.rows());
                return Response.json(200, h);
            }
            case "/history" -> {
                get(r);
                if (history == null) throw noHistory();
                Assets.Asset page = assets.get(r.path);
                return Response.bytes(page.contentType(), page.bytes());
            }
            case "/api/predict" -> {
                if (!r.method.equals("POST")) throw methodNotAllowed(r, "POST");
                return predict.handle(r);
            }
            default -> {
                if (r.path.startsWith(FIGURE_PREFIX) && r.path.endsWith(".png")) {
                    String name = r.path.substring(FIGURE_PREFIX.length(), r.path.length() - ".png".length());
                    if (ModelCard.FIGURES.contains(name)) {
                        get(r);
                        byte[] png = card.figure(name);
                        if (png == null) throw new HttpError(404, "this model has no " + name + " figure");
                        return Response.bytes("image/png", png);
                    }
                }
                Assets.Asset asset = assets.get(r.path);
                if (asset == null) throw new HttpError(404, "nothing at " + OneLine.excerpt(r.path, 80) + "; " + ROUTES);
                get(r);
                return Response.bytes(asset.contentType(), asset.bytes());
            }
        }
    }

    private static HttpError noHistory() {
        return new HttpError(404, "this server has no training history of its model: none was found beside it; give one with"
                + " serve --history FILE (the .history.csv train wrote)");
    }

    /** Refuses any method but GET and HEAD. */
    private static void get(Request r) {
        if (!r.method.equals("GET") && !r.method.equals("HEAD")) throw methodNotAllowed(r, "GET, HEAD");
    }

    private static HttpError methodNotAllowed(Request r, String allowed) {
        return HttpError.methodNotAllowed(OneLine.excerpt(r.method, 20) + " is not answered at " + r.path + "; use " + allowed,
                allowed);
    }
}
