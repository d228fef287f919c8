package dev.runnel.common.errors;

/** An operation did not complete within its time limit. */
public class TimeoutException extends ApiException {
    public TimeoutException(String message) {
        super(message);
    }

    public TimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
