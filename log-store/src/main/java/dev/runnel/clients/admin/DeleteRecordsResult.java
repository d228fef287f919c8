package dev.runnel.clients.admin;

import dev.runnel.common.KafkaFuture;
import dev.runnel.common.TopicPartition;
import java.util.Map;

/** The outcome of {@code deleteRecords}, per partition: its new low watermark, or why nothing was deleted. */
public class DeleteRecordsResult extends KeyedResult<TopicPartition, DeletedRecords> {
    public DeleteRecordsResult(Map<TopicPartition, KafkaFuture<DeletedRecords>> futures) {
        super(futures);
    }

    public Map<TopicPartition, KafkaFuture<DeletedRecords>> lowWatermarks() {
        return futures;
    }

    /** Completes when every partition's deletion has succeeded; fails with the first partition's error. */
    public KafkaFuture<Void> all() {
        return allDone();
    }
}
