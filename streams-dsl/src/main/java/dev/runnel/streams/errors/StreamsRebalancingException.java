package dev.runnel.streams.errors;

/** An interactive query ran while the client was REBALANCING; retry when it is RUNNING, or allow stale stores. */
public class StreamsRebalancingException extends InvalidStateStoreException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message. */
    public StreamsRebalancingException(String message) {
        super(message);
    }

    /** Creates an exception with a message and a cause. */
    public StreamsRebalancingException(String message, Throwable cause) {
        super(message, cause);
    }
}
