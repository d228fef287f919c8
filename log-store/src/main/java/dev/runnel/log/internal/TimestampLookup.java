package dev.runnel.log.internal;

import dev.runnel.log.internal.record.Batches;
import dev.runnel.log.internal.record.RecordBatch;
import dev.runnel.log.internal.record.RecordCursor;
import dev.runnel.log.internal.segment.FetchData;
import dev.runnel.log.internal.segment.PartitionLog;

/**
 * Finds the earliest record at or after a timestamp ({@code offsetsForTimes}, {@code OffsetSpec.forTimestamp}): the
 * partition's time index finds the first batch whose max timestamp reaches it, and only that batch's records (and,
 * if they are out of order, the next batches') are scanned.
 */
public final class TimestampLookup {
    /** The record found: its offset and timestamp. */
    public record Match(long offset, long timestamp) {
    }

    private TimestampLookup() {
    }

    /** Returns the match, or null when no record has a timestamp at or after {@code timestampMs}. */
    public static Match find(PartitionLog partition, long timestampMs) {
        long offset = partition.offsetForTimestamp(timestampMs);
        RecordCursor cursor = new RecordCursor();
        while (offset >= 0 && offset < partition.logEndOffset()) {
            FetchData data = partition.read(offset, 1);
            Batches batches = new Batches(data.records());
            long next = -1;
            while (batches.next()) {
                RecordBatch batch = batches.batch();
                next = batch.nextOffset();
                if (batch.isControlBatch() || batch.maxTimestamp() < timestampMs) {
                    continue;
                }
                cursor.reset(batch);
                while (cursor.next()) {
                    if (cursor.offset() >= offset && cursor.timestamp() >= timestampMs) {
                        return new Match(cursor.offset(), cursor.timestamp());
                    }
                }
            }
            offset = next;
        }
        return null;
    }
}
