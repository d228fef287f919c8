package dev.runnel.streams.errors;

/** Tasks could not be assigned to the application's instances. */
public class TaskAssignmentException extends StreamsException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message. */
    public TaskAssignmentException(String message) {
        super(message);
    }

    /** Creates an exception with a message and a cause. */
    public TaskAssignmentException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Creates an exception wrapping {@code cause}. */
    public TaskAssignmentException(Throwable cause) {
        super(cause);
    }
}
