package org.scratchnet.serve;

import org.scratchnet.OneLine;

/**
 * A request the server refuses: the HTTP status (4xx; 501 for what it cannot do for its model) and
 * one line saying what was wrong and what to send instead, answered as {@code {"error": "..."}};
 * a 405 also carries the methods allowed.
 */
final class HttpError extends RuntimeException {
    final int status;
    /** The Allow header of a 405, null otherwise. */
    final String allow;

    HttpError(int status, String message) {
        this(status, message, null);
    }

    private HttpError(int status, String message, String allow) {
        super(OneLine.of(message));
        this.status = status;
        this.allow = allow;
    }

    static HttpError methodNotAllowed(String message, String allow) {
        return new HttpError(405, message, allow);
    }
}
