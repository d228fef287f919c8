package dev.runnel.common.errors;

/** A transient failure: the same request may succeed if retried, as Kafka's. */
public class RetriableException extends ApiException {
    public RetriableException(String message) {
        super(message);
    }

    public RetriableException(String message, Throwable cause) {
        super(message, cause);
    }
}
