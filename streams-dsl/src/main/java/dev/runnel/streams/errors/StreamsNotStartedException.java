package dev.runnel.streams.errors;

/** Thrown when an operation needs a started {@code KafkaStreams} (for example an interactive query before start). */
public class StreamsNotStartedException extends InvalidStateStoreException {
    private static final long serialVersionUID = 1L;

    public StreamsNotStartedException(String message) {
        super(message);
    }

    /** Creates an exception with a message and a cause. */
    public StreamsNotStartedException(String message, Throwable cause) {
        super(message, cause);
    }
}
