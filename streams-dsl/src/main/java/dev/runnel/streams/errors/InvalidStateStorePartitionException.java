package dev.runnel.streams.errors;

/** An interactive query asked for a partition of a store that this instance does not host. */
public class InvalidStateStorePartitionException extends InvalidStateStoreException {
    /** Creates an exception with a message. */
    public InvalidStateStorePartitionException(String message) {
        super(message);
    }

    /** Creates an exception with a message and a cause. */
    public InvalidStateStorePartitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
