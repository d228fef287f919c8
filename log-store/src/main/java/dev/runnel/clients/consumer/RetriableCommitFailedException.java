package dev.runnel.clients.consumer;

import dev.runnel.common.errors.RetriableException;

/**
 * An offset commit failed for a reason that may pass, so committing the latest consumed offsets again may succeed;
 * Kafka reports it to {@code commitAsync} callbacks. The embedded log's commits do not fail this way today, so
 * Runnel does not throw it yet; it exists so that callbacks written for Kafka compile and keep their handling.
 */
public class RetriableCommitFailedException extends RetriableException {
    public RetriableCommitFailedException(Throwable cause) {
        super("Offset commit failed with a retriable exception. You should retry committing the latest consumed "
            + "offsets.", cause);
    }

    public RetriableCommitFailedException(String message) {
        super(message);
    }

    public RetriableCommitFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
