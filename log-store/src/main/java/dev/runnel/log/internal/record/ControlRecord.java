package dev.runnel.log.internal.record;

import dev.runnel.common.record.CompressionType;
import dev.runnel.common.record.TimestampType;
import java.nio.ByteBuffer;

/**
 * Transaction markers (KIP-98): a control batch, transactional, with the producer's id and epoch and no sequence,
 * holding one record whose key and value are:
 * <pre>
 *  key    0  version           int16   0
 *         2  type              int16   0 = ABORT, 1 = COMMIT
 *  value  0  version           int16   0
 *         2  coordinatorEpoch  int32
 * </pre>
 */
public final class ControlRecord {
    static final int KEY_VERSION_OFFSET = 0;
    static final int KEY_TYPE_OFFSET = KEY_VERSION_OFFSET + Short.BYTES;
    static final int KEY_SIZE = KEY_TYPE_OFFSET + Short.BYTES;
    static final int VALUE_VERSION_OFFSET = 0;
    static final int VALUE_COORDINATOR_EPOCH_OFFSET = VALUE_VERSION_OFFSET + Short.BYTES;
    static final int VALUE_SIZE = VALUE_COORDINATOR_EPOCH_OFFSET + Integer.BYTES;

    public static final short ABORT = 0;
    public static final short COMMIT = 1;

    private ControlRecord() {
    }

    /** Builds a marker batch; its base offset is assigned by the log. */
    public static ByteBuffer marker(long producerId, short producerEpoch, boolean commit, int coordinatorEpoch,
                                    long timestampMs) {
        ByteBuffer key = ByteBuffer.allocate(KEY_SIZE);
        key.putShort(KEY_VERSION_OFFSET, (short) 0).putShort(KEY_TYPE_OFFSET, commit ? COMMIT : ABORT);
        ByteBuffer value = ByteBuffer.allocate(VALUE_SIZE);
        value.putShort(VALUE_VERSION_OFFSET, (short) 0).putInt(VALUE_COORDINATOR_EPOCH_OFFSET, coordinatorEpoch);
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE, TimestampType.CREATE_TIME, 128);
        builder.setProducerState(producerId, producerEpoch, RecordBatch.NO_SEQUENCE, true);
        builder.setControl(true);
        builder.append(timestampMs, key.array(), value.array(), null);
        return builder.build();
    }

    /** The coordinator epoch in a marker's value, or -1 if the value is malformed. */
    public static int coordinatorEpoch(byte[] value) {
        return value != null && value.length >= VALUE_SIZE
            ? ByteBuffer.wrap(value).getInt(VALUE_COORDINATOR_EPOCH_OFFSET) : -1;
    }

    /** Whether a marker's key says COMMIT; a malformed key counts as ABORT. */
    public static boolean isCommit(byte[] key) {
        return key != null && key.length >= KEY_SIZE && ByteBuffer.wrap(key).getShort(KEY_TYPE_OFFSET) == COMMIT;
    }
}
