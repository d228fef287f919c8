package dev.runnel.streams.internal.assignment;

import dev.runnel.streams.processor.TaskId;
import dev.runnel.streams.processor.assignment.ProcessId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * One client as its stream threads' subscriptions describe it: its consumers (member ids, in the group's member
 * order), the active and standby tasks each had, its tasks' offset sums and the client's own settings, as the first of
 * its threads reports them. Immutable.
 */
record ClientSubscription(ProcessId processId, List<String> consumers, Map<String, Set<TaskId>> previousActive,
                          Map<String, Set<TaskId>> previousStandby, Map<TaskId, Long> taskOffsetSums,
                          SubscriptionInfo settings) {
    ClientSubscription {
        Objects.requireNonNull(processId, "processId");
        consumers = List.copyOf(consumers);
        previousActive = Map.copyOf(previousActive);
        previousStandby = Map.copyOf(previousStandby);
        taskOffsetSums = Map.copyOf(taskOffsetSums);
        Objects.requireNonNull(settings, "settings");
    }

    /**
     * Groups the members of a rebalance, in the group's member order, into their clients (by process id), the clients
     * ordered by their first member.
     *
     * @param infos          each member's subscription info
     * @param previousActive each member's active tasks, from the partitions it owns
     */
    static Map<ProcessId, ClientSubscription> group(List<String> members, Map<String, SubscriptionInfo> infos,
        Map<String, Set<TaskId>> previousActive) {
        Map<ProcessId, List<String>> consumersByClient = new LinkedHashMap<>();
        for (String member : members) {
            consumersByClient.computeIfAbsent(infos.get(member).processId(), id -> new ArrayList<>()).add(member);
        }
        Map<ProcessId, ClientSubscription> clients = new LinkedHashMap<>();
        consumersByClient.forEach((processId, consumers) -> {
            Map<String, Set<TaskId>> active = new LinkedHashMap<>();
            Map<String, Set<TaskId>> standby = new LinkedHashMap<>();
            Map<TaskId, Long> offsetSums = new TreeMap<>();
            for (String consumer : consumers) {
                SubscriptionInfo info = infos.get(consumer);
                active.put(consumer, Set.copyOf(previousActive.getOrDefault(consumer, Set.of())));
                standby.put(consumer, info.standbyTasks());
                // Two threads report one task only in passing (a task moving between them): the further one counts.
                info.taskOffsetSums().forEach((task, sum) -> offsetSums.merge(task, sum, ClientSubscription::further));
            }
            clients.put(processId, new ClientSubscription(processId, consumers, active, standby, offsetSums,
                infos.get(consumers.get(0))));
        });
        return clients;
    }

    private static long further(long a, long b) {
        return a == SubscriptionInfo.CAUGHT_UP || b == SubscriptionInfo.CAUGHT_UP ? SubscriptionInfo.CAUGHT_UP
            : Math.max(a, b);
    }
}
