package dev.runnel.streams.errors;

/** No broker (log) is reachable to run the application on. */
public class BrokerNotFoundException extends StreamsException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message. */
    public BrokerNotFoundException(String message) {
        super(message);
    }

    /** Creates an exception with a message and a cause. */
    public BrokerNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Creates an exception wrapping {@code cause}. */
    public BrokerNotFoundException(Throwable cause) {
        super(cause);
    }
}
