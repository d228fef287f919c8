package dev.runnel.common;

/** The root of Runnel's unchecked exceptions, named as in Kafka so that ported code catches the same type. */
public class KafkaException extends RuntimeException {
    public KafkaException(String message) {
        super(message);
    }

    public KafkaException(String message, Throwable cause) {
        super(message, cause);
    }

    public KafkaException(Throwable cause) {
        super(cause);
    }
}
