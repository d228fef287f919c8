package dev.runnel.streams.internal.runtime;

import dev.runnel.streams.errors.StreamsException;
import dev.runnel.streams.processor.TaskId;

/**
 * A failure the runtime raises while a record goes through a task's nodes that fails the task as it is: it passes up
 * through the nodes above without reaching the processing exception handler, which sees only what processors throw.
 */
class FailedProcessingException extends StreamsException {
    private static final long serialVersionUID = 1L;

    FailedProcessingException(String message, Throwable cause) {
        super(message, cause);
    }

    FailedProcessingException(String message, Throwable cause, TaskId taskId) {
        super(message, cause, taskId);
    }
}
