package dev.runnel.clients.admin;

import dev.runnel.common.KafkaFuture;
import dev.runnel.common.TopicPartition;
import java.util.Map;

/** The result of {@code deleteConsumerGroupOffsets}: one future per partition, all failing together. */
public final class DeleteConsumerGroupOffsetsResult extends KeyedResult<TopicPartition, Void> {
    DeleteConsumerGroupOffsetsResult(Map<TopicPartition, KafkaFuture<Void>> futures) {
        super(futures);
    }

    public KafkaFuture<Void> partitionResult(TopicPartition partition) {
        KafkaFuture<Void> future = futures.get(partition);
        if (future == null) {
            throw new IllegalArgumentException("Delete offset for partition \"" + partition + "\" was not attempted");
        }
        return future;
    }

    public KafkaFuture<Void> all() {
        return allDone();
    }
}
