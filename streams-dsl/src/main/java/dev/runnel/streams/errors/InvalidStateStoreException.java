package dev.runnel.streams.errors;

/** A state store was used while closed, not yet initialized, or not available on this instance. */
public class InvalidStateStoreException extends StreamsException {
    /** Creates an exception with a message. */
    public InvalidStateStoreException(String message) {
        super(message);
    }

    /** Creates an exception with a message and a cause. */
    public InvalidStateStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Creates an exception wrapping {@code cause}. */
    public InvalidStateStoreException(Throwable cause) {
        super(cause);
    }
}
