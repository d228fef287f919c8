package dev.runnel.common.errors;

import dev.runnel.common.KafkaException;

/**
 * A key or value could not be serialized or deserialized. Not an {@link ApiException}, as in Kafka: the producer's
 * {@code send} throws it rather than reporting it through the future and callback.
 */
public class SerializationException extends KafkaException {
    public SerializationException(String message) {
        super(message);
    }

    public SerializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
