package dev.runnel.streams.errors;

/** Thrown when an operation needs a started {@code KafkaStreams} (for example an interactive query before start). */
public class StreamsNotStartedException extends InvalidStateStoreException {
    private static final long serialVersionUID = 1L;

    public StreamsNotStartedException(String message) {
        super(message);
    }
}
