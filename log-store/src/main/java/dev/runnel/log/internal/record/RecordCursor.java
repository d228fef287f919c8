package dev.runnel.log.internal.record;

import dev.runnel.common.errors.CorruptRecordException;
import dev.runnel.common.header.Header;
import dev.runnel.common.header.internals.RecordHeader;
import dev.runnel.common.record.CompressionType;
import dev.runnel.common.record.TimestampType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
    /** A copy of a batch whose buffer has no accessible array (a direct or read-only buffer); reused. */
    private byte[] copied = new byte[0];
    /** The records section, parsed in place: bytes {@code [position, end)} of {@code bytes} remain. */
    private byte[] bytes;
    private int position;
    private int end;
    /** Where the record being parsed ends; a varint or field running past it is corrupt. */
    private int recordEnd;
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
        long limit = (long) batch.position() + batch.sizeInBytes();
        if (batch.batchLength() < RecordBatch.HEADER_SIZE - RecordBatch.LOG_OVERHEAD
            || limit > batch.buffer().limit()) {
            throw corrupt("batch length " + batch.batchLength() + " does not fit the buffer");
        }
        short attributes = batch.attributes();
        logAppendTime = (attributes & RecordBatch.TIMESTAMP_TYPE_MASK) != 0;
        int codec = attributes & RecordBatch.COMPRESSION_CODEC_MASK;
        if (codec > CompressionType.ZSTD.id) {
            throw corrupt("unknown compression codec id " + codec);
        }
        ByteBuffer section = batch.buffer().duplicate();
        section.limit((int) limit).position(start);
        if (codec != CompressionType.NONE.id) {
            decompressed = Compression.decompress(CompressionType.forId(codec), section, decompressed, baseOffset);
            section = decompressed;
        }
        point(section);
        return this;
    }

    /** Parses the remaining bytes of {@code section} from here on: in its own array, or in a copy. */
    private void point(ByteBuffer section) {
        if (section.hasArray()) {
            bytes = section.array();
            position = section.arrayOffset() + section.position();
            end = section.arrayOffset() + section.limit();
        } else {
            int size = section.remaining();
            if (copied.length < size) {
                copied = new byte[size];
            }
            section.get(section.position(), copied, 0, size);
            bytes = copied;
            position = 0;
            end = size;
        }
    }

    /** Moves to the next record and returns true, or returns false after the last one. */
    public boolean next() {
        if (index >= count) {
            if (bytes != null && position < end) {
                throw corrupt("declares " + count + " records but " + (end - position) + " bytes follow the last");
            }
            return false;
        }
        if (position >= end) {
            throw corrupt("declares " + count + " records but its data ends after " + index);
        }
        recordEnd = end;
        int length = readVarint();
        if (length < 0 || length > end - position) {
            throw corrupt("record " + index + " has length " + length + " but " + (end - position)
                + " bytes remain");
        }
        recordEnd = position + length;
        readByte(); // record attributes: none are defined
        long timestampDelta = readVarlong();
        int offsetDelta = readVarint();
        keySize = readVarint();
        keyPosition = skip(keySize, "key");
        valueSize = readVarint();
        valuePosition = skip(valueSize, "value");
        headerCount = readVarint();
        if (headerCount < 0) {
            throw corrupt("record " + index + " has header count " + headerCount);
        }
        headersPosition = position;
        for (int i = 0; i < headerCount; i++) {
            int headerKeySize = readVarint();
            if (headerKeySize < 0) {
                throw corrupt("record " + index + " has a header with a null key");
            }
            skip(headerKeySize, "header key");
            skip(readVarint(), "header value");
        }
        if (position < recordEnd) {
            throw corrupt("record " + index + " has length " + length + " but its fields end "
                + (recordEnd - position) + " bytes earlier");
        }
        offset = baseOffset + offsetDelta;
        timestamp = logAppendTime ? maxTimestamp : baseTimestamp + timestampDelta;
        index++;
        return true;
    }

    private byte readByte() {
        if (position >= recordEnd) {
            throw corrupt("record " + index + " is truncated");
        }
        return bytes[position++];
    }

    /** Reads a zig-zag varint of the current record. */
    private int readVarint() {
        int raw = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = readByte();
            raw |= (b & 0x7f) << shift;
            if (b >= 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw corrupt("record " + index + " has a varint longer than " + ByteUtils.MAX_VARINT_SIZE + " bytes");
    }

    /** Reads a zig-zag varlong of the current record. */
    private long readVarlong() {
        long raw = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            byte b = readByte();
            raw |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw corrupt("record " + index + " has a varlong longer than " + ByteUtils.MAX_VARLONG_SIZE + " bytes");
    }

    /** Skips a length-prefixed field of {@code size} bytes (-1 for null) and returns its position. */
    private int skip(int size, String field) {
        int at = position;
        if (size < -1 || size > recordEnd - at) {
            throw corrupt("record " + index + " has " + field + " length " + size + " but only " + (recordEnd - at)
                + " bytes remain in the record");
        }
        if (size > 0) {
            position = at + size;
        }
        return at;
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
        System.arraycopy(bytes, keyPosition, dst, dstOffset, keySize);
    }

    /** Copies the value into {@code dst} at {@code dstOffset} without allocating; the value must not be null. */
    public void copyValue(byte[] dst, int dstOffset) {
        System.arraycopy(bytes, valuePosition, dst, dstOffset, valueSize);
    }

    private byte[] copy(int from, int size) {
        return size < 0 ? null : Arrays.copyOfRange(bytes, from, from + size);
    }

    /** Returns the record's headers, a new array each call, empty when there are none. */
    public Header[] headers() {
        if (headerCount == 0) {
            return NO_HEADERS;
        }
        Header[] headers = new Header[headerCount];
        int saved = position;
        int savedEnd = recordEnd;
        position = headersPosition;
        recordEnd = end;
        for (int i = 0; i < headerCount; i++) {
            // Lengths were checked by next().
            int keyLength = readVarint();
            String key = new String(bytes, position, keyLength, StandardCharsets.UTF_8);
            position += keyLength;
            int valueLength = readVarint();
            headers[i] = new RecordHeader(key, copy(position, valueLength));
            position += Math.max(valueLength, 0);
        }
        position = saved;
        recordEnd = savedEnd;
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
