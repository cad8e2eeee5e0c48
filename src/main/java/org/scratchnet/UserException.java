package org.scratchnet;

/**
 * An error the user caused and can fix: a missing or corrupt file, a wrong shape, a bad option.
 *
 * <p>The message is one line that names what was wrong and what to do about it. The command line
 * prints it as {@code scratchnet: <message>} and exits non-zero, without a stack trace. Library
 * callers can catch it like any other runtime exception.
 */
public class UserException extends RuntimeException {

    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
