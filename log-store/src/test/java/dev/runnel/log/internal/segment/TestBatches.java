package dev.runnel.log.internal.segment;

import dev.runnel.log.internal.record.RecordBatch;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * Builds v2 record batches with a valid header around an opaque payload, as a producer would send them (base offset
 * 0). The log never looks inside the records, so the payload is random bytes.
 */
final class TestBatches {
    private TestBatches() {
    }

    /** One batch of {@code recordCount} records, max timestamp {@code maxTimestampMs}, {@code payloadBytes} payload. */
    static ByteBuffer batch(int recordCount, long maxTimestampMs, int payloadBytes, SplittableRandom random) {
        int size = RecordBatch.HEADER_SIZE + payloadBytes;
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.putLong(RecordBatch.BASE_OFFSET_OFFSET, 0L);
        buffer.putInt(RecordBatch.LENGTH_OFFSET, size - RecordBatch.LOG_OVERHEAD);
        buffer.putInt(RecordBatch.PARTITION_LEADER_EPOCH_OFFSET, RecordBatch.NO_PARTITION_LEADER_EPOCH);
        buffer.put(RecordBatch.MAGIC_OFFSET, RecordBatch.MAGIC);
        buffer.putShort(RecordBatch.ATTRIBUTES_OFFSET, (short) 0);
        buffer.putInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, recordCount - 1);
        buffer.putLong(RecordBatch.BASE_TIMESTAMP_OFFSET, maxTimestampMs - 5);
        buffer.putLong(RecordBatch.MAX_TIMESTAMP_OFFSET, maxTimestampMs);
        buffer.putLong(RecordBatch.PRODUCER_ID_OFFSET, RecordBatch.NO_PRODUCER_ID);
        buffer.putShort(RecordBatch.PRODUCER_EPOCH_OFFSET, RecordBatch.NO_PRODUCER_EPOCH);
        buffer.putInt(RecordBatch.BASE_SEQUENCE_OFFSET, RecordBatch.NO_SEQUENCE);
        buffer.putInt(RecordBatch.RECORDS_COUNT_OFFSET, recordCount);
        for (int i = RecordBatch.RECORDS_OFFSET; i < size; i++) {
            buffer.put(i, (byte) random.nextInt(256));
        }
        RecordBatch view = RecordBatch.of(buffer);
        buffer.putInt(RecordBatch.CRC_OFFSET, (int) view.computeChecksum());
        return buffer;
    }

    static ByteBuffer batch(int recordCount, long maxTimestampMs, int payloadBytes) {
        return batch(recordCount, maxTimestampMs, payloadBytes, new SplittableRandom(recordCount * 31L + payloadBytes));
    }

    /** Concatenates batches into one buffer, as a producer request carrying several batches. */
    static ByteBuffer concat(ByteBuffer... batches) {
        int total = 0;
        for (ByteBuffer b : batches) {
            total += b.remaining();
        }
        ByteBuffer out = ByteBuffer.allocate(total);
        for (ByteBuffer b : batches) {
            out.put(b.duplicate());
        }
        return out.flip();
    }

    /** Returns a copy of the payload bytes of the batch at {@code position}, to compare what was read back. */
    static byte[] payload(ByteBuffer buffer, int position) {
        RecordBatch batch = new RecordBatch().wrap(buffer, position);
        byte[] bytes = new byte[batch.sizeInBytes() - RecordBatch.HEADER_SIZE];
        buffer.duplicate().position(position + RecordBatch.RECORDS_OFFSET).get(bytes);
        return bytes;
    }
}
