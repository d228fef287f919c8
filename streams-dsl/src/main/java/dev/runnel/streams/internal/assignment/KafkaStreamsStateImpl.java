package dev.runnel.streams.internal.assignment;

import dev.runnel.streams.processor.TaskId;
import dev.runnel.streams.processor.assignment.KafkaStreamsState;
import dev.runnel.streams.processor.assignment.ProcessId;
import dev.runnel.streams.state.HostInfo;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A client of the rebalance, with its lag on each stateful task if they were computed ({@code null} if not).
 * Immutable.
 */
final class KafkaStreamsStateImpl implements KafkaStreamsState {
    private final ClientSubscription client;
    private final Map<TaskId, Long> lags;
    private final SortedSet<TaskId> previousActiveTasks;
    private final SortedSet<TaskId> previousStandbyTasks;

    KafkaStreamsStateImpl(ClientSubscription client, Map<TaskId, Long> lags) {
        this.client = client;
        this.lags = lags == null ? null : Map.copyOf(lags);
        this.previousActiveTasks = union(client.previousActive());
        this.previousStandbyTasks = union(client.previousStandby());
    }

    @Override
    public ProcessId processId() {
        return client.processId();
    }

    @Override
    public int numProcessingThreads() {
        return client.consumers().size();
    }

    @Override
    public SortedSet<String> consumerClientIds() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(client.consumers()));
    }

    @Override
    public SortedSet<TaskId> previousActiveTasks() {
        return previousActiveTasks;
    }

    @Override
    public SortedSet<TaskId> previousStandbyTasks() {
        return previousStandbyTasks;
    }

    @Override
    public SortedSet<TaskId> previousTasksForConsumer(String consumerClientId) {
        return tasksOf(consumerClientId, new TreeSet<>());
    }

    @Override
    public long lagFor(TaskId task) {
        Long lag = requireLags().get(task);
        if (lag == null) {
            throw new IllegalArgumentException("Task " + task + " is not a stateful task of the topology");
        }
        return lag;
    }

    @Override
    public SortedSet<TaskId> prevTasksByLag(String consumerClientId) {
        Map<TaskId, Long> known = requireLags();
        Comparator<TaskId> byLag = Comparator.comparingLong(task -> known.getOrDefault(task, 0L));
        return tasksOf(consumerClientId, new TreeSet<>(byLag.thenComparing(Comparator.naturalOrder())));
    }

    @Override
    public Map<TaskId, Long> statefulTasksToLagSums() {
        return requireLags();
    }

    @Override
    public Optional<HostInfo> hostInfo() {
        return client.settings().hostInfo();
    }

    @Override
    public Map<String, String> clientTags() {
        return client.settings().clientTags();
    }

    @Override
    public Optional<String> rackId() {
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "KafkaStreamsState{processId=" + processId() + ", consumers=" + client.consumers()
            + ", previousActiveTasks=" + previousActiveTasks() + ", previousStandbyTasks=" + previousStandbyTasks()
            + "}";
    }

    private Map<TaskId, Long> requireLags() {
        if (lags == null) {
            throw new UnsupportedOperationException("The task lags of client " + processId() + " were not computed;"
                + " ask for them with ApplicationState.kafkaStreamsStates(true)");
        }
        return lags;
    }

    /** Adds the previous active and standby tasks of a consumer of this client to {@code tasks}. */
    private SortedSet<TaskId> tasksOf(String consumer, SortedSet<TaskId> tasks) {
        if (!client.previousActive().containsKey(consumer)) {
            throw new IllegalArgumentException("Consumer " + consumer + " is not one of client " + processId()
                + "'s: " + client.consumers());
        }
        tasks.addAll(client.previousActive().get(consumer));
        tasks.addAll(client.previousStandby().get(consumer));
        return Collections.unmodifiableSortedSet(tasks);
    }

    private static SortedSet<TaskId> union(Map<String, Set<TaskId>> byConsumer) {
        SortedSet<TaskId> tasks = new TreeSet<>();
        byConsumer.values().forEach(tasks::addAll);
        return Collections.unmodifiableSortedSet(tasks);
    }
}
