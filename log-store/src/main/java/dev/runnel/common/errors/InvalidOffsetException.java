package dev.runnel.common.errors;

/**
 * An offset given to the log is invalid for its partition, as Kafka's protocol error of this name. A consumer without
 * a valid position throws {@link dev.runnel.clients.consumer.InvalidOffsetException} instead.
 */
public class InvalidOffsetException extends ApiException {
    public InvalidOffsetException(String message) {
        super(message);
    }

    public InvalidOffsetException(String message, Throwable cause) {
        super(message, cause);
    }
}
