package dev.runnel.streams.internal.assignment;

import dev.runnel.common.TopicPartition;
import dev.runnel.streams.errors.TaskAssignmentException;
import dev.runnel.streams.processor.TaskId;
import dev.runnel.streams.processor.assignment.ApplicationState;
import dev.runnel.streams.processor.assignment.AssignmentConfigs;
import dev.runnel.streams.processor.assignment.KafkaStreamsState;
import dev.runnel.streams.processor.assignment.ProcessId;
import dev.runnel.streams.processor.assignment.TaskInfo;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The state of one rebalance, as the assignor sees it. A client's lag on a stateful task is the sum of the task's
 * changelogs' end offsets minus the offset sum the client reported: 0 for a task it runs, the whole end offset sum
 * if it reported none. The clients' states are built once, and the end offsets read once, on the first request for
 * lags. Not thread-safe; used by the
 * one thread completing the rebalance.
 */
final class ApplicationStateImpl implements ApplicationState {
    private final Map<TaskId, TaskInfoImpl> tasks;
    private final Map<ProcessId, ClientSubscription> clients;
    private final AssignmentConfigs configs;
    private final Function<Collection<TopicPartition>, Map<TopicPartition, Long>> endOffsets;
    private Map<ProcessId, KafkaStreamsState> statesWithoutLags;
    private Map<ProcessId, KafkaStreamsState> statesWithLags;

    /**
     * Creates the state of a rebalance of {@code clients} over {@code tasks}; {@code endOffsets} reads the end offsets
     * of changelog partitions, for lags.
     */
    ApplicationStateImpl(Map<TaskId, TaskInfoImpl> tasks, Map<ProcessId, ClientSubscription> clients,
        AssignmentConfigs configs, Function<Collection<TopicPartition>, Map<TopicPartition, Long>> endOffsets) {
        this.tasks = Collections.unmodifiableMap(new LinkedHashMap<>(tasks));
        this.clients = Collections.unmodifiableMap(new LinkedHashMap<>(clients));
        this.configs = configs;
        this.endOffsets = endOffsets;
    }

    @Override
    public Map<ProcessId, KafkaStreamsState> kafkaStreamsStates(boolean computeTaskLags) {
        if (computeTaskLags) {
            if (statesWithLags == null) {
                statesWithLags = states(endOffsetSums());
            }
            return statesWithLags;
        }
        if (statesWithoutLags == null) {
            statesWithoutLags = states(null);
        }
        return statesWithoutLags;
    }

    @Override
    public AssignmentConfigs assignmentConfigs() {
        return configs;
    }

    @Override
    public Map<TaskId, TaskInfo> allTasks() {
        return Collections.unmodifiableMap(tasks);
    }

    /** Returns the clients of the rebalance, in member order. */
    Map<ProcessId, ClientSubscription> clients() {
        return clients;
    }

    /** Returns each task with its input partitions and changelogs, by id. */
    Map<TaskId, TaskInfoImpl> tasks() {
        return tasks;
    }

    private Map<ProcessId, KafkaStreamsState> states(Map<TaskId, Long> endOffsetSums) {
        Map<ProcessId, KafkaStreamsState> states = new LinkedHashMap<>();
        clients.forEach((processId, client) ->
            states.put(processId, new KafkaStreamsStateImpl(client, endOffsetSums == null ? null
                : lags(client, endOffsetSums))));
        return Collections.unmodifiableMap(states);
    }

    private static Map<TaskId, Long> lags(ClientSubscription client, Map<TaskId, Long> endOffsetSums) {
        Map<TaskId, Long> lags = new HashMap<>();
        endOffsetSums.forEach((task, end) -> {
            Long offsetSum = client.taskOffsetSums().get(task);
            long lag = offsetSum == null ? end : offsetSum == SubscriptionInfo.CAUGHT_UP ? 0L
                : Math.max(0L, end - offsetSum);
            lags.put(task, lag);
        });
        return lags;
    }

    /** Reads every stateful task's changelogs' end offsets and returns their sum per task. */
    private Map<TaskId, Long> endOffsetSums() {
        Set<TopicPartition> changelogs = new LinkedHashSet<>();
        tasks.values().forEach(task -> changelogs.addAll(task.changelogPartitions()));
        Map<TopicPartition, Long> ends;
        try {
            ends = endOffsets.apply(changelogs);
        } catch (RuntimeException e) {
            throw new TaskAssignmentException("Could not read the end offsets of the changelogs to compute the task"
                + " lags: " + e.getMessage(), e);
        }
        Map<TaskId, Long> sums = new HashMap<>();
        for (TaskInfoImpl task : tasks.values()) {
            if (task.isStateful()) {
                long sum = 0;
                for (TopicPartition changelog : task.changelogPartitions()) {
                    sum += ends.getOrDefault(changelog, 0L);
                }
                sums.put(task.id(), sum);
            }
        }
        return sums;
    }
}
