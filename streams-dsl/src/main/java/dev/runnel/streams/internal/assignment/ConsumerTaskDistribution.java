package dev.runnel.streams.internal.assignment;

import dev.runnel.streams.processor.TaskId;
import dev.runnel.streams.processor.assignment.KafkaStreamsAssignment;
import dev.runnel.streams.processor.assignment.KafkaStreamsAssignment.AssignedTask;
import dev.runnel.streams.processor.assignment.ProcessId;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Spreads each client's tasks over its stream threads (consumers), as Kafka Streams does after its task assignor:
 * active and standby tasks separately, each thread taking up to an even share, a task staying on the thread that had
 * it while that thread has room, the others going to the least loaded thread (ties to the earlier one). A client's
 * follow-up rebalance goes to its first thread, which asks for it. Stateless.
 */
final class ConsumerTaskDistribution {
    /** One consumer's share of its client's assignment. */
    record ConsumerTasks(SortedSet<TaskId> active, SortedSet<TaskId> standby, long followupRebalanceMs) {
    }

    private ConsumerTaskDistribution() {
    }

    /**
     * Returns the tasks of every consumer of {@code clients}; a client without an assignment gets no tasks, and two
     * assignments of one client count as one (an active task winning over a standby task).
     */
    static Map<String, ConsumerTasks> distribute(Map<ProcessId, ClientSubscription> clients,
        Collection<KafkaStreamsAssignment> assignments) {
        Map<ProcessId, SortedSet<TaskId>> active = new HashMap<>();
        Map<ProcessId, SortedSet<TaskId>> standby = new HashMap<>();
        Map<ProcessId, Long> followups = new HashMap<>();
        for (KafkaStreamsAssignment assignment : assignments) {
            ProcessId client = assignment.processId();
            for (AssignedTask task : assignment.tasks().values()) {
                (task.type() == AssignedTask.Type.ACTIVE ? active : standby)
                    .computeIfAbsent(client, id -> new TreeSet<>()).add(task.id());
            }
            assignment.followupRebalanceDeadline().map(Instant::toEpochMilli)
                .ifPresent(deadline -> followups.merge(client, deadline, Math::min));
        }
        Map<String, ConsumerTasks> byConsumer = new LinkedHashMap<>();
        clients.forEach((processId, client) -> {
            SortedSet<TaskId> clientActive = active.getOrDefault(processId, new TreeSet<>());
            SortedSet<TaskId> clientStandby = standby.getOrDefault(processId, new TreeSet<>());
            clientStandby.removeAll(clientActive);
            Map<String, SortedSet<TaskId>> activeByConsumer = spread(client.consumers(), clientActive,
                client.previousActive());
            Map<String, SortedSet<TaskId>> standbyByConsumer = spread(client.consumers(), clientStandby,
                client.previousStandby());
            for (String consumer : client.consumers()) {
                long followup = consumer.equals(client.consumers().get(0))
                    ? followups.getOrDefault(processId, AssignmentInfo.NO_FOLLOWUP) : AssignmentInfo.NO_FOLLOWUP;
                byConsumer.put(consumer, new ConsumerTasks(activeByConsumer.get(consumer),
                    standbyByConsumer.get(consumer), followup));
            }
        });
        return byConsumer;
    }

    /** Spreads {@code tasks} evenly over {@code consumers}, each keeping its previous ones while it has room. */
    static Map<String, SortedSet<TaskId>> spread(List<String> consumers, SortedSet<TaskId> tasks,
        Map<String, Set<TaskId>> previous) {
        Map<String, SortedSet<TaskId>> byConsumer = new LinkedHashMap<>();
        consumers.forEach(consumer -> byConsumer.put(consumer, new TreeSet<>()));
        int capacity = (tasks.size() + consumers.size() - 1) / consumers.size();
        SortedSet<TaskId> moving = new TreeSet<>();
        for (TaskId task : tasks) {
            String owner = consumers.stream().filter(consumer -> byConsumer.get(consumer).size() < capacity
                && previous.getOrDefault(consumer, Set.of()).contains(task)).findFirst().orElse(null);
            if (owner != null) {
                byConsumer.get(owner).add(task);
            } else {
                moving.add(task);
            }
        }
        for (TaskId task : moving) {
            consumers.stream().min(Comparator.comparingInt(consumer -> byConsumer.get(consumer).size()))
                .ifPresent(consumer -> byConsumer.get(consumer).add(task));
        }
        return byConsumer;
    }
}
