package dev.runnel.log.internal.record;

import static dev.runnel.log.internal.record.RecordBatch.HEADER_SIZE;

import dev.runnel.common.header.Header;
import dev.runnel.common.record.CompressionType;
import dev.runnel.common.record.TimestampType;
import dev.runnel.common.utils.Checks;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Builds one record batch in Kafka's v2 layout (see {@link RecordBatch}). Records are encoded as they are appended into
 * a growable buffer after space reserved for the header; {@link #build()} compresses them if a codec is set, fills in
 * the header and computes the CRC. After {@code build()} the builder refuses appends until {@link #reset()}, which
 * keeps its memory for the next batch. Not thread-safe; owned by one producer partition queue or one cleaner thread.
 *
 * <pre>{@code
 * RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.LZ4, TimestampType.CREATE_TIME, 16384);
 * while (builder.hasRoomFor(ts, key, value, headers)) {
 *     builder.append(ts, key, value, headers);
 * }
 * ByteBuffer batch = builder.build();   // valid until builder.reset()
 * }</pre>
 *
 * Pitfall: the buffer {@code build()} returns shares the builder's memory. Write or copy it before calling
 * {@code reset()}.
 */
public final class RecordBatchBuilder {
    private static final Header[] NO_HEADERS = new Header[0];

    private final CompressionType compression;
    private final TimestampType timestampType;
    private final int batchSizeLimit;
    /** The header's space followed by the uncompressed records. */
    private final BufferOutputStream records;
    /** The header's space followed by the compressed records; created on the first compressed build. */
    private BufferOutputStream compressed;

    private long baseOffset;
    private int lastOffsetDelta;
    private int count;
    /** The largest record body so far, without its length prefix, for the producer's {@code record-size-max}. */
    private int maxRecordBodySize;
    private long baseTimestamp;
    private long maxTimestamp;
    private long deleteHorizonMs;
    private boolean hasDeleteHorizon;
    private long producerId;
    private short producerEpoch;
    private int baseSequence;
    private boolean transactional;
    private boolean control;
    private ByteBuffer built;

    /**
     * @param batchSizeLimit the size in bytes that {@link #hasRoomFor} keeps the uncompressed batch under, Kafka's
     *                       {@code batch.size}; a single larger record still makes a batch of its own
     */
    public RecordBatchBuilder(CompressionType compression, TimestampType timestampType, int batchSizeLimit) {
        this.compression = Objects.requireNonNull(compression, "compression");
        this.timestampType = Objects.requireNonNull(timestampType, "timestampType");
        Checks.requireArgument(timestampType != TimestampType.NO_TIMESTAMP_TYPE,
            "A v2 batch needs CreateTime or LogAppendTime, not %s", timestampType);
        Checks.requireArgument(batchSizeLimit > 0, "batchSizeLimit must be positive: %d", batchSizeLimit);
        this.batchSizeLimit = batchSizeLimit;
        this.records = new BufferOutputStream(Math.min(batchSizeLimit, 1 << 20) + HEADER_SIZE);
        reset();
    }

    /** Discards the batch and producer state, keeping codec, timestamp type, limit and memory, to build another. */
    public void reset() {
        records.reset();
        records.position(HEADER_SIZE);
        baseOffset = 0;
        lastOffsetDelta = -1;
        count = 0;
        maxRecordBodySize = 0;
        baseTimestamp = RecordBatch.NO_TIMESTAMP;
        maxTimestamp = RecordBatch.NO_TIMESTAMP;
        deleteHorizonMs = RecordBatch.NO_TIMESTAMP;
        hasDeleteHorizon = false;
        producerId = RecordBatch.NO_PRODUCER_ID;
        producerEpoch = RecordBatch.NO_PRODUCER_EPOCH;
        baseSequence = RecordBatch.NO_SEQUENCE;
        transactional = false;
        control = false;
        built = null;
    }

    /**
     * Returns true if the record fits: always for the first record, otherwise when the uncompressed batch with it
     * stays within the size limit. Returns false once the batch is built.
     */
    public boolean hasRoomFor(long timestamp, byte[] key, byte[] value, Header[] headers) {
        if (built != null) {
            return false;
        }
        if (count == 0) {
            return true;
        }
        int size = sizeOfRecord(lastOffsetDelta + 1, timestamp - baseTimestamp, key, value, orEmpty(headers));
        return (long) records.position() + size <= batchSizeLimit;
    }

    /**
     * Appends a record at the next offset if it fits, as {@link #hasRoomFor} decides, and returns whether it did.
     * Cheaper than the two calls: the record's size is computed once.
     */
    public boolean tryAppend(long timestamp, byte[] key, byte[] value, Header[] headers) {
        if (built != null) {
            return false;
        }
        if (count == 0) {
            appendRecord(0, timestamp, key, value, headers);
            return true;
        }
        Header[] hs = orEmpty(headers);
        int offsetDelta = lastOffsetDelta + 1;
        long timestampDelta = timestamp - baseTimestamp;
        int bodySize = sizeOfBody(offsetDelta, timestampDelta, key, value, hs);
        if ((long) records.position() + ByteUtils.sizeOfVarint(bodySize) + bodySize > batchSizeLimit) {
            return false;
        }
        commitRecord(bodySize, offsetDelta, timestamp, key, value, hs);
        return true;
    }

    /** Appends a record at the next offset: deltas 0, 1, 2, … from the base offset. Null key or value is allowed. */
    public void append(long timestamp, byte[] key, byte[] value, Header[] headers) {
        checkOpen();
        appendRecord(lastOffsetDelta + 1, timestamp, key, value, headers);
    }

    /**
     * Appends a record with an absolute offset, keeping gaps, as the log compactor does. The first record's offset
     * becomes the base offset; later ones must be strictly greater than the last and within 2^31 of the base.
     */
    public void appendWithOffset(long offset, long timestamp, byte[] key, byte[] value, Header[] headers) {
        checkOpen();
        if (count == 0) {
            Checks.requireArgument(offset >= 0, "Offset must not be negative: %d", offset);
            baseOffset = offset;
            appendRecord(0, timestamp, key, value, headers);
            return;
        }
        long last = baseOffset + lastOffsetDelta;
        Checks.requireArgument(offset > last, "Offset %d is not after the last offset %d", offset, last);
        Checks.requireArgument(offset - baseOffset <= Integer.MAX_VALUE,
            "Offset %d is more than 2^31-1 after the base offset %d", offset, baseOffset);
        appendRecord((int) (offset - baseOffset), timestamp, key, value, headers);
    }

    private void appendRecord(int offsetDelta, long timestamp, byte[] key, byte[] value, Header[] headers) {
        Header[] hs = orEmpty(headers);
        if (count == 0 && !hasDeleteHorizon) {
            baseTimestamp = timestamp;
        }
        long timestampDelta = timestamp - baseTimestamp;
        commitRecord(sizeOfBody(offsetDelta, timestampDelta, key, value, hs), offsetDelta, timestamp, key, value, hs);
    }

    private void commitRecord(int bodySize, int offsetDelta, long timestamp, byte[] key, byte[] value,
                              Header[] headers) {
        writeRecord(bodySize, offsetDelta, timestamp - baseTimestamp, key, value, headers);
        count++;
        maxRecordBodySize = Math.max(maxRecordBodySize, bodySize);
        lastOffsetDelta = offsetDelta;
        if (count == 1 || timestamp > maxTimestamp) {
            maxTimestamp = timestamp;
        }
    }

    /** Writes one record straight into the backing array: this is the producer's per-record hot path. */
    private void writeRecord(int bodySize, int offsetDelta, long timestampDelta, byte[] key, byte[] value,
                             Header[] headers) {
        records.ensureCapacity(ByteUtils.MAX_VARINT_SIZE + bodySize);
        ByteBuffer out = records.buffer();
        byte[] array = out.array();
        int base = out.arrayOffset();
        int i = base + out.position();
        i = ByteUtils.writeVarint(bodySize, array, i);
        array[i++] = 0; // record attributes: none are defined
        i = ByteUtils.writeVarlong(timestampDelta, array, i);
        i = ByteUtils.writeVarint(offsetDelta, array, i);
        i = writeBytes(key, array, i);
        i = writeBytes(value, array, i);
        i = ByteUtils.writeVarint(headers.length, array, i);
        out.position(i - base);
        for (Header header : headers) {
            String headerKey = header.key();
            ByteUtils.writeVarint(ByteUtils.utf8Length(headerKey), out);
            ByteUtils.writeUtf8(headerKey, out);
            writeBytes(header.value(), out);
        }
    }

    private static int writeBytes(byte[] bytes, byte[] array, int index) {
        if (bytes == null) {
            return ByteUtils.writeVarint(-1, array, index);
        }
        int i = ByteUtils.writeVarint(bytes.length, array, index);
        System.arraycopy(bytes, 0, array, i, bytes.length);
        return i + bytes.length;
    }

    private static void writeBytes(byte[] bytes, ByteBuffer out) {
        if (bytes == null) {
            ByteUtils.writeVarint(-1, out);
        } else {
            ByteUtils.writeVarint(bytes.length, out);
            out.put(bytes);
        }
    }

    /** The encoded size of one record, its length prefix included. */
    static int sizeOfRecord(int offsetDelta, long timestampDelta, byte[] key, byte[] value, Header[] headers) {
        int body = sizeOfBody(offsetDelta, timestampDelta, key, value, headers);
        return ByteUtils.sizeOfVarint(body) + body;
    }

    private static int sizeOfBody(int offsetDelta, long timestampDelta, byte[] key, byte[] value, Header[] headers) {
        int size = 1 + ByteUtils.sizeOfVarlong(timestampDelta) + ByteUtils.sizeOfVarint(offsetDelta)
            + sizeOfBytes(key) + sizeOfBytes(value) + ByteUtils.sizeOfVarint(headers.length);
        for (Header header : headers) {
            String headerKey = Objects.requireNonNull(header.key(), "header key");
            int keyLength = ByteUtils.utf8Length(headerKey);
            size += ByteUtils.sizeOfVarint(keyLength) + keyLength + sizeOfBytes(header.value());
        }
        return size;
    }

    private static int sizeOfBytes(byte[] bytes) {
        return bytes == null ? 1 : ByteUtils.sizeOfVarint(bytes.length) + bytes.length;
    }

    private static Header[] orEmpty(Header[] headers) {
        return headers == null ? NO_HEADERS : headers;
    }

    /** Sets idempotent-producer fields; until called they are -1 and the batch is not transactional. */
    public void setProducerState(long producerId, short epoch, int baseSequence, boolean transactional) {
        checkOpen();
        this.producerId = producerId;
        this.producerEpoch = epoch;
        this.baseSequence = baseSequence;
        this.transactional = transactional;
    }

    /** Marks the batch as holding control records (transaction markers). */
    public void setControl(boolean control) {
        checkOpen();
        this.control = control;
    }

    /**
     * Sets attribute bit 6 and stores {@code deleteHorizonMs} as the base timestamp, as the compactor does for batches
     * with tombstones; record timestamps are encoded relative to it. Must be called before the first append.
     */
    public void setDeleteHorizon(long deleteHorizonMs) {
        checkOpen();
        Checks.requireState(count == 0, "The delete horizon must be set before the first record; %d appended", count);
        this.hasDeleteHorizon = true;
        this.deleteHorizonMs = deleteHorizonMs;
        this.baseTimestamp = deleteHorizonMs;
    }

    public int recordCount() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** The records' size before compression, batch header included. */
    public int uncompressedSizeInBytes() {
        return records.position();
    }

    /** The size of the largest record appended since the last {@link #reset()}, its length prefix included. */
    public int maxRecordSizeInBytes() {
        // The prefix grows with the body, so the largest body makes the largest record.
        return count == 0 ? 0 : ByteUtils.sizeOfVarint(maxRecordBodySize) + maxRecordBodySize;
    }

    /** The batch size so far, uncompressed (so an upper bound for a compressed batch), or the built size. */
    public int estimatedSizeInBytes() {
        return built != null ? built.limit() : records.position();
    }

    /**
     * Finishes the batch and returns it with position 0 and limit at its end: base offset (0 after {@link #append},
     * the first offset after {@link #appendWithOffset}), partition leader epoch -1, CRC-32C computed. Calling it again
     * returns the same bytes. The buffer shares the builder's memory and is valid until {@link #reset()}.
     */
    public ByteBuffer build() {
        if (built == null) {
            built = finish();
        }
        return built.duplicate();
    }

    private ByteBuffer finish() {
        BufferOutputStream target = records;
        if (compression != CompressionType.NONE) {
            if (compressed == null) {
                compressed = new BufferOutputStream(records.buffer().capacity() / 2);
            }
            compressed.reset();
            compressed.position(HEADER_SIZE);
            ByteBuffer raw = records.buffer().duplicate();
            raw.flip().position(HEADER_SIZE);
            Compression.compress(compression, raw, compressed);
            target = compressed;
        }
        ByteBuffer batch = target.buffer().slice(0, target.position());
        writeHeader(batch);
        RecordBatch view = new RecordBatch().wrap(batch, 0);
        batch.putInt(RecordBatch.CRC_OFFSET, (int) view.computeChecksum());
        return batch;
    }

    private void writeHeader(ByteBuffer batch) {
        int attributes = compression.id;
        if (timestampType == TimestampType.LOG_APPEND_TIME) {
            attributes |= RecordBatch.TIMESTAMP_TYPE_MASK;
        }
        if (transactional) {
            attributes |= RecordBatch.TRANSACTIONAL_FLAG_MASK;
        }
        if (control) {
            attributes |= RecordBatch.CONTROL_FLAG_MASK;
        }
        if (hasDeleteHorizon) {
            attributes |= RecordBatch.DELETE_HORIZON_FLAG_MASK;
        }
        batch.putLong(RecordBatch.BASE_OFFSET_OFFSET, baseOffset);
        batch.putInt(RecordBatch.LENGTH_OFFSET, batch.limit() - RecordBatch.LOG_OVERHEAD);
        batch.putInt(RecordBatch.PARTITION_LEADER_EPOCH_OFFSET, RecordBatch.NO_PARTITION_LEADER_EPOCH);
        batch.put(RecordBatch.MAGIC_OFFSET, RecordBatch.MAGIC);
        batch.putInt(RecordBatch.CRC_OFFSET, 0);
        batch.putShort(RecordBatch.ATTRIBUTES_OFFSET, (short) attributes);
        batch.putInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, Math.max(lastOffsetDelta, 0));
        batch.putLong(RecordBatch.BASE_TIMESTAMP_OFFSET, hasDeleteHorizon ? deleteHorizonMs : baseTimestamp);
        batch.putLong(RecordBatch.MAX_TIMESTAMP_OFFSET, maxTimestamp);
        batch.putLong(RecordBatch.PRODUCER_ID_OFFSET, producerId);
        batch.putShort(RecordBatch.PRODUCER_EPOCH_OFFSET, producerEpoch);
        batch.putInt(RecordBatch.BASE_SEQUENCE_OFFSET, baseSequence);
        batch.putInt(RecordBatch.RECORDS_COUNT_OFFSET, count);
    }

    private void checkOpen() {
        Checks.requireState(built == null, "The batch is already built; call reset() to start another");
    }

    @Override
    public String toString() {
        return "RecordBatchBuilder(compression=" + compression + ", timestampType=" + timestampType + ", count="
            + count + ", estimatedSize=" + estimatedSizeInBytes() + ", built=" + (built != null) + ")";
    }
}
