package dev.runnel.streams.errors;

/** A task id string is not of the form {@code <subtopology>_<partition>}. */
public class TaskIdFormatException extends StreamsException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message. */
    public TaskIdFormatException(String message) {
        super(message);
    }

    /** Creates an exception with a message and a cause. */
    public TaskIdFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Creates an exception wrapping {@code cause}. */
    public TaskIdFormatException(Throwable cause) {
        super(cause);
    }
}
