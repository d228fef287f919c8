package dev.runnel.streams.errors;

/** Thrown when an operation needs a running {@code KafkaStreams} but it has shut down (or is shutting down). */
public class StreamsStoppedException extends InvalidStateStoreException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message. */
    public StreamsStoppedException(String message) {
        super(message);
    }

    /** Creates an exception with a message and a cause. */
    public StreamsStoppedException(String message, Throwable cause) {
        super(message, cause);
    }
}
