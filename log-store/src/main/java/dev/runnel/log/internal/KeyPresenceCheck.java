package dev.runnel.log.internal;

import dev.runnel.common.TopicPartition;
import dev.runnel.common.errors.InvalidRecordException;
import dev.runnel.log.internal.record.Batches;
import dev.runnel.log.internal.record.RecordBatch;
import dev.runnel.log.internal.record.RecordCursor;
import java.nio.ByteBuffer;

/** Refuses records without a key on a compacted topic, where the key is what compaction keeps the latest value of. */
public final class KeyPresenceCheck {
    private KeyPresenceCheck() {
    }

    /** Throws {@link InvalidRecordException} if any record in {@code batches} has a null key. */
    public static void requireKeys(TopicPartition tp, ByteBuffer batches) {
        Batches iterator = new Batches(batches);
        RecordCursor cursor = new RecordCursor();
        while (iterator.next()) {
            RecordBatch batch = iterator.batch();
            if (batch.isControlBatch()) {
                continue;
            }
            cursor.reset(batch);
            while (cursor.next()) {
                if (!cursor.hasKey()) {
                    throw new InvalidRecordException("Compacted topic " + tp.topic() + " cannot accept a record "
                        + "without a key (partition " + tp.partition() + "): compaction keeps the latest record per "
                        + "key, so every record sent to a topic with cleanup.policy=compact needs a key");
                }
            }
        }
    }
}
