package dev.runnel.clients.producer.internals;

import dev.runnel.clients.producer.Callback;
import dev.runnel.clients.producer.RecordMetadata;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.header.Header;
import dev.runnel.log.internal.record.RecordBatchBuilder;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records gathered for one partition, written as one record batch. Filled under its partition queue's lock by
 * senders, then owned by the sender thread, which builds, writes and completes it.
 */
final class ProducerBatch {
    private static final Logger LOG = LoggerFactory.getLogger(ProducerBatch.class);

    private final TopicPartition topicPartition;
    private final RecordBatchBuilder builder;
    private final ProduceResult result;
    private final long createdMs;
    private final int memoryBytes;
    private final boolean offsetsKnown;
    private Callback[] callbacks = new Callback[0];
    /** Per callback, what its record's metadata is built from: relative offset, timestamp, key and value sizes. */
    private int[] callbackOffsets = new int[0];
    private long[] callbackTimestamps = new long[0];
    private int[] callbackKeySizes = new int[0];
    private int[] callbackValueSizes = new int[0];
    private int callbackCount;
    private int baseSequence = -1;

    ProducerBatch(TopicPartition topicPartition, RecordBatchBuilder builder, long createdMs, int memoryBytes,
                  boolean offsetsKnown) {
        this.topicPartition = topicPartition;
        this.builder = builder;
        this.result = new ProduceResult(topicPartition);
        this.createdMs = createdMs;
        this.memoryBytes = memoryBytes;
        this.offsetsKnown = offsetsKnown;
    }

    /**
     * Appends a record if it fits, returning its future (or {@link #NO_FUTURE} when {@code wantFuture} is false), or
     * null when the batch is full.
     */
    FutureRecordMetadata tryAppend(long timestamp, byte[] key, byte[] value, Header[] headers, Callback callback,
                                   boolean wantFuture) {
        int relativeOffset = builder.recordCount();
        if (!builder.tryAppend(timestamp, key, value, headers)) {
            return null;
        }
        int keySize = key == null ? -1 : key.length;
        int valueSize = value == null ? -1 : value.length;
        if (callback != null) {
            addCallback(callback, relativeOffset, timestamp, keySize, valueSize);
        }
        return wantFuture
            ? new FutureRecordMetadata(result, relativeOffset, timestamp, keySize, valueSize, offsetsKnown)
            : NO_FUTURE;
    }

    /** What {@link #tryAppend} returns for an appended record whose sender asked for no future. */
    static final FutureRecordMetadata NO_FUTURE = new FutureRecordMetadata(null, 0, -1, -1, -1, false);

    private void addCallback(Callback callback, int relativeOffset, long timestamp, int keySize, int valueSize) {
        if (callbackCount == callbacks.length) {
            int capacity = Math.max(64, callbackCount * 2);
            callbacks = Arrays.copyOf(callbacks, capacity);
            callbackOffsets = Arrays.copyOf(callbackOffsets, capacity);
            callbackTimestamps = Arrays.copyOf(callbackTimestamps, capacity);
            callbackKeySizes = Arrays.copyOf(callbackKeySizes, capacity);
            callbackValueSizes = Arrays.copyOf(callbackValueSizes, capacity);
        }
        callbacks[callbackCount] = callback;
        callbackOffsets[callbackCount] = relativeOffset;
        callbackTimestamps[callbackCount] = timestamp;
        callbackKeySizes[callbackCount] = keySize;
        callbackValueSizes[callbackCount] = valueSize;
        callbackCount++;
    }

    RecordBatchBuilder builder() {
        return builder;
    }

    TopicPartition topicPartition() {
        return topicPartition;
    }

    long createdMs() {
        return createdMs;
    }

    int memoryBytes() {
        return memoryBytes;
    }

    int recordCount() {
        return builder.recordCount();
    }

    /** The sequence the sender stamped on the batch, or -1 without idempotence. */
    int baseSequence() {
        return baseSequence;
    }

    void setBaseSequence(int baseSequence) {
        this.baseSequence = baseSequence;
    }

    ProduceResult result() {
        return result;
    }

    /** Finishes the batch: compression and CRC happen here, on the sender thread. */
    ByteBuffer build() {
        return builder.build();
    }

    void complete(long baseOffset, long logAppendTime) {
        result.complete(baseOffset, logAppendTime);
        for (int i = 0; i < callbackCount; i++) {
            invoke(callbacks[i], FutureRecordMetadata.metadata(result, callbackOffsets[i], callbackTimestamps[i],
                callbackKeySizes[i], callbackValueSizes[i], offsetsKnown), null);
        }
    }

    void fail(RuntimeException error) {
        result.fail(error);
        RecordMetadata empty = new RecordMetadata(topicPartition, -1, -1, -1, -1);
        for (int i = 0; i < callbackCount; i++) {
            invoke(callbacks[i], empty, error);
        }
    }

    private void invoke(Callback callback, RecordMetadata metadata, Exception error) {
        try {
            callback.onCompletion(metadata, error);
        } catch (RuntimeException e) {
            // A user callback must not stop the producer's I/O thread.
            LOG.error("Error executing user-provided callback on message for topic-partition '{}'", topicPartition, e);
        }
    }
}
