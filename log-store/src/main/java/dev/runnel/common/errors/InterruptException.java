package dev.runnel.common.errors;

import dev.runnel.common.KafkaException;

/**
 * A blocking call was interrupted; the thread's interrupt flag is set again. Not an {@link ApiException}, as in
 * Kafka: the producer's {@code send} throws it rather than reporting it through the future and callback.
 */
public class InterruptException extends KafkaException {
    public InterruptException(String message) {
        super(message);
    }

    public InterruptException(String message, Throwable cause) {
        super(message, cause);
    }
}
