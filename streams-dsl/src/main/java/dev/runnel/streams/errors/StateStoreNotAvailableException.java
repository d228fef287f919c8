package dev.runnel.streams.errors;

/**
 * An interactive query found a store closed because the client is shutting down or has stopped (PENDING_SHUTDOWN,
 * NOT_RUNNING, PENDING_ERROR or ERROR).
 */
public class StateStoreNotAvailableException extends InvalidStateStoreException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message. */
    public StateStoreNotAvailableException(String message) {
        super(message);
    }

    /** Creates an exception with a message and a cause. */
    public StateStoreNotAvailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
