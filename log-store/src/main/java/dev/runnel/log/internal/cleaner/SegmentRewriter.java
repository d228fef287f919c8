package dev.runnel.log.internal.cleaner;

import dev.runnel.common.record.CompressionType;
import dev.runnel.common.record.TimestampType;
import dev.runnel.log.internal.record.RecordBatch;
import dev.runnel.log.internal.record.RecordBatchBuilder;
import dev.runnel.log.internal.record.RecordCursor;
import dev.runnel.log.internal.segment.LogSegment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Copies a group of segments into one cleaned segment, keeping per key only the record at the offset the
 * {@link OffsetMap} holds (or later), and tombstones until their delete horizon. One instance per cleaning of a
 * partition; it collects the statistics of that cleaning. Not thread-safe.
 */
final class SegmentRewriter {
    /*
     * Implementation notes.
     *
     * Each batch is looked at twice at most. Pass one decides every record without allocating (keys are copied into a
     * reused array to hash them) and stores the decisions in a reused bit set. If every record stays and no delete
     * horizon must be added, the original bytes are copied as they are: no re-encoding, same CRC. If none stays the
     * batch vanishes. Otherwise pass two re-encodes the kept records with RecordBatchBuilder.appendWithOffset, which
     * keeps their offsets, into a batch with the original codec, timestamp type and producer id; a compressed batch is
     * therefore decompressed twice, which costs less than re-encoding every unchanged batch.
     *
     * Tombstones (Kafka >= 3.0, KIP-534): a kept tombstone's batch gets the delete-horizon attribute with horizon
     * now + delete.retention.ms when it is first rewritten; a batch that already has one keeps it. Once the horizon
     * has passed, a later cleaning drops the batch's tombstones. Older values of the key were dropped by the cleaning
     * that first saw the tombstone in its dirty range, because the offset map then held the tombstone's offset.
     *
     * Batches at or after the clean point (the offset map stopped before them), control batches and transactional
     * batches are copied unchanged: whether a transactional record was committed is not known here yet.
     */
    private final OffsetMap map;
    private final long nowMs;
    private final long newHorizonMs;
    private final long cleanPoint;
    private final SegmentBatchReader reader;
    private final RecordCursor cursor = new RecordCursor();
    private final RecordBatchBuilder[] builders = new RecordBatchBuilder[16];
    private byte[] keyBuffer = new byte[256];
    private long[] retainBits = new long[16];
    private ByteBuffer out;
    private LogSegment target;
    private long outLastOffset;
    private long outMaxTimestamp = RecordBatch.NO_TIMESTAMP;
    private long outOffsetOfMaxTimestamp;

    private long minDeleteHorizonMs = CleanerCheckpoint.NO_HORIZON;
    private long bytesRead;
    private long bytesWritten;
    private long recordsRead;
    private long recordsRemoved;
    private long tombstonesRemoved;
    private long keylessRemoved;

    SegmentRewriter(OffsetMap map, long nowMs, long deleteRetentionMs, long cleanPoint, int ioBufferBytes) {
        this.map = map;
        this.nowMs = nowMs;
        this.newHorizonMs = deleteRetentionMs > Long.MAX_VALUE - nowMs ? Long.MAX_VALUE : nowMs + deleteRetentionMs;
        this.cleanPoint = cleanPoint;
        this.reader = new SegmentBatchReader(ioBufferBytes);
        this.out = ByteBuffer.allocate(ioBufferBytes);
    }

    /** Writes the retained batches of {@code group}, in order, to {@code cleaned}; the reader's failures propagate. */
    void rewrite(List<LogSegment> group, LogSegment cleaned) throws IOException {
        target = cleaned;
        out.clear();
        for (LogSegment segment : group) {
            reader.reset(segment, segment.baseOffset());
            RecordBatch batch;
            while ((batch = reader.next()) != null) {
                bytesRead += batch.sizeInBytes();
                filter(batch);
            }
        }
        flushOut();
        target = null;
    }

    /** The offset the rewriter was reading when it stopped, for error messages. */
    long position() {
        return reader.nextOffset();
    }

    private void filter(RecordBatch batch) throws IOException {
        if (batch.isControlBatch() || batch.isTransactional() || batch.baseOffset() >= cleanPoint) {
            recordsRead += batch.recordCount();
            write(batch);
            return;
        }
        boolean hadHorizon = batch.hasDeleteHorizon();
        long horizonMs = hadHorizon ? batch.baseTimestamp() : newHorizonMs;
        boolean horizonPassed = hadHorizon && horizonMs <= nowMs;
        int total = 0;
        int retained = 0;
        boolean retainedTombstone = false;
        long firstRetained = -1;
        cursor.reset(batch);
        while (cursor.next()) {
            boolean keep = shouldRetain(horizonPassed);
            setRetained(total, keep);
            total++;
            if (keep) {
                retained++;
                retainedTombstone |= !cursor.hasValue();
                firstRetained = firstRetained < 0 ? cursor.offset() : firstRetained;
            }
        }
        recordsRead += total;
        recordsRemoved += total - retained;
        if (retained == 0) {
            return;
        }
        if (retainedTombstone) {
            minDeleteHorizonMs = minDeleteHorizonMs == CleanerCheckpoint.NO_HORIZON ? horizonMs
                : Math.min(minDeleteHorizonMs, horizonMs);
        }
        if (retained == total && (hadHorizon || !retainedTombstone)) {
            write(batch);
            return;
        }
        reencode(batch, retainedTombstone ? horizonMs : CleanerCheckpoint.NO_HORIZON, firstRetained);
    }

    /** Decides the cursor's record: Kafka's rule, offset >= the map's offset for its key, and live tombstones. */
    private boolean shouldRetain(boolean horizonPassed) {
        if (!cursor.hasKey()) {
            // A compacted topic refuses keyless records; these predate a switch of cleanup.policy to compact.
            keylessRemoved++;
            return false;
        }
        int keySize = cursor.keySize();
        if (keyBuffer.length < keySize) {
            keyBuffer = new byte[Math.max(keySize, keyBuffer.length * 2)];
        }
        cursor.copyKey(keyBuffer, 0);
        if (cursor.offset() < map.get(keyBuffer, keySize)) {
            return false;
        }
        if (!cursor.hasValue() && horizonPassed) {
            tombstonesRemoved++;
            return false;
        }
        return true;
    }

    private void reencode(RecordBatch batch, long horizonMs, long newBaseOffset) throws IOException {
        RecordBatchBuilder builder = builder(batch.compressionType(), batch.timestampType());
        builder.reset();
        if (batch.producerId() != RecordBatch.NO_PRODUCER_ID) {
            int sequence = batch.baseSequence();
            if (sequence != RecordBatch.NO_SEQUENCE) {
                // Sequences follow offsets within a batch and wrap at 2^31.
                long shifted = sequence + (newBaseOffset - batch.baseOffset());
                sequence = (int) (shifted % ((long) Integer.MAX_VALUE + 1));
            }
            builder.setProducerState(batch.producerId(), batch.producerEpoch(), sequence, false);
        }
        if (horizonMs != CleanerCheckpoint.NO_HORIZON) {
            builder.setDeleteHorizon(horizonMs);
        }
        cursor.reset(batch);
        int index = 0;
        while (cursor.next()) {
            if (isRetained(index++)) {
                builder.appendWithOffset(cursor.offset(), cursor.timestamp(), cursor.key(), cursor.value(),
                    cursor.headers());
            }
        }
        ByteBuffer built = builder.build();
        write(RecordBatch.of(built));
    }

    private RecordBatchBuilder builder(CompressionType compression, TimestampType timestampType) {
        int slot = compression.id * 2 + (timestampType == TimestampType.LOG_APPEND_TIME ? 1 : 0);
        if (slot >= builders.length) {
            throw new IllegalStateException("no builder slot for " + compression + "/" + timestampType);
        }
        if (builders[slot] == null) {
            builders[slot] = new RecordBatchBuilder(compression, timestampType, 64 * 1024);
        }
        return builders[slot];
    }

    private void setRetained(int index, boolean keep) {
        int word = index >>> 6;
        if (word >= retainBits.length) {
            retainBits = Arrays.copyOf(retainBits, Math.max(word + 1, retainBits.length * 2));
        }
        long bit = 1L << index;
        retainBits[word] = keep ? retainBits[word] | bit : retainBits[word] & ~bit;
    }

    private boolean isRetained(int index) {
        return (retainBits[index >>> 6] & (1L << index)) != 0;
    }

    /** Adds the batch's bytes to the output buffer, writing the buffer out first if the batch does not fit. */
    private void write(RecordBatch batch) throws IOException {
        int size = batch.sizeInBytes();
        if (out.remaining() < size) {
            flushOut();
            if (out.capacity() < size) {
                out = ByteBuffer.allocate(size);
            }
        }
        ByteBuffer bytes = batch.buffer().duplicate();
        bytes.limit(batch.position() + size).position(batch.position());
        out.put(bytes);
        if (batch.maxTimestamp() > outMaxTimestamp) {
            outMaxTimestamp = batch.maxTimestamp();
            outOffsetOfMaxTimestamp = batch.lastOffset();
        }
        outLastOffset = batch.lastOffset();
        bytesWritten += size;
    }

    private void flushOut() throws IOException {
        if (out.position() == 0) {
            return;
        }
        out.flip();
        target.append(outLastOffset, outMaxTimestamp, outOffsetOfMaxTimestamp, out);
        out.clear();
        outMaxTimestamp = RecordBatch.NO_TIMESTAMP;
    }

    long minDeleteHorizonMs() {
        return minDeleteHorizonMs;
    }

    long bytesRead() {
        return bytesRead;
    }

    long bytesWritten() {
        return bytesWritten;
    }

    long recordsRead() {
        return recordsRead;
    }

    long recordsRemoved() {
        return recordsRemoved;
    }

    long tombstonesRemoved() {
        return tombstonesRemoved;
    }

    long keylessRemoved() {
        return keylessRemoved;
    }
}
