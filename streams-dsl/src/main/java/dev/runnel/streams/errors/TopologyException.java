package dev.runnel.streams.errors;

/** A topology that cannot run: the message begins "Invalid topology: " and names the offending node, topic or store. */
public class TopologyException extends StreamsException {
    private static final String PREFIX = "Invalid topology: ";

    /** Creates an exception; {@code message} is prefixed with "Invalid topology: ". */
    public TopologyException(String message) {
        super(PREFIX + message);
    }

    /** Creates an exception with a cause; {@code message} is prefixed with "Invalid topology: ". */
    public TopologyException(String message, Throwable cause) {
        super(PREFIX + message, cause);
    }

    /** Creates an exception wrapping {@code cause}; the message is "Invalid topology: " and the cause's. */
    public TopologyException(Throwable cause) {
        super(PREFIX + cause.getMessage(), cause);
    }
}
