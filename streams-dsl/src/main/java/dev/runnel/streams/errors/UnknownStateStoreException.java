package dev.runnel.streams.errors;

/** Thrown by an interactive query for a store name the topology does not have. */
public class UnknownStateStoreException extends InvalidStateStoreException {
    private static final long serialVersionUID = 1L;

    public UnknownStateStoreException(String message) {
        super(message);
    }

    /** Creates an exception with a message and a cause. */
    public UnknownStateStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
