package dev.runnel.common.errors;

/**
 * An operation did not complete within its time limit. Retriable, as in Kafka: the same operation may succeed later,
 * so callers that retry {@link RetriableException}s retry timeouts too.
 */
public class TimeoutException extends RetriableException {
    public TimeoutException(String message) {
        super(message);
    }

    public TimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
