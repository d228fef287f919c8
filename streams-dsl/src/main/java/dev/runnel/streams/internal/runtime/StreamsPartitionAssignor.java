package dev.runnel.streams.internal.runtime;

import dev.runnel.clients.consumer.ConsumerPartitionAssignor;
import dev.runnel.common.TopicPartition;
import dev.runnel.streams.processor.TaskId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Assigns tasks, not partitions: a task (sub-topology, partition number) takes partition {@code p} of every source
 * topic of its sub-topology, so co-partitioned topics' same-numbered partitions always land on one consumer (one
 * stream thread). Tasks are spread evenly over the members in {@link #MEMBER_ORDER}; a member keeps the tasks it
 * owned (cooperative subscriptions report them) while it has room. A sub-topology's source topics are asked for on
 * every rebalance, as pattern sources may have matched new topics since the last one. Thread-safe: immutable.
 */
public final class StreamsPartitionAssignor implements ConsumerPartitionAssignor {
    /** The assignor's protocol name. */
    public static final String NAME = "runnel-streams";

    private final Function<Collection<String>, Map<Integer, Set<String>>> sourceTopicsBySubtopology;

    /**
     * Creates the assignor for a topology's sub-topologies: {@code sourceTopicsBySubtopology} returns, given the
     * group's subscribed topics, the (decorated) source topics of each sub-topology by id.
     */
    public StreamsPartitionAssignor(Function<Collection<String>, Map<Integer, Set<String>>> sourceTopicsBySubtopology) {
        this.sourceTopicsBySubtopology = sourceTopicsBySubtopology;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Cooperative first, as Kafka Streams rebalances: a member revokes only the tasks that move (the group withholds
     * them from their new owner until a follow-up rebalance), and keeps running the others.
     */
    @Override
    public List<RebalanceProtocol> supportedProtocols() {
        return List.of(RebalanceProtocol.COOPERATIVE, RebalanceProtocol.EAGER);
    }

    @Override
    public Map<String, List<TopicPartition>> assign(Map<String, Integer> partitionsPerTopic,
        Map<String, Subscription> subscriptions) {
        Map<TaskId, List<TopicPartition>> tasks = tasks(partitionsPerTopic);
        List<String> members = subscriptions.entrySet().stream().sorted(MEMBER_ORDER).map(Map.Entry::getKey)
            .toList();
        Map<String, List<TopicPartition>> assignment = new LinkedHashMap<>();
        Map<String, Integer> load = new HashMap<>();
        for (String member : members) {
            assignment.put(member, new ArrayList<>());
            load.put(member, 0);
        }
        if (members.isEmpty()) {
            return assignment;
        }
        int capacity = (tasks.size() + members.size() - 1) / members.size();
        Map<TopicPartition, String> previousOwner = new HashMap<>();
        for (Map.Entry<String, Subscription> member : subscriptions.entrySet()) {
            for (TopicPartition tp : member.getValue().ownedPartitions()) {
                previousOwner.put(tp, member.getKey());
            }
        }
        List<TaskId> unassigned = new ArrayList<>();
        for (Map.Entry<TaskId, List<TopicPartition>> task : tasks.entrySet()) {
            String owner = task.getValue().isEmpty() ? null : previousOwner.get(task.getValue().get(0));
            if (owner != null && load.get(owner) < capacity) {
                give(owner, task.getValue(), assignment, load);
            } else {
                unassigned.add(task.getKey());
            }
        }
        int next = 0;
        for (TaskId task : unassigned) {
            // Round-robin from where the last task went, skipping full members, so partition numbers spread out.
            String member = members.get(next % members.size());
            while (load.get(member) >= capacity) {
                next++;
                member = members.get(next % members.size());
            }
            give(member, tasks.get(task), assignment, load);
            next++;
        }
        return assignment;
    }

    private static void give(String member, List<TopicPartition> partitions, Map<String, List<TopicPartition>> to,
        Map<String, Integer> load) {
        to.get(member).addAll(partitions);
        load.merge(member, 1, Integer::sum);
    }

    /** Returns every task with its input partitions, ordered by partition number, then sub-topology. */
    Map<TaskId, List<TopicPartition>> tasks(Map<String, Integer> partitionsPerTopic) {
        Map<TaskId, List<TopicPartition>> tasks = new TreeMap<>((a, b) -> a.partition() != b.partition()
            ? Integer.compare(a.partition(), b.partition()) : Integer.compare(a.subtopology(), b.subtopology()));
        for (Map.Entry<Integer, Set<String>> subtopology
            : sourceTopicsBySubtopology.apply(partitionsPerTopic.keySet()).entrySet()) {
            for (String topic : subtopology.getValue()) {
                int count = partitionsPerTopic.getOrDefault(topic, 0);
                for (int p = 0; p < count; p++) {
                    tasks.computeIfAbsent(new TaskId(subtopology.getKey(), p), id -> new ArrayList<>())
                        .add(new TopicPartition(topic, p));
                }
            }
        }
        return tasks;
    }
}
