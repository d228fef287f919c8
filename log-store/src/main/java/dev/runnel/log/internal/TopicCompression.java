package dev.runnel.log.internal;

import dev.runnel.common.record.CompressionType;
import dev.runnel.log.internal.record.Batches;
import dev.runnel.log.internal.record.RecordBatch;
import dev.runnel.log.internal.record.RecordBatchBuilder;
import dev.runnel.log.internal.record.RecordCursor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a topic's {@code compression.type}: {@code producer} keeps batches as the producer compressed them, any
 * codec (or {@code uncompressed}) re-encodes the batches that use another one, as Kafka's broker does. Records,
 * offsets deltas, timestamps and producer fields are kept.
 */
public final class TopicCompression {
    private TopicCompression() {
    }

    /** Returns the codec a topic config asks for, or null for {@code producer}. */
    public static CompressionType target(String topicCompressionType) {
        return switch (topicCompressionType) {
            case "producer" -> null;
            case "uncompressed" -> CompressionType.NONE;
            default -> CompressionType.forName(topicCompressionType);
        };
    }

    /** Returns {@code batches} with every batch in codec {@code target}; the same buffer if none needed it. */
    public static ByteBuffer apply(ByteBuffer batches, CompressionType target) {
        Batches iterator = new Batches(batches);
        boolean needed = false;
        while (iterator.next()) {
            RecordBatch batch = iterator.batch();
            needed |= batch.compressionType() != target && !batch.isControlBatch();
        }
        if (!needed) {
            return batches;
        }
        List<ByteBuffer> rebuilt = new ArrayList<>();
        iterator = new Batches(batches);
        RecordCursor cursor = new RecordCursor();
        while (iterator.next()) {
            RecordBatch batch = iterator.batch();
            rebuilt.add(batch.compressionType() == target || batch.isControlBatch() ? copy(batch)
                : reencode(batch, target, cursor));
        }
        ByteBuffer result = ByteBuffer.allocate(rebuilt.stream().mapToInt(ByteBuffer::remaining).sum());
        rebuilt.forEach(result::put);
        return result.flip();
    }

    private static ByteBuffer reencode(RecordBatch batch, CompressionType target, RecordCursor cursor) {
        RecordBatchBuilder builder = new RecordBatchBuilder(target, batch.timestampType(), Integer.MAX_VALUE);
        builder.setProducerState(batch.producerId(), batch.producerEpoch(), batch.baseSequence(),
            batch.isTransactional());
        cursor.reset(batch);
        while (cursor.next()) {
            builder.appendWithOffset(cursor.offset(), cursor.timestamp(), cursor.key(), cursor.value(),
                cursor.headers());
        }
        return builder.build();
    }

    private static ByteBuffer copy(RecordBatch batch) {
        ByteBuffer whole = batch.buffer().duplicate();
        whole.limit(batch.position() + batch.sizeInBytes()).position(batch.position());
        return whole.slice();
    }
}
