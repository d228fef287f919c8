package dev.runnel.log.internal.group;

import dev.runnel.clients.consumer.OffsetAndMetadata;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.errors.CorruptRecordException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The record layout of {@code __consumer_offsets}: one record per committed (group, topic, partition), keyed so that
 * compaction keeps the latest commit; a null value (tombstone) deletes the offset. Runnel's own layout, big-endian,
 * strings as an int16 length and UTF-8 bytes.
 *
 * <p>Offset-commit key:
 * <pre>
 *  0  version    int16   {@link #KEY_VERSION_OFFSET_COMMIT} (1)
 *  2  group      string
 *  .  topic      string
 *  .  partition  int32
 * </pre>
 * Offset-commit value:
 * <pre>
 *  0  version          int16   {@link #VALUE_VERSION} (0)
 *  2  offset           int64   the next offset to read
 * 10  leaderEpoch      int32   -1 when absent
 * 14  commitTimestamp  int64   ms since the epoch
 * 22  metadata         string  the commit's metadata text
 * </pre>
 * Control records (transaction markers, written by the transaction coordinator in Kafka's format) have the key
 * {@code version int16 = 0, type int16} with type {@link #CONTROL_ABORT} (0) or {@link #CONTROL_COMMIT} (1).
 */
public final class OffsetRecords {
    public static final short KEY_VERSION_OFFSET_COMMIT = 1;
    public static final short VALUE_VERSION = 0;
    static final int VALUE_OFFSET_OFFSET = Short.BYTES;
    static final int VALUE_LEADER_EPOCH_OFFSET = VALUE_OFFSET_OFFSET + Long.BYTES;
    static final int VALUE_TIMESTAMP_OFFSET = VALUE_LEADER_EPOCH_OFFSET + Integer.BYTES;
    static final int VALUE_METADATA_OFFSET = VALUE_TIMESTAMP_OFFSET + Long.BYTES;

    public static final short CONTROL_KEY_VERSION = 0;
    public static final short CONTROL_ABORT = 0;
    public static final short CONTROL_COMMIT = 1;

    private OffsetRecords() {
    }

    /** A decoded offset-commit key. */
    record Key(String group, TopicPartition partition) {
    }

    public static byte[] key(String group, TopicPartition tp) {
        byte[] groupBytes = group.getBytes(StandardCharsets.UTF_8);
        byte[] topicBytes = tp.topic().getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(Short.BYTES * 3 + groupBytes.length + topicBytes.length
            + Integer.BYTES);
        buffer.putShort(KEY_VERSION_OFFSET_COMMIT);
        putString(buffer, groupBytes);
        putString(buffer, topicBytes);
        buffer.putInt(tp.partition());
        return buffer.array();
    }

    public static byte[] value(OffsetAndMetadata offset, long commitTimestampMs) {
        byte[] metadata = offset.metadata().getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(VALUE_METADATA_OFFSET + Short.BYTES + metadata.length);
        buffer.putShort(VALUE_VERSION);
        buffer.putLong(offset.offset());
        buffer.putInt(offset.leaderEpoch().orElse(-1));
        buffer.putLong(commitTimestampMs);
        putString(buffer, metadata);
        return buffer.array();
    }

    /** Decodes an offset-commit key; returns null for a key of another version (from a newer Runnel), skipped. */
    static Key parseKey(byte[] key) {
        ByteBuffer buffer = ByteBuffer.wrap(key);
        if (buffer.getShort() != KEY_VERSION_OFFSET_COMMIT) {
            return null;
        }
        String group = getString(buffer);
        String topic = getString(buffer);
        return new Key(group, new TopicPartition(topic, buffer.getInt()));
    }

    static OffsetAndMetadata parseValue(byte[] value) {
        ByteBuffer buffer = ByteBuffer.wrap(value);
        short version = buffer.getShort();
        if (version != VALUE_VERSION) {
            throw new CorruptRecordException("Unknown __consumer_offsets value version " + version + "; expected "
                + VALUE_VERSION);
        }
        long offset = buffer.getLong();
        int epoch = buffer.getInt();
        buffer.getLong();
        String metadata = getString(buffer);
        return new OffsetAndMetadata(offset, epoch < 0 ? Optional.empty() : Optional.of(epoch), metadata);
    }

    /** The control record key of a transaction marker, as Kafka encodes it. */
    public static byte[] controlKey(boolean commit) {
        return ByteBuffer.allocate(2 * Short.BYTES).putShort(CONTROL_KEY_VERSION)
            .putShort(commit ? CONTROL_COMMIT : CONTROL_ABORT).array();
    }

    /** The control record value of a transaction marker: version 0 and the coordinator epoch. */
    public static byte[] controlValue(int coordinatorEpoch) {
        return ByteBuffer.allocate(Short.BYTES + Integer.BYTES).putShort((short) 0).putInt(coordinatorEpoch).array();
    }

    /** Returns true for a COMMIT marker key, false for ABORT; throws for anything else. */
    static boolean isCommitMarker(byte[] key) {
        ByteBuffer buffer = ByteBuffer.wrap(key);
        short version = buffer.getShort();
        short type = buffer.getShort();
        if (version != CONTROL_KEY_VERSION || (type != CONTROL_COMMIT && type != CONTROL_ABORT)) {
            throw new CorruptRecordException("Unknown control record key version " + version + ", type " + type);
        }
        return type == CONTROL_COMMIT;
    }

    private static void putString(ByteBuffer buffer, byte[] bytes) {
        buffer.putShort((short) bytes.length);
        buffer.put(bytes);
    }

    private static String getString(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.getShort() & 0xFFFF];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
