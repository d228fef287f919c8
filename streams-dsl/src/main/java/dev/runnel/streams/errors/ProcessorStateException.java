package dev.runnel.streams.errors;

/** A state store or its directory failed: it could not be created, read, written or flushed. */
public class ProcessorStateException extends StreamsException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message. */
    public ProcessorStateException(String message) {
        super(message);
    }

    /** Creates an exception with a message and a cause. */
    public ProcessorStateException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Creates an exception wrapping {@code cause}. */
    public ProcessorStateException(Throwable cause) {
        super(cause);
    }
}
