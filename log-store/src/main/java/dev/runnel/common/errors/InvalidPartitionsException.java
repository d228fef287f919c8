package dev.runnel.common.errors;

/** A partition count is not acceptable, for example fewer partitions than a topic already has. */
public class InvalidPartitionsException extends ApiException {
    public InvalidPartitionsException(String message) {
        super(message);
    }

    public InvalidPartitionsException(String message, Throwable cause) {
        super(message, cause);
    }
}
