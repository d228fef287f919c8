package dev.runnel.clients.consumer;

import dev.runnel.common.TopicPartition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Kafka's {@code range} assignor: per topic, the members subscribed to it (in {@link #MEMBER_ORDER}) get consecutive
 * ranges of partitions; the first {@code partitions % members} members get one extra. With several topics of equal
 * size the first members get the same partition numbers of every topic, which co-partitioned joins rely on.
 */
public class RangeAssignor implements ConsumerPartitionAssignor {
    public static final String RANGE_ASSIGNOR_NAME = "range";

    @Override
    public String name() {
        return RANGE_ASSIGNOR_NAME;
    }

    @Override
    public Map<String, List<TopicPartition>> assign(Map<String, Integer> partitionsPerTopic,
                                                    Map<String, Subscription> subscriptions) {
        Map<String, List<TopicPartition>> assignment = new HashMap<>();
        subscriptions.keySet().forEach(member -> assignment.put(member, new ArrayList<>()));
        TreeSet<String> topics = new TreeSet<>();
        subscriptions.values().forEach(s -> topics.addAll(s.topics()));
        for (String topic : topics) {
            Integer partitions = partitionsPerTopic.get(topic);
            if (partitions == null) {
                continue;
            }
            List<String> members = subscriptions.entrySet().stream()
                .filter(e -> e.getValue().topics().contains(topic)).sorted(MEMBER_ORDER).map(Map.Entry::getKey)
                .toList();
            int perMember = partitions / members.size();
            int extra = partitions % members.size();
            for (int i = 0; i < members.size(); i++) {
                int start = perMember * i + Math.min(i, extra);
                int length = perMember + (i < extra ? 1 : 0);
                for (int p = start; p < start + length; p++) {
                    assignment.get(members.get(i)).add(new TopicPartition(topic, p));
                }
            }
        }
        return assignment;
    }
}
