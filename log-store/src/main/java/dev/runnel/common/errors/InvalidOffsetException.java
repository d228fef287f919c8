package dev.runnel.common.errors;

/** A consumer has no valid position for a partition and its reset policy does not supply one. */
public class InvalidOffsetException extends ApiException {
    public InvalidOffsetException(String message) {
        super(message);
    }
}
