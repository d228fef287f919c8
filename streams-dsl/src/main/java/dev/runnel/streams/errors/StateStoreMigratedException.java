package dev.runnel.streams.errors;

/**
 * An interactive query found a store closed although the client is RUNNING or REBALANCING: it has moved to another
 * instance or thread; find it again through the client's metadata and retry.
 */
public class StateStoreMigratedException extends InvalidStateStoreException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message. */
    public StateStoreMigratedException(String message) {
        super(message);
    }

    /** Creates an exception with a message and a cause. */
    public StateStoreMigratedException(String message, Throwable cause) {
        super(message, cause);
    }
}
