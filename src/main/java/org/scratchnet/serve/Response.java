package org.scratchnet.serve;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a handler answers: the status, the media type and the body bytes, plus any header of its
 * own (an {@code Allow} for a 405). The server adds the headers every answer carries.
 */
record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
    static final String JSON = "application/json; charset=utf-8";
    /** Not an answer: the handler took the exchange over and answers it itself (a stream of events). */
    static final Response STREAMING = new Response(200, "text/event-stream", new byte[0], Map.of());

    /** {@code value} as strict JSON (no NaN: null where a number is undefined). */
    static Response json(int status, Object value) {
        return new Response(status, JSON, ApiJson.toJson(value).getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** {@code {"error": message}}, the one shape of every refusal. */
    static Response error(int status, String message) {
        return json(status, Map.of("error", message));
    }

    static Response bytes(String contentType, byte[] body) {
        return new Response(200, contentType, body, Map.of());
    }

    Response withHeader(String name, String value) {
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.put(name, value);
        return new Response(status, contentType, body, Map.copyOf(all));
    }
}
