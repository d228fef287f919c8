package dev.runnel.streams.errors;

/** A task's state directory is locked by another thread or process. */
public class LockException extends StreamsException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message. */
    public LockException(String message) {
        super(message);
    }

    /** Creates an exception with a message and a cause. */
    public LockException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Creates an exception wrapping {@code cause}. */
    public LockException(Throwable cause) {
        super(cause);
    }
}
