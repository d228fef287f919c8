package dev.runnel.streams.processor.assignment;

import dev.runnel.streams.processor.TaskId;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The tasks a {@link TaskAssignor} gives one client: each task at most once, as active or standby, and, optionally, a
 * time after which the client asks for another rebalance. Runnel spreads the tasks over the client's stream threads.
 * Not thread-safe; built by one assignor.
 *
 * <pre>{@code
 * KafkaStreamsAssignment assignment = KafkaStreamsAssignment.of(processId,
 *     Set.of(new AssignedTask(new TaskId(0, 0), AssignedTask.Type.ACTIVE)));
 * assignment.assignTask(new AssignedTask(new TaskId(0, 1), AssignedTask.Type.STANDBY));
 * }</pre>
 */
public final class KafkaStreamsAssignment {
    private final ProcessId processId;
    private final Map<TaskId, AssignedTask> tasks;
    private final Instant followupRebalanceDeadline;

    private KafkaStreamsAssignment(ProcessId processId, Map<TaskId, AssignedTask> tasks,
        Instant followupRebalanceDeadline) {
        this.processId = Objects.requireNonNull(processId, "processId");
        this.tasks = tasks;
        this.followupRebalanceDeadline = followupRebalanceDeadline;
    }

    /**
     * Returns the assignment of {@code assignment}'s tasks to the client {@code processId}.
     *
     * @throws IllegalArgumentException if a task is in {@code assignment} twice (as active and as standby): a client
     *     cannot run a task and keep a standby of it
     */
    public static KafkaStreamsAssignment of(ProcessId processId, Set<AssignedTask> assignment) {
        Map<TaskId, AssignedTask> tasks = new TreeMap<>();
        for (AssignedTask task : assignment) {
            AssignedTask earlier = tasks.put(task.id(), task);
            if (earlier != null) {
                throw new IllegalArgumentException("Task " + task.id() + " is assigned to client " + processId
                    + " both as " + earlier.type() + " and as " + task.type());
            }
        }
        return new KafkaStreamsAssignment(processId, tasks, null);
    }

    /**
     * Returns a copy of this assignment whose client asks for a rebalance once {@code rebalanceDeadline} has passed
     * (after the current one completes); a rebalance in between cancels the request.
     */
    public KafkaStreamsAssignment withFollowupRebalance(Instant rebalanceDeadline) {
        return new KafkaStreamsAssignment(processId, new TreeMap<>(tasks),
            Objects.requireNonNull(rebalanceDeadline, "rebalanceDeadline"));
    }

    /** Returns the client's process id. */
    public ProcessId processId() {
        return processId;
    }

    /** Returns the client's tasks by id (a view). */
    public Map<TaskId, AssignedTask> tasks() {
        return Collections.unmodifiableMap(tasks);
    }

    /** Assigns a task to the client, replacing the task's earlier assignment to it, if any. */
    public void assignTask(AssignedTask task) {
        tasks.put(task.id(), task);
    }

    /** Removes a task from the client; does nothing if the client does not have it as {@code task.type()}. */
    public void removeTask(AssignedTask task) {
        tasks.remove(task.id(), task);
    }

    /** Returns when the client asks for a follow-up rebalance, if it does. */
    public Optional<Instant> followupRebalanceDeadline() {
        return Optional.ofNullable(followupRebalanceDeadline);
    }

    @Override
    public String toString() {
        return "KafkaStreamsAssignment{processId=" + processId + ", tasks=" + tasks.values()
            + (followupRebalanceDeadline == null ? "" : ", followupRebalanceDeadline=" + followupRebalanceDeadline)
            + "}";
    }

    /** One task of an assignment, active or standby. */
    public record AssignedTask(TaskId id, Type type) {
        public AssignedTask {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(type, "type");
        }

        /** Whether the client runs the task or keeps a standby copy of its state. */
        public enum Type {
            ACTIVE, STANDBY
        }
    }
}
