package dev.runnel.log.internal.cleaner;

import dev.runnel.common.errors.CorruptRecordException;
import dev.runnel.log.internal.record.Batches;
import dev.runnel.log.internal.record.RecordBatch;
import dev.runnel.log.internal.segment.LogSegment;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Iterates the batches of one rolled segment in chunks of about {@code chunkBytes}, each batch's CRC checked by
 * {@link LogSegment#read}. The first batch may start before the requested offset (it is the batch containing it).
 * Not thread-safe; owned by one cleaner.
 */
final class SegmentBatchReader {
    private final int chunkBytes;
    private LogSegment segment;
    private long nextOffset;
    private Batches batches;

    SegmentBatchReader(int chunkBytes) {
        this.chunkBytes = chunkBytes;
    }

    /** Points the reader at {@code segment}, before the batch that contains {@code fromOffset}. */
    void reset(LogSegment segment, long fromOffset) {
        this.segment = segment;
        this.nextOffset = fromOffset;
        this.batches = null;
    }

    /** The offset the reader reads next: after the last batch returned, or where it was reset to. */
    long nextOffset() {
        return nextOffset;
    }

    /**
     * Returns the next batch, a view valid until the next call, or null at the end of the segment.
     *
     * @throws CorruptRecordException if the next batch fails its CRC or header checks
     */
    RecordBatch next() throws IOException {
        if (batches == null || !batches.next()) {
            ByteBuffer chunk = segment.read(nextOffset, chunkBytes, segment.sizeInBytes());
            if (chunk == null) {
                return null;
            }
            batches = new Batches(chunk);
            if (!batches.next()) {
                throw new CorruptRecordException("no whole batch at offset " + nextOffset + " of "
                    + segment.logFile().getFileName());
            }
        }
        RecordBatch batch = batches.batch();
        nextOffset = batch.nextOffset();
        return batch;
    }
}
