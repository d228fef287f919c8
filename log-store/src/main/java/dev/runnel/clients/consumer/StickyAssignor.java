package dev.runnel.clients.consumer;

import dev.runnel.common.TopicPartition;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Kafka's {@code sticky} assignor: the balanced assignment of {@link CooperativeStickyAssignor}, keeping as many
 * partitions with their previous owners as it can, run with the eager protocol, so every member revokes all its
 * partitions before it rejoins and gets its whole assignment back afterwards. Select it by name or class:
 * <pre>{@code
 * props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, StickyAssignor.class.getName());
 * }</pre>
 * Each consumer needs its own instance, which remembers the consumer's last assignment. Thread-safe.
 */
public class StickyAssignor extends AbstractStickyAssignor {
    public static final String STICKY_ASSIGNOR_NAME = "sticky";

    /*
     * Implementation notes: an eager member owns nothing when it rejoins, so the assignment cannot start from owned
     * partitions. As in Kafka, each member's assignor remembers the member's last assignment and its generation
     * (onAssignment), and sends them in its subscription's user data; the assignor that runs the rebalance reads them
     * back (memberData). The generation lets the claim of a member that missed rebalances lose to a newer one.
     *
     * User data, big-endian, Kafka's STICKY_ASSIGNOR_USER_DATA_V1 layout:
     *   int32   topic count, then per topic:
     *     int16   topic name length, then the name in UTF-8
     *     int32   partition count, then one int32 per partition
     *   int32   generation of the assignment
     */

    /** The last assignment this member received; written on its consumer thread, read by the group's coordinator. */
    private volatile MemberData memberAssignment;

    @Override
    public String name() {
        return STICKY_ASSIGNOR_NAME;
    }

    @Override
    public void onAssignment(Assignment assignment, ConsumerGroupMetadata metadata) {
        memberAssignment = new MemberData(assignment.partitions(), metadata.generationId());
    }

    /** Returns the member's last assignment and its generation, or null before its first assignment. */
    @Override
    public ByteBuffer subscriptionUserData(Set<String> topics) {
        MemberData last = memberAssignment;
        return last == null ? null : serializeTopicPartitionAssignment(last);
    }

    @Override
    MemberData memberData(Subscription subscription) {
        ByteBuffer userData = subscription.userData();
        if (userData == null || !userData.hasRemaining()) {
            return new MemberData(List.of(), DEFAULT_GENERATION);
        }
        return deserializeTopicPartitionAssignment(userData.duplicate());
    }

    static ByteBuffer serializeTopicPartitionAssignment(MemberData data) {
        Map<String, List<Integer>> byTopic = new TreeMap<>();
        for (TopicPartition tp : data.partitions()) {
            byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition());
        }
        int size = Integer.BYTES * 2;
        for (Map.Entry<String, List<Integer>> topic : byTopic.entrySet()) {
            size += Short.BYTES + topic.getKey().getBytes(StandardCharsets.UTF_8).length
                + Integer.BYTES * (1 + topic.getValue().size());
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.putInt(byTopic.size());
        byTopic.forEach((topic, partitions) -> {
            byte[] name = topic.getBytes(StandardCharsets.UTF_8);
            buffer.putShort((short) name.length).put(name).putInt(partitions.size());
            partitions.forEach(buffer::putInt);
        });
        buffer.putInt(data.generation());
        return buffer.flip();
    }

    static MemberData deserializeTopicPartitionAssignment(ByteBuffer buffer) {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int topics = buffer.getInt(); topics > 0; topics--) {
                byte[] name = new byte[buffer.getShort()];
                buffer.get(name);
                String topic = new String(name, StandardCharsets.UTF_8);
                for (int count = buffer.getInt(); count > 0; count--) {
                    partitions.add(new TopicPartition(topic, buffer.getInt()));
                }
            }
            return new MemberData(partitions, buffer.getInt());
        } catch (BufferUnderflowException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("Sticky assignor user data is truncated or corrupt ("
                + buffer.capacity() + " bytes); it must come from " + StickyAssignor.class.getName(), e);
        }
    }
}
