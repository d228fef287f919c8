package dev.runnel.common.errors;

/** A fetch asked for an offset before the log start offset or after the log end offset. */
public class OffsetOutOfRangeException extends ApiException {
    public OffsetOutOfRangeException(String message) {
        super(message);
    }

    public OffsetOutOfRangeException(String message, Throwable cause) {
        super(message, cause);
    }
}
