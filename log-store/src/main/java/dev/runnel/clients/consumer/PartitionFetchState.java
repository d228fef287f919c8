package dev.runnel.clients.consumer;

import dev.runnel.log.internal.record.Batches;
import dev.runnel.log.internal.record.RecordCursor;
import dev.runnel.log.internal.segment.AbortedTransaction;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

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
    /** The buffer {@link #batches} reads, or null. */
    ByteBuffer fetched;
    /** The cursor over the current batch's records, or null between batches. */
    final RecordCursor cursor = new RecordCursor();
    boolean inBatch;
    /** The bytes held, counted against {@code fetch.max.bytes}. */
    int bufferedBytes;
    /** read_committed: the last stable offset when the buffer was read; no batch at or past it is returned. */
    long stableUpperBound = Long.MAX_VALUE;
    /** read_committed: the aborted transactions overlapping the buffer, by first offset, not yet reached. */
    final ArrayDeque<AbortedTransaction> abortedAhead = new ArrayDeque<>();
    /** read_committed: producers whose aborted transaction the buffer is inside of. */
    final Set<Long> abortedProducerIds = new HashSet<>();

    void buffer(ByteBuffer fetched) {
        this.fetched = fetched;
        batches = new Batches(fetched);
        inBatch = false;
        bufferedBytes = fetched.remaining();
    }

    void clearBuffer() {
        batches = null;
        fetched = null;
        inBatch = false;
        bufferedBytes = 0;
        stableUpperBound = Long.MAX_VALUE;
        abortedAhead.clear();
        abortedProducerIds.clear();
    }

    void seek(long offset) {
        position = offset;
        pendingReset = null;
        clearBuffer();
    }
}
