package dev.runnel.log.internal.record;

import dev.runnel.common.record.CompressionType;
import dev.runnel.common.record.TimestampType;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * A flyweight view of one record batch in Kafka's v2 layout (magic 2), read in place from a {@link ByteBuffer} with
 * absolute gets. {@link #wrap} points it at another batch, so one view serves a whole fetch without allocating.
 * Not thread-safe; each reader owns its view.
 *
 * <pre>
 *  0  baseOffset            int64   offset of the first record
 *  8  batchLength           int32   bytes after this field
 * 12  partitionLeaderEpoch  int32
 * 16  magic                 int8    always 2
 * 17  crc                   uint32  CRC-32C of everything from attributes to the end of the batch
 * 21  attributes            int16   bits 0-2 compression, 3 timestamp type, 4 transactional, 5 control,
 *                                   6 baseTimestamp holds the delete horizon
 * 23  lastOffsetDelta       int32   last record's offset minus baseOffset
 * 27  baseTimestamp         int64
 * 35  maxTimestamp          int64   the largest record timestamp, or the append time under LogAppendTime
 * 43  producerId            int64   -1 when not idempotent
 * 51  producerEpoch         int16
 * 53  baseSequence          int32
 * 57  recordsCount          int32
 * 61  records               the records, compressed together when a codec is set
 * </pre>
 *
 * Each record: length varint, attributes int8, timestampDelta varlong, offsetDelta varint, keyLength varint (-1 for
 * null) and key, valueLength varint (-1 for null) and value, header count varint, then per header keyLength varint,
 * key (UTF-8), valueLength varint (-1 for null) and value. Varints are zig-zag encoded as in protobuf.
 */
public final class RecordBatch {
    public static final int BASE_OFFSET_OFFSET = 0;
    public static final int LENGTH_OFFSET = BASE_OFFSET_OFFSET + Long.BYTES;
    public static final int PARTITION_LEADER_EPOCH_OFFSET = LENGTH_OFFSET + Integer.BYTES;
    public static final int MAGIC_OFFSET = PARTITION_LEADER_EPOCH_OFFSET + Integer.BYTES;
    public static final int CRC_OFFSET = MAGIC_OFFSET + Byte.BYTES;
    public static final int ATTRIBUTES_OFFSET = CRC_OFFSET + Integer.BYTES;
    public static final int LAST_OFFSET_DELTA_OFFSET = ATTRIBUTES_OFFSET + Short.BYTES;
    public static final int BASE_TIMESTAMP_OFFSET = LAST_OFFSET_DELTA_OFFSET + Integer.BYTES;
    public static final int MAX_TIMESTAMP_OFFSET = BASE_TIMESTAMP_OFFSET + Long.BYTES;
    public static final int PRODUCER_ID_OFFSET = MAX_TIMESTAMP_OFFSET + Long.BYTES;
    public static final int PRODUCER_EPOCH_OFFSET = PRODUCER_ID_OFFSET + Long.BYTES;
    public static final int BASE_SEQUENCE_OFFSET = PRODUCER_EPOCH_OFFSET + Short.BYTES;
    public static final int RECORDS_COUNT_OFFSET = BASE_SEQUENCE_OFFSET + Integer.BYTES;
    public static final int RECORDS_OFFSET = RECORDS_COUNT_OFFSET + Integer.BYTES;
    /** The header size: a batch with no records is this long. */
    public static final int HEADER_SIZE = RECORDS_OFFSET;
    /** The bytes before {@code batchLength} counts: baseOffset and batchLength themselves. */
    public static final int LOG_OVERHEAD = LENGTH_OFFSET + Integer.BYTES;

    public static final byte MAGIC = 2;
    public static final long NO_PRODUCER_ID = -1L;
    public static final short NO_PRODUCER_EPOCH = -1;
    public static final int NO_SEQUENCE = -1;
    public static final int NO_PARTITION_LEADER_EPOCH = -1;
    public static final long NO_TIMESTAMP = -1L;

    static final int COMPRESSION_CODEC_MASK = 0x07;
    static final int TIMESTAMP_TYPE_MASK = 0x08;
    static final int TRANSACTIONAL_FLAG_MASK = 0x10;
    static final int CONTROL_FLAG_MASK = 0x20;
    static final int DELETE_HORIZON_FLAG_MASK = 0x40;

    private ByteBuffer buffer;
    private int start;

    /** Points this view at the batch starting at {@code position} in {@code buffer} and returns it. */
    public RecordBatch wrap(ByteBuffer buffer, int position) {
        this.buffer = buffer;
        this.start = position;
        return this;
    }

    /** Returns a new view of the batch at the buffer's position. */
    public static RecordBatch of(ByteBuffer buffer) {
        return new RecordBatch().wrap(buffer, buffer.position());
    }

    public ByteBuffer buffer() {
        return buffer;
    }

    /** The batch's first byte in {@link #buffer()}. */
    public int position() {
        return start;
    }

    public long baseOffset() {
        return buffer.getLong(start + BASE_OFFSET_OFFSET);
    }

    public int batchLength() {
        return buffer.getInt(start + LENGTH_OFFSET);
    }

    /** The whole batch's size in bytes, log overhead included. */
    public int sizeInBytes() {
        return LOG_OVERHEAD + batchLength();
    }

    public int partitionLeaderEpoch() {
        return buffer.getInt(start + PARTITION_LEADER_EPOCH_OFFSET);
    }

    public byte magic() {
        return buffer.get(start + MAGIC_OFFSET);
    }

    public long checksum() {
        return Integer.toUnsignedLong(buffer.getInt(start + CRC_OFFSET));
    }

    public short attributes() {
        return buffer.getShort(start + ATTRIBUTES_OFFSET);
    }

    public int lastOffsetDelta() {
        return buffer.getInt(start + LAST_OFFSET_DELTA_OFFSET);
    }

    public long lastOffset() {
        return baseOffset() + lastOffsetDelta();
    }

    /** The offset after this batch's last record. */
    public long nextOffset() {
        return lastOffset() + 1;
    }

    public long baseTimestamp() {
        return buffer.getLong(start + BASE_TIMESTAMP_OFFSET);
    }

    public long maxTimestamp() {
        return buffer.getLong(start + MAX_TIMESTAMP_OFFSET);
    }

    public long producerId() {
        return buffer.getLong(start + PRODUCER_ID_OFFSET);
    }

    public short producerEpoch() {
        return buffer.getShort(start + PRODUCER_EPOCH_OFFSET);
    }

    public int baseSequence() {
        return buffer.getInt(start + BASE_SEQUENCE_OFFSET);
    }

    public int recordCount() {
        return buffer.getInt(start + RECORDS_COUNT_OFFSET);
    }

    public CompressionType compressionType() {
        return CompressionType.forId(attributes() & COMPRESSION_CODEC_MASK);
    }

    public TimestampType timestampType() {
        return (attributes() & TIMESTAMP_TYPE_MASK) == 0 ? TimestampType.CREATE_TIME : TimestampType.LOG_APPEND_TIME;
    }

    public boolean isTransactional() {
        return (attributes() & TRANSACTIONAL_FLAG_MASK) != 0;
    }

    public boolean isControlBatch() {
        return (attributes() & CONTROL_FLAG_MASK) != 0;
    }

    public boolean hasDeleteHorizon() {
        return (attributes() & DELETE_HORIZON_FLAG_MASK) != 0;
    }

    /** Computes the CRC-32C that the batch should carry, over attributes to the end of the batch. */
    public long computeChecksum() {
        CRC32C crc = new CRC32C();
        ByteBuffer covered = buffer.duplicate();
        covered.limit(start + sizeInBytes()).position(start + ATTRIBUTES_OFFSET);
        crc.update(covered);
        return crc.getValue();
    }

    /**
     * Checks that the batch is whole and intact: it fits in the buffer from its position, its length covers at least a
     * header, the magic is 2 and the CRC matches. Use before trusting any other field.
     */
    public boolean isValid() {
        int available = buffer.limit() - start;
        if (available < HEADER_SIZE) {
            return false;
        }
        int length = batchLength();
        if (length < HEADER_SIZE - LOG_OVERHEAD || length > available - LOG_OVERHEAD) {
            return false;
        }
        return magic() == MAGIC && lastOffsetDelta() >= 0 && checksum() == computeChecksum();
    }

    /** Sets the base offset; it is outside the CRC, so the checksum stays valid. */
    public void setBaseOffset(long baseOffset) {
        buffer.putLong(start + BASE_OFFSET_OFFSET, baseOffset);
    }

    /** Sets the partition leader epoch; it is outside the CRC too. */
    public void setPartitionLeaderEpoch(int epoch) {
        buffer.putInt(start + PARTITION_LEADER_EPOCH_OFFSET, epoch);
    }

    /**
     * Stamps the batch with the log's append time, as a LogAppendTime topic does: sets the timestamp-type bit and the
     * max timestamp, then recomputes the CRC.
     */
    public void setLogAppendTime(long appendTimeMs) {
        short attributes = (short) (attributes() | TIMESTAMP_TYPE_MASK);
        buffer.putShort(start + ATTRIBUTES_OFFSET, attributes);
        buffer.putLong(start + MAX_TIMESTAMP_OFFSET, appendTimeMs);
        buffer.putInt(start + CRC_OFFSET, (int) computeChecksum());
    }

    @Override
    public String toString() {
        return "RecordBatch(baseOffset=" + baseOffset() + ", lastOffset=" + lastOffset() + ", size=" + sizeInBytes()
            + ", count=" + recordCount() + ", compression=" + compressionType() + ")";
    }
}
