package dev.runnel.streams.errors;

/**
 * A source topic of the topology does not exist. The application reports it to its uncaught exception handler (by
 * default the client then shuts down, in state ERROR), as Kafka Streams does.
 */
public class MissingSourceTopicException extends StreamsException {
    /** Creates an exception with a message. */
    public MissingSourceTopicException(String message) {
        super(message);
    }
}
