package dev.runnel.streams.errors;

import dev.runnel.clients.consumer.InvalidOffsetException;
import dev.runnel.streams.processor.TaskId;
import java.util.Set;

/**
 * The state of some tasks cannot be trusted (a changelog offset is out of range, a store could not be read): the
 * tasks are closed dirty and their state rebuilt from the changelogs.
 */
public class TaskCorruptedException extends StreamsException {
    private static final long serialVersionUID = 1L;

    private final Set<TaskId> corruptedTasks;

    /** Creates an exception naming the corrupted tasks. */
    public TaskCorruptedException(Set<TaskId> corruptedTasks) {
        super(message(corruptedTasks));
        this.corruptedTasks = Set.copyOf(corruptedTasks);
    }

    /** Creates an exception naming the corrupted tasks, caused by a consumer's invalid offset. */
    public TaskCorruptedException(Set<TaskId> corruptedTasks, InvalidOffsetException cause) {
        super(message(corruptedTasks), cause);
        this.corruptedTasks = Set.copyOf(corruptedTasks);
    }

    /** Creates an exception naming the corrupted tasks, caused by a store failure. */
    public TaskCorruptedException(Set<TaskId> corruptedTasks, ProcessorStateException cause) {
        super(message(corruptedTasks), cause);
        this.corruptedTasks = Set.copyOf(corruptedTasks);
    }

    private static String message(Set<TaskId> corruptedTasks) {
        return "Tasks " + corruptedTasks + " are corrupted and need to be re-initialized";
    }

    /** Returns the corrupted tasks. */
    public Set<TaskId> corruptedTasks() {
        return corruptedTasks;
    }
}
