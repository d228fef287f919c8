package dev.runnel.log.internal.txn;

import dev.runnel.common.TopicPartition;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One transactional id's state as the coordinator keeps it, and as a record of {@code __transaction_state} (key: the
 * transactional id; the latest record per key wins, so the topic is compacted).
 *
 * <pre>
 * key    0  version         int16   0
 *        2  transactionalId string  int16 length + UTF-8
 * value  0  version         int16   0
 *        2  producerId      int64
 *       10  producerEpoch   int16
 *       12  timeoutMs       int32
 *       16  state           int8    {@link TransactionState#id()}
 *       17  startTimeMs     int64   when the transaction became Ongoing; -1 when none is
 *       25  lastUpdateMs    int64
 *       33  partitionCount  int32
 *       37  per partition:  topic string (int16 length + UTF-8), partition int32
 * </pre>
 *
 * @param partitions the partitions the current (or last) transaction touched, in the order they were added
 */
public record TransactionMetadata(String transactionalId, long producerId, short producerEpoch, int timeoutMs,
                                  TransactionState state, long startTimeMs, long lastUpdateMs,
                                  Set<TopicPartition> partitions) {
    static final short VERSION = 0;

    public TransactionMetadata {
        partitions = Set.copyOf(new LinkedHashSet<>(partitions));
    }

    TransactionMetadata with(TransactionState newState, long nowMs) {
        return new TransactionMetadata(transactionalId, producerId, producerEpoch, timeoutMs, newState, startTimeMs,
            nowMs, partitions);
    }

    byte[] key() {
        byte[] id = transactionalId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(Short.BYTES * 2 + id.length).putShort(VERSION).putShort((short) id.length).put(id)
            .array();
    }

    byte[] value() {
        int size = 37;
        for (TopicPartition tp : partitions) {
            size += Short.BYTES + tp.topic().getBytes(StandardCharsets.UTF_8).length + Integer.BYTES;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size).putShort(VERSION).putLong(producerId).putShort(producerEpoch)
            .putInt(timeoutMs).put(state.id()).putLong(startTimeMs).putLong(lastUpdateMs).putInt(partitions.size());
        for (TopicPartition tp : partitions) {
            byte[] topic = tp.topic().getBytes(StandardCharsets.UTF_8);
            buffer.putShort((short) topic.length).put(topic).putInt(tp.partition());
        }
        return buffer.array();
    }

    static String readKey(byte[] key) {
        ByteBuffer buffer = ByteBuffer.wrap(key);
        buffer.getShort();
        byte[] id = new byte[buffer.getShort()];
        buffer.get(id);
        return new String(id, StandardCharsets.UTF_8);
    }

    static TransactionMetadata read(String transactionalId, byte[] value) {
        ByteBuffer buffer = ByteBuffer.wrap(value);
        buffer.getShort();
        long producerId = buffer.getLong();
        short epoch = buffer.getShort();
        int timeoutMs = buffer.getInt();
        TransactionState state = TransactionState.of(buffer.get());
        long startTimeMs = buffer.getLong();
        long lastUpdateMs = buffer.getLong();
        int count = buffer.getInt();
        Set<TopicPartition> partitions = new LinkedHashSet<>();
        for (int i = 0; i < count; i++) {
            byte[] topic = new byte[buffer.getShort()];
            buffer.get(topic);
            partitions.add(new TopicPartition(new String(topic, StandardCharsets.UTF_8), buffer.getInt()));
        }
        return new TransactionMetadata(transactionalId, producerId, epoch, timeoutMs, state, startTimeMs,
            lastUpdateMs, partitions);
    }
}
