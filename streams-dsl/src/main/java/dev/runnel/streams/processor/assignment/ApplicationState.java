package dev.runnel.streams.processor.assignment;

import dev.runnel.streams.errors.TaskAssignmentException;
import dev.runnel.streams.processor.TaskId;
import java.util.Map;

/**
 * The input of one task assignment: every task of the topology, every client with a stream thread in the rebalance,
 * and the configs that matter to assignors. Read-only, and valid only during {@link TaskAssignor#assign}.
 */
public interface ApplicationState {
    /**
     * Returns every client of the rebalance by process id, in the group's member order (static members first).
     *
     * @param computeTaskLags whether to compute each client's lag on each stateful task; this reads the end offsets
     *     of every changelog, so ask for it only if the assignor uses the lags
     * @throws TaskAssignmentException if the end offsets cannot be read; an assignor that rethrows it keeps the
     *     previous assignment, and the group rebalances again at once
     */
    Map<ProcessId, KafkaStreamsState> kafkaStreamsStates(boolean computeTaskLags);

    /** Returns the configs that matter to assignors. */
    AssignmentConfigs assignmentConfigs();

    /** Returns every task to assign, by id. */
    Map<TaskId, TaskInfo> allTasks();
}
