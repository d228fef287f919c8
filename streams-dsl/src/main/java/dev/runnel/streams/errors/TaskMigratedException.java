package dev.runnel.streams.errors;

/** A task has moved to another thread or instance; its thread rejoins the group, and the task is not failed. */
public class TaskMigratedException extends StreamsException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message. */
    public TaskMigratedException(String message) {
        super(message);
    }

    /** Creates an exception with a message and a cause. */
    public TaskMigratedException(String message, Throwable cause) {
        super(message, cause);
    }
}
