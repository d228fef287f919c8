package dev.runnel.log.internal.record;

import dev.runnel.common.errors.CorruptRecordException;
import java.nio.ByteBuffer;

/**
 * Iterates the consecutive batches in a buffer, such as a fetch response or a segment read, through one reused
 * {@link RecordBatch} view. A trailing partial batch (a read may end mid-batch) ends the iteration quietly; a length
 * field too small for a header or a magic other than 2 is corruption. The CRC is not checked: call
 * {@link RecordBatch#isValid()} on each batch before trusting it. The buffer's position and limit are not changed.
 * Not thread-safe.
 *
 * <pre>{@code
 * Batches batches = new Batches(fetched);
 * while (batches.next()) {
 *     RecordBatch batch = batches.batch();
 *     ...
 * }
 * int whole = batches.validBytes();   // bytes of whole batches; the rest is a partial tail
 * }</pre>
 */
public final class Batches {
    private final ByteBuffer buffer;
    private final int start;
    private final RecordBatch batch = new RecordBatch();
    private int position;

    /** Iterates from the buffer's position to its limit. */
    public Batches(ByteBuffer buffer) {
        this.buffer = buffer;
        this.start = buffer.position();
        this.position = start;
    }

    /**
     * Moves to the next whole batch and returns true, or returns false at the end of the buffer or at a partial batch.
     *
     * @throws CorruptRecordException if the next batch's length or magic is impossible
     */
    public boolean next() {
        int remaining = buffer.limit() - position;
        if (remaining < RecordBatch.LOG_OVERHEAD) {
            return false;
        }
        int length = buffer.getInt(position + RecordBatch.LENGTH_OFFSET);
        if (length < RecordBatch.HEADER_SIZE - RecordBatch.LOG_OVERHEAD) {
            throw new CorruptRecordException("Record batch at position " + position + " has length " + length
                + ", less than the " + (RecordBatch.HEADER_SIZE - RecordBatch.LOG_OVERHEAD)
                + " bytes of a batch header");
        }
        if (remaining > RecordBatch.MAGIC_OFFSET) {
            byte magic = buffer.get(position + RecordBatch.MAGIC_OFFSET);
            if (magic != RecordBatch.MAGIC) {
                throw new CorruptRecordException("Record batch at position " + position + " has magic " + magic
                    + "; only magic " + RecordBatch.MAGIC + " is supported");
            }
        }
        if ((long) remaining < (long) RecordBatch.LOG_OVERHEAD + length) {
            return false;
        }
        batch.wrap(buffer, position);
        position += RecordBatch.LOG_OVERHEAD + length;
        return true;
    }

    /** The batch {@link #next()} moved to; the same view each time, re-pointed. */
    public RecordBatch batch() {
        return batch;
    }

    /** The bytes of whole batches returned so far, counted from the buffer's starting position. */
    public int validBytes() {
        return position - start;
    }

    /** The buffer index just after the last batch returned. */
    public int position() {
        return position;
    }

    /** True once {@link #next()} has returned false with bytes left over: a partial batch ends the buffer. */
    public boolean hasPartialTail() {
        return position < buffer.limit();
    }

    /** Counts the bytes of whole batches at the start of the buffer's remaining bytes. */
    public static int sizeOfWholeBatches(ByteBuffer buffer) {
        Batches batches = new Batches(buffer);
        while (batches.next()) {
            // only the count matters
        }
        return batches.validBytes();
    }
}
