package dev.runnel.clients.consumer;

import dev.runnel.common.TopicPartition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Kafka's {@code roundrobin} assignor: all partitions of all subscribed topics, sorted by topic then partition, dealt
 * to the members (in {@link #MEMBER_ORDER}) in turn; a member not subscribed to a partition's topic is skipped.
 */
public class RoundRobinAssignor implements ConsumerPartitionAssignor {
    public static final String ROUNDROBIN_ASSIGNOR_NAME = "roundrobin";

    @Override
    public String name() {
        return ROUNDROBIN_ASSIGNOR_NAME;
    }

    @Override
    public Map<String, List<TopicPartition>> assign(Map<String, Integer> partitionsPerTopic,
                                                    Map<String, Subscription> subscriptions) {
        Map<String, List<TopicPartition>> assignment = new HashMap<>();
        subscriptions.keySet().forEach(member -> assignment.put(member, new ArrayList<>()));
        List<String> members = subscriptions.entrySet().stream().sorted(MEMBER_ORDER).map(Map.Entry::getKey).toList();
        TreeSet<String> topics = new TreeSet<>();
        subscriptions.values().forEach(s -> topics.addAll(s.topics()));
        int next = 0;
        for (String topic : topics) {
            Integer partitions = partitionsPerTopic.get(topic);
            for (int p = 0; partitions != null && p < partitions; p++) {
                while (!subscriptions.get(members.get(next % members.size())).topics().contains(topic)) {
                    next++;
                }
                assignment.get(members.get(next % members.size())).add(new TopicPartition(topic, p));
                next++;
            }
        }
        return assignment;
    }
}
