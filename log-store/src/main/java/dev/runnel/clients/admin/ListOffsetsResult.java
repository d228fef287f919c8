package dev.runnel.clients.admin;

import dev.runnel.common.KafkaFuture;
import dev.runnel.common.TopicPartition;
import java.util.Map;
import java.util.Optional;

/** The offsets {@code listOffsets} found, per partition. */
public class ListOffsetsResult extends KeyedResult<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> {
    ListOffsetsResult(Map<TopicPartition, KafkaFuture<ListOffsetsResultInfo>> futures) {
        super(futures);
    }

    public KafkaFuture<ListOffsetsResultInfo> partitionResult(TopicPartition partition) {
        KafkaFuture<ListOffsetsResultInfo> future = futures.get(partition);
        if (future == null) {
            throw new IllegalArgumentException("List Offsets for partition \"" + partition + "\" was not attempted");
        }
        return future;
    }

    public KafkaFuture<Map<TopicPartition, ListOffsetsResultInfo>> all() {
        return allValues();
    }

    /** An offset and the timestamp of its record (-1 when not looked up by time, or when no record matched). */
    public record ListOffsetsResultInfo(long offset, long timestamp, Optional<Integer> leaderEpoch) {
    }
}
