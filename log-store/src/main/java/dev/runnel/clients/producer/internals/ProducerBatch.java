package dev.runnel.clients.producer.internals;

import dev.runnel.clients.producer.Callback;
import dev.runnel.clients.producer.RecordMetadata;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.header.Header;
import dev.runnel.log.internal.record.RecordBatchBuilder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
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
    /** The callbacks and what their records' metadata is built from, in fixed-size chunks: never copied to grow. */
    private final List<CallbackChunk> callbackChunks = new ArrayList<>();
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
        CallbackChunk chunk = callbackChunks.isEmpty() ? null : callbackChunks.get(callbackChunks.size() - 1);
        if (chunk == null || chunk.count == chunk.callbacks.length) {
            // Small first: a batch often holds one record; large after, since then it is filling up.
            chunk = new CallbackChunk(chunk == null ? 16 : 512);
            callbackChunks.add(chunk);
        }
        int i = chunk.count++;
        chunk.callbacks[i] = callback;
        chunk.relativeOffsets[i] = relativeOffset;
        chunk.timestamps[i] = timestamp;
        chunk.keySizes[i] = keySize;
        chunk.valueSizes[i] = valueSize;
    }

    /** Callbacks with the relative offset, timestamp, key and value size of each one's record. */
    private static final class CallbackChunk {
        final Callback[] callbacks;
        final int[] relativeOffsets;
        final long[] timestamps;
        final int[] keySizes;
        final int[] valueSizes;
        int count;

        CallbackChunk(int capacity) {
            callbacks = new Callback[capacity];
            relativeOffsets = new int[capacity];
            timestamps = new long[capacity];
            keySizes = new int[capacity];
            valueSizes = new int[capacity];
        }
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
        result.set(baseOffset, logAppendTime);
        try {
            for (CallbackChunk chunk : callbackChunks) {
                for (int i = 0; i < chunk.count; i++) {
                    invoke(chunk.callbacks[i], FutureRecordMetadata.metadata(result, chunk.relativeOffsets[i],
                        chunk.timestamps[i], chunk.keySizes[i], chunk.valueSizes[i], offsetsKnown), null);
                }
            }
        } finally {
            result.done();
        }
    }

    void fail(RuntimeException error) {
        result.setError(error);
        RecordMetadata empty = new RecordMetadata(topicPartition, -1, -1, -1, -1);
        try {
            for (CallbackChunk chunk : callbackChunks) {
                for (int i = 0; i < chunk.count; i++) {
                    invoke(chunk.callbacks[i], empty, error);
                }
            }
        } finally {
            result.done();
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
