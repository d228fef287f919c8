package dev.runnel.streams.processor.assignment;

import dev.runnel.clients.consumer.ConsumerPartitionAssignor.GroupAssignment;
import dev.runnel.clients.consumer.ConsumerPartitionAssignor.GroupSubscription;
import dev.runnel.common.Configurable;
import dev.runnel.streams.errors.TaskAssignmentException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Decides, on each rebalance, which client runs each task and which clients keep standby copies of the stateful tasks'
 * state. Set it with {@code task.assignor.class}; every stream thread creates its own instance (public no-argument
 * constructor) and configures it with the application's configs, and the group runs the instance of its oldest
 * member. Runnel then spreads each client's tasks over its stream threads, keeping them on the thread that had them
 * where it can.
 *
 * <p>The assignment is checked before it is used ({@link AssignmentError}). If it is invalid, or {@link #assign}
 * throws anything but {@link TaskAssignmentException}, every client keeps its previous tasks and the stream thread
 * whose assignor ran fails with a {@code StreamsException}, which goes to the uncaught exception handler.
 *
 * <pre>{@code
 * public TaskAssignment assign(ApplicationState state) {
 *     Map<ProcessId, KafkaStreamsAssignment> assignments = TaskAssignmentUtils.identityAssignment(state);
 *     return new TaskAssignment(assignments.values());
 * }
 * }</pre>
 */
public interface TaskAssignor extends Configurable {
    /**
     * Returns the tasks of every client of {@code applicationState}: each task active on one client, standby tasks
     * only of stateful tasks and never on the client running the task. Runs on whichever thread completes the
     * rebalance, while the group waits, so it should be quick.
     *
     * @throws TaskAssignmentException to keep the previous assignment and have the group rebalance again at once
     */
    TaskAssignment assign(ApplicationState applicationState);

    /**
     * Called after each {@link #assign} that returned, with the assignment the group's members get (each member's
     * partitions, and its standby tasks in Runnel's user data) and what was wrong with the returned one, if anything:
     * after an error the members get their previous assignment.
     */
    default void onAssignmentComputed(GroupAssignment assignment, GroupSubscription subscription,
        AssignmentError error) {
    }

    /** Configures the assignor with the application's configs; by default does nothing. */
    @Override
    default void configure(Map<String, ?> configs) {
    }

    /** What is wrong with a {@link TaskAssignment}, the first problem found. */
    enum AssignmentError {
        /** The assignment is valid. */
        NONE,
        /** An active task is assigned to more than one client. */
        ACTIVE_TASK_ASSIGNED_MULTIPLE_TIMES,
        /** A stateless task is assigned as a standby task. */
        INVALID_STANDBY_TASK,
        /** A client of the rebalance has no assignment. */
        MISSING_PROCESS_ID,
        /** An assignment names a client that is not in the rebalance. */
        UNKNOWN_PROCESS_ID,
        /** An assignment names a task that is not in the topology. */
        UNKNOWN_TASK_ID
    }

    /** The assignments of all clients, one per client. Immutable. */
    final class TaskAssignment {
        private final List<KafkaStreamsAssignment> assignment;

        /** Creates the assignment made of {@code assignment}. */
        public TaskAssignment(Collection<KafkaStreamsAssignment> assignment) {
            this.assignment = List.copyOf(assignment);
        }

        /** Returns the clients' assignments. */
        public Collection<KafkaStreamsAssignment> assignment() {
            return assignment;
        }

        @Override
        public String toString() {
            return "TaskAssignment" + assignment;
        }
    }
}
