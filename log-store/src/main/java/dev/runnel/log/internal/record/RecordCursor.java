package dev.runnel.log.internal.record;

import dev.runnel.common.errors.CorruptRecordException;
import dev.runnel.common.header.Header;
import dev.runnel.common.header.internals.RecordHeader;
import dev.runnel.common.record.CompressionType;
import dev.runnel.common.record.TimestampType;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A reusable cursor over the records of one batch. {@link #reset} points it at a batch (decompressing a compressed
 * batch once, into a buffer the cursor keeps for the next batch), then each {@link #next} parses one record in place;
 * the accessors describe that record. Offsets are absolute; timestamps are the base timestamp plus the record's
 * delta, or the batch's max timestamp for every record under LogAppendTime. Not thread-safe; one per reader.
 *
 * <pre>{@code
 * RecordCursor cursor = new RecordCursor();
 * cursor.reset(batch);
 * while (cursor.next()) {
 *     consume(cursor.offset(), cursor.timestamp(), cursor.key(), cursor.value(), cursor.headers());
 * }
 * }</pre>
 *
 * Malformed record data (a length running past its record or the batch, an over-long varint, a record count that
 * does not match the data) raises {@link CorruptRecordException} naming the batch's base offset. The cursor does not
 * check the CRC: call {@link RecordBatch#isValid()} first.
 */
public final class RecordCursor {
    private static final Header[] NO_HEADERS = new Header[0];

    private ByteBuffer decompressed;
    private ByteBuffer data;
    private int count;
    private int index;
    private long baseOffset;
    private long baseTimestamp;
    private long maxTimestamp;
    private boolean logAppendTime;

    private long offset;
    private long timestamp;
    private int keyPosition;
    private int keySize;
    private int valuePosition;
    private int valueSize;
    private int headersPosition;
    private int headerCount;

    /** Points the cursor before the first record of {@code batch} and returns it. */
    public RecordCursor reset(RecordBatch batch) {
        baseOffset = batch.baseOffset();
        baseTimestamp = batch.baseTimestamp();
        maxTimestamp = batch.maxTimestamp();
        count = batch.recordCount();
        index = 0;
        if (count < 0) {
            throw corrupt("negative record count " + count);
        }
        int start = batch.position() + RecordBatch.RECORDS_OFFSET;
        long end = (long) batch.position() + batch.sizeInBytes();
        if (batch.batchLength() < RecordBatch.HEADER_SIZE - RecordBatch.LOG_OVERHEAD
            || end > batch.buffer().limit()) {
            throw corrupt("batch length " + batch.batchLength() + " does not fit the buffer");
        }
        short attributes = batch.attributes();
        logAppendTime = (attributes & RecordBatch.TIMESTAMP_TYPE_MASK) != 0;
        int codec = attributes & RecordBatch.COMPRESSION_CODEC_MASK;
        if (codec > CompressionType.ZSTD.id) {
            throw corrupt("unknown compression codec id " + codec);
        }
        ByteBuffer section = batch.buffer().duplicate();
        section.limit((int) end).position(start);
        if (codec == CompressionType.NONE.id) {
            data = section;
        } else {
            decompressed = Compression.decompress(CompressionType.forId(codec), section, decompressed, baseOffset);
            data = decompressed;
        }
        return this;
    }

    /** Moves to the next record and returns true, or returns false after the last one. */
    public boolean next() {
        if (index >= count) {
            if (data != null && data.hasRemaining()) {
                throw corrupt("declares " + count + " records but " + data.remaining() + " bytes follow the last");
            }
            return false;
        }
        if (!data.hasRemaining()) {
            throw corrupt("declares " + count + " records but its data ends after " + index);
        }
        int batchEnd = data.limit();
        try {
            int length = ByteUtils.readVarint(data);
            if (length < 0 || length > data.remaining()) {
                throw corrupt("record " + index + " has length " + length + " but " + data.remaining()
                    + " bytes remain");
            }
            data.limit(data.position() + length);
            data.get(); // record attributes: none are defined
            long timestampDelta = ByteUtils.readVarlong(data);
            int offsetDelta = ByteUtils.readVarint(data);
            keySize = ByteUtils.readVarint(data);
            keyPosition = skip(keySize, "key");
            valueSize = ByteUtils.readVarint(data);
            valuePosition = skip(valueSize, "value");
            headerCount = ByteUtils.readVarint(data);
            if (headerCount < 0) {
                throw corrupt("record " + index + " has header count " + headerCount);
            }
            headersPosition = data.position();
            for (int i = 0; i < headerCount; i++) {
                int headerKeySize = ByteUtils.readVarint(data);
                if (headerKeySize < 0) {
                    throw corrupt("record " + index + " has a header with a null key");
                }
                skip(headerKeySize, "header key");
                skip(ByteUtils.readVarint(data), "header value");
            }
            if (data.hasRemaining()) {
                throw corrupt("record " + index + " has length " + length + " but its fields end "
                    + data.remaining() + " bytes earlier");
            }
            offset = baseOffset + offsetDelta;
            timestamp = logAppendTime ? maxTimestamp : baseTimestamp + timestampDelta;
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw corrupt("record " + index + " is truncated or has an invalid varint (" + e + ")");
        } finally {
            data.limit(batchEnd);
        }
        index++;
        return true;
    }

    /** Skips a length-prefixed field of {@code size} bytes (-1 for null) and returns its position. */
    private int skip(int size, String field) {
        int position = data.position();
        if (size < -1 || size > data.remaining()) {
            throw corrupt("record " + index + " has " + field + " length " + size + " but only " + data.remaining()
                + " bytes remain in the record");
        }
        if (size > 0) {
            data.position(position + size);
        }
        return position;
    }

    private CorruptRecordException corrupt(String detail) {
        return new CorruptRecordException("Corrupt record batch at base offset " + baseOffset + ": " + detail);
    }

    public long offset() {
        return offset;
    }

    public long timestamp() {
        return timestamp;
    }

    /** The key's size in bytes, or -1 for a null key. */
    public int keySize() {
        return keySize;
    }

    /** The value's size in bytes, or -1 for a null value (a tombstone). */
    public int valueSize() {
        return valueSize;
    }

    public boolean hasKey() {
        return keySize >= 0;
    }

    public boolean hasValue() {
        return valueSize >= 0;
    }

    /** Returns a copy of the key, or null. */
    public byte[] key() {
        return copy(keyPosition, keySize);
    }

    /** Returns a copy of the value, or null. */
    public byte[] value() {
        return copy(valuePosition, valueSize);
    }

    /** Copies the key into {@code dst} at {@code dstOffset} without allocating; the key must not be null. */
    public void copyKey(byte[] dst, int dstOffset) {
        data.get(keyPosition, dst, dstOffset, keySize);
    }

    /** Copies the value into {@code dst} at {@code dstOffset} without allocating; the value must not be null. */
    public void copyValue(byte[] dst, int dstOffset) {
        data.get(valuePosition, dst, dstOffset, valueSize);
    }

    private byte[] copy(int position, int size) {
        if (size < 0) {
            return null;
        }
        byte[] bytes = new byte[size];
        data.get(position, bytes);
        return bytes;
    }

    /** Returns the record's headers, a new array each call, empty when there are none. */
    public Header[] headers() {
        if (headerCount == 0) {
            return NO_HEADERS;
        }
        Header[] headers = new Header[headerCount];
        int saved = data.position();
        data.position(headersPosition);
        for (int i = 0; i < headerCount; i++) {
            // Lengths were checked by next().
            int keyLength = ByteUtils.readVarint(data);
            String key = new String(copy(data.position(), keyLength), StandardCharsets.UTF_8);
            data.position(data.position() + keyLength);
            int valueLength = ByteUtils.readVarint(data);
            byte[] value = copy(data.position(), valueLength);
            data.position(data.position() + Math.max(valueLength, 0));
            headers[i] = new RecordHeader(key, value);
        }
        data.position(saved);
        return headers;
    }

    /** Returns the current record as a value, copying its key, value and headers. */
    public Record record() {
        return new Record(offset, timestamp, key(), value(), headers());
    }

    /** Reads every record of {@code batch} into a list; for tests and tools, not hot paths. */
    public static List<Record> records(RecordBatch batch) {
        RecordCursor cursor = new RecordCursor().reset(batch);
        List<Record> records = new ArrayList<>(Math.max(0, Math.min(batch.recordCount(), 1 << 16)));
        while (cursor.next()) {
            records.add(cursor.record());
        }
        return records;
    }

    /** The timestamp type of the batch the cursor is on. */
    public TimestampType timestampType() {
        return logAppendTime ? TimestampType.LOG_APPEND_TIME : TimestampType.CREATE_TIME;
    }
}
