package dev.runnel.streams.errors;

import dev.runnel.common.KafkaException;
import dev.runnel.streams.processor.TaskId;
import java.util.Optional;

/** The root of streams-dsl's unchecked exceptions; may name the task it happened in. */
public class StreamsException extends KafkaException {
    /** Set once the task is known, possibly after creation: by the thread that throws or rethrows it. */
    private TaskId taskId;

    /** Creates an exception with a message. */
    public StreamsException(String message) {
        this(message, (TaskId) null);
    }

    /** Creates an exception with a message and the task it concerns. */
    public StreamsException(String message, TaskId taskId) {
        super(message);
        this.taskId = taskId;
    }

    /** Creates an exception with a message and a cause. */
    public StreamsException(String message, Throwable cause) {
        this(message, cause, null);
    }

    /** Creates an exception with a message, a cause and the task it concerns. */
    public StreamsException(String message, Throwable cause, TaskId taskId) {
        super(message, cause);
        this.taskId = taskId;
    }

    /** Creates an exception wrapping {@code cause}. */
    public StreamsException(Throwable cause) {
        this(cause, null);
    }

    /** Creates an exception wrapping {@code cause}, in the task it concerns. */
    public StreamsException(Throwable cause, TaskId taskId) {
        super(cause);
        this.taskId = taskId;
    }

    /** Returns the task the failure happened in, if known. */
    public Optional<TaskId> taskId() {
        return Optional.ofNullable(taskId);
    }

    /** Records the task the failure happened in, once it is known. */
    public void setTaskId(TaskId taskId) {
        this.taskId = taskId;
    }
}
