package org.scratchnet.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as a handler sees it: method, path, query parameters, media type, and a body
 * read only on demand and never beyond a limit (the declared length is checked first, then what
 * really arrives, since a chunked body declares none).
 */
final class Request {
    /**
     * A body over the limit is still read and thrown away up to this many bytes, so that a client
     * still sending gets the 413 instead of a reset connection; beyond it the connection is closed.
     */
    static final long DRAIN_BYTES = 16L << 20;

    private final HttpExchange exchange;
    final String method;
    final String path;
    final Map<String, String> query;

    Request(HttpExchange exchange) {
        this.exchange = exchange;
        this.method = exchange.getRequestMethod();
        // The raw path, compared as it is: nothing is decoded or resolved, so no request names a file.
        this.path = exchange.getRequestURI().getRawPath();
        this.query = parseQuery(exchange.getRequestURI().getRawQuery());
    }

    /** The exchange itself, for a handler that answers with a stream. */
    HttpExchange exchange() {
        return exchange;
    }

    /** The Content-Type without its parameters, in lower case; null when the request has none. */
    String mediaType() {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || type.isBlank()) return null;
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /** The whole body, refused with 413 when it is larger than {@code limit} bytes. */
    byte[] body(int limit) {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null && Long.parseLong(declared.strip()) > limit) {  // the server has checked it is a number
            throw tooLarge(limit, Long.parseLong(declared.strip()));
        }
        try (InputStream in = exchange.getRequestBody()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(declared == null ? 8192 : Integer.parseInt(declared.strip()));
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                if (out.size() > limit) throw tooLarge(limit, -1);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);  // the client went away or timed out: nobody to answer
        }
    }

    /** A 413, after reading away what the client is still sending (up to {@link #DRAIN_BYTES}). */
    private HttpError tooLarge(int limit, long declared) {
        try {
            InputStream in = exchange.getRequestBody();
            long skipped = 0;
            byte[] buffer = new byte[65536];
            int n;
            while (skipped < DRAIN_BYTES && (n = in.read(buffer)) > 0) skipped += n;
        } catch (IOException e) {
            // The client stopped sending: the answer may still reach it.
        }
        String size = declared >= 0 ? String.format(Locale.ROOT, "%,d bytes", declared) : "more than that";
        return new HttpError(413, String.format(Locale.ROOT, "the body is %s; the limit is %,d bytes (%d MiB): "
                + "send a smaller image (a digit needs a few hundred pixels a side)", size, limit, limit >> 20));
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return out;
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (out.put(key, value) != null) throw new HttpError(400, "the query gives '" + key + "' twice; give it once");
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, "the query is not URL-encoded properly (" + e.getMessage() + ")");
        }
    }
}
