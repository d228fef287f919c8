package dev.runnel.clients.consumer;

import dev.runnel.log.internal.record.Batches;
import dev.runnel.log.internal.record.RecordCursor;
import java.nio.ByteBuffer;

/**
 * A consumer's reading state for one assigned partition: its position, whether it is paused, and the fetched bytes
 * not yet turned into records. Not thread-safe; owned by the consumer's polling thread.
 */
final class PartitionFetchState {
    static final long UNKNOWN = -1;

    /** The offset of the next record to return, or {@link #UNKNOWN} until it is reset. */
    long position = UNKNOWN;
    /** A pending reset (from {@code seekToBeginning}/{@code seekToEnd}); null when none. */
    OffsetResetStrategy pendingReset;
    boolean paused;
    /** Whole batches read from the log; null when nothing is buffered. */
    Batches batches;
    /** The cursor over the current batch's records, or null between batches. */
    final RecordCursor cursor = new RecordCursor();
    boolean inBatch;
    /** The bytes held, counted against {@code fetch.max.bytes}. */
    int bufferedBytes;

    void buffer(ByteBuffer fetched) {
        batches = new Batches(fetched);
        inBatch = false;
        bufferedBytes = fetched.remaining();
    }

    void clearBuffer() {
        batches = null;
        inBatch = false;
        bufferedBytes = 0;
    }

    void seek(long offset) {
        position = offset;
        pendingReset = null;
        clearBuffer();
    }
}
