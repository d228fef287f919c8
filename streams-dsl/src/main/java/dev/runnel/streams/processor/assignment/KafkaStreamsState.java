package dev.runnel.streams.processor.assignment;

import dev.runnel.streams.processor.TaskId;
import dev.runnel.streams.state.HostInfo;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

/**
 * One {@code KafkaStreams} client with at least one stream thread in the rebalance, as its threads' subscriptions
 * describe it: its threads (consumers), the tasks they had, and, if the assignor asked for them
 * ({@link ApplicationState#kafkaStreamsStates(boolean)} with {@code true}), how far behind its local state is on each
 * stateful task. Read-only.
 */
public interface KafkaStreamsState {
    /** Returns the client's process id. */
    ProcessId processId();

    /** Returns how many stream threads the client has in the rebalance: its capacity relative to the others. */
    int numProcessingThreads();

    /** Returns the member ids of the client's consumers (one per stream thread), which name them in the group. */
    SortedSet<String> consumerClientIds();

    /** Returns the active tasks the client's consumers had before this rebalance. */
    SortedSet<TaskId> previousActiveTasks();

    /** Returns the standby tasks the client's consumers had before this rebalance. */
    SortedSet<TaskId> previousStandbyTasks();

    /**
     * Returns the active and standby tasks one of the client's consumers had before this rebalance.
     *
     * @throws IllegalArgumentException if {@code consumerClientId} is not one of {@link #consumerClientIds()}
     */
    SortedSet<TaskId> previousTasksForConsumer(String consumerClientId);

    /**
     * Returns how many changelog records the client's state of a stateful task is behind, over all of the task's
     * stores: 0 for a task it runs, the changelogs' end offset sum if it has no state of the task.
     *
     * @throws UnsupportedOperationException if the lags were not computed
     * @throws IllegalArgumentException if {@code task} is not a stateful task of the topology
     */
    long lagFor(TaskId task);

    /**
     * Returns the tasks a consumer had before this rebalance, least lagging first (stateless tasks count as caught up),
     * ties in task order.
     *
     * @throws UnsupportedOperationException if the lags were not computed
     * @throws IllegalArgumentException if {@code consumerClientId} is not one of {@link #consumerClientIds()}
     */
    SortedSet<TaskId> prevTasksByLag(String consumerClientId);

    /**
     * Returns every stateful task of the topology with the client's lag on it ({@link #lagFor}).
     *
     * @throws UnsupportedOperationException if the lags were not computed
     */
    Map<TaskId, Long> statefulTasksToLagSums();

    /** Returns the client's {@code application.server}, if it has one. */
    Optional<HostInfo> hostInfo();

    /** Returns the client's tags ({@code client.tag.<key>} configs) by key. */
    Map<String, String> clientTags();

    /**
     * Returns the rack of the client's consumers, if they have one: always empty in Runnel, whose consumers take no
     * {@code client.rack}.
     */
    Optional<String> rackId();
}
