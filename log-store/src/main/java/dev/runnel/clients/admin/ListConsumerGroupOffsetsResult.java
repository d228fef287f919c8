package dev.runnel.clients.admin;

import dev.runnel.clients.consumer.OffsetAndMetadata;
import dev.runnel.common.KafkaFuture;
import dev.runnel.common.TopicPartition;
import java.util.Map;

/** The result of {@code listConsumerGroupOffsets}: the partitions with a committed offset, per group. */
public final class ListConsumerGroupOffsetsResult extends KeyedResult<String, Map<TopicPartition, OffsetAndMetadata>> {
    private final String firstGroup;

    ListConsumerGroupOffsetsResult(String firstGroup,
                                   Map<String, KafkaFuture<Map<TopicPartition, OffsetAndMetadata>>> futures) {
        super(futures);
        this.firstGroup = firstGroup;
    }

    /** The offsets of the (only) group requested. */
    public KafkaFuture<Map<TopicPartition, OffsetAndMetadata>> partitionsToOffsetAndMetadata() {
        return futures.get(firstGroup);
    }

    public KafkaFuture<Map<TopicPartition, OffsetAndMetadata>> partitionsToOffsetAndMetadata(String groupId) {
        KafkaFuture<Map<TopicPartition, OffsetAndMetadata>> future = futures.get(groupId);
        if (future == null) {
            throw new IllegalArgumentException("Offsets for group '" + groupId + "' were not requested");
        }
        return future;
    }

    public KafkaFuture<Map<String, Map<TopicPartition, OffsetAndMetadata>>> all() {
        return allValues();
    }
}
