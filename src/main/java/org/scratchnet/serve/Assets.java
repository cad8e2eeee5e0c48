package org.scratchnet.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The page's files, bundled in the jar under {@code org/scratchnet/serve/web/} and read into memory
 * once at start-up. Only the paths listed here are ever served: a request path is looked up as a
 * whole string, never turned into a file or resource name, so nothing outside them can be reached.
 * No CDN either: the page works offline.
 */
final class Assets {
    /** One file: its media type and bytes. */
    record Asset(String contentType, byte[] bytes) {}

    private static final String DIR = "web/";
    /** The live training dashboard ({@code train --dashboard} serves it at /). */
    static final String DASHBOARD = "training.html";
    /** URL path -> bundled file name. */
    private static final Map<String, String> PATHS = Map.ofEntries(
            Map.entry("/", "index.html"),
            Map.entry("/model", "model.html"),
            Map.entry("/learn", "learn.html"),
            Map.entry("/history", "history.html"),
            Map.entry("/assets/style.css", "style.css"),
            Map.entry("/assets/draw.js", "draw.js"),
            Map.entry("/assets/card.js", "card.js"),
            Map.entry("/assets/learn.js", "learn.js"),
            Map.entry("/assets/charts.js", "charts.js"),
            Map.entry("/assets/training.js", "training.js"),
            Map.entry("/assets/history.js", "history.js"),
            Map.entry("/assets/icon.svg", "icon.svg"));
    /** Pages served at a path of their own by one server only (the dashboard at / of train --dashboard). */
    private static final java.util.List<String> OTHER_PAGES = java.util.List.of(DASHBOARD);

    private final Map<String, Asset> byPath = new LinkedHashMap<>();
    private final Map<String, Asset> byFile = new LinkedHashMap<>();

    Assets() {
        PATHS.forEach((path, file) -> byPath.put(path, byFile.computeIfAbsent(file, f -> new Asset(type(f), read(f)))));
        OTHER_PAGES.forEach(file -> byFile.put(file, new Asset(type(file), read(file))));
    }

    /** The file served at {@code path}, or null. */
    Asset get(String path) {
        return byPath.get(path);
    }

    /** A bundled file by its name (one of the files listed here). */
    Asset file(String name) {
        Asset a = byFile.get(name);
        if (a == null) throw new IllegalArgumentException("no bundled file " + name);
        return a;
    }

    /** A bundled file as text (for the self-contained page of {@link LearnPage}). */
    static String text(String file) {
        return new String(read(file), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] read(String file) {
        try (InputStream in = Assets.class.getResourceAsStream(DIR + file)) {
            if (in == null) throw new IllegalStateException("the jar lacks " + DIR + file + " (a broken build)");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String type(String file) {
        if (file.endsWith(".html")) return "text/html; charset=utf-8";
        if (file.endsWith(".css")) return "text/css; charset=utf-8";
        if (file.endsWith(".js")) return "text/javascript; charset=utf-8";
        if (file.endsWith(".svg")) return "image/svg+xml";
        throw new IllegalArgumentException("no media type known for " + file);
    }
}
