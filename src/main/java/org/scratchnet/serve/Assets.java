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
    /** URL path -> bundled file name. */
    private static final Map<String, String> PATHS = Map.of(
            "/", "index.html",
            "/model", "model.html",
            "/learn", "learn.html",
            "/assets/style.css", "style.css",
            "/assets/draw.js", "draw.js",
            "/assets/card.js", "card.js",
            "/assets/learn.js", "learn.js",
            "/assets/icon.svg", "icon.svg");

    private final Map<String, Asset> byPath = new LinkedHashMap<>();

    Assets() {
        PATHS.forEach((path, file) -> byPath.put(path, new Asset(type(file), read(file))));
    }

    /** The file served at {@code path}, or null. */
    Asset get(String path) {
        return byPath.get(path);
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
