package dev.runnel.clients.producer.internals;

import dev.runnel.clients.producer.RecordMetadata;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** The future {@code send} returns: one small object per record that reads its batch's shared result. */
public final class FutureRecordMetadata implements Future<RecordMetadata> {
    private final ProduceResult result;
    private final int relativeOffset;
    private final long createTimestamp;
    private final int serializedKeySize;
    private final int serializedValueSize;
    private final boolean offsetsKnown;

    FutureRecordMetadata(ProduceResult result, int relativeOffset, long createTimestamp, int serializedKeySize,
                         int serializedValueSize, boolean offsetsKnown) {
        this.result = result;
        this.relativeOffset = relativeOffset;
        this.createTimestamp = createTimestamp;
        this.serializedKeySize = serializedKeySize;
        this.serializedValueSize = serializedValueSize;
        this.offsetsKnown = offsetsKnown;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return false;
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public boolean isDone() {
        return result.isDone();
    }

    @Override
    public RecordMetadata get() throws InterruptedException, ExecutionException {
        result.await();
        return valueOrError();
    }

    @Override
    public RecordMetadata get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException,
        java.util.concurrent.TimeoutException {
        if (!result.await(timeout, unit)) {
            throw new java.util.concurrent.TimeoutException("Timeout after waiting for "
                + TimeUnit.MILLISECONDS.convert(timeout, unit) + " ms.");
        }
        return valueOrError();
    }

    private RecordMetadata valueOrError() throws ExecutionException {
        if (result.error() != null) {
            throw new ExecutionException(result.error());
        }
        return metadata();
    }

    /** The metadata of a completed send; only valid once the batch has succeeded. */
    RecordMetadata metadata() {
        return metadata(result, relativeOffset, createTimestamp, serializedKeySize, serializedValueSize, offsetsKnown);
    }

    /** The metadata of one record of a batch that has succeeded, from the fields a future would hold. */
    static RecordMetadata metadata(ProduceResult result, int relativeOffset, long createTimestamp,
                                   int serializedKeySize, int serializedValueSize, boolean offsetsKnown) {
        long offset = offsetsKnown ? result.baseOffset() + relativeOffset : -1;
        long timestamp = result.logAppendTime() >= 0 ? result.logAppendTime() : createTimestamp;
        return new RecordMetadata(result.topicPartition(), offset, timestamp, serializedKeySize, serializedValueSize);
    }

    /** A future that has already failed, for records refused before they reach a batch. */
    static Future<RecordMetadata> failed(dev.runnel.common.TopicPartition tp, RuntimeException error) {
        ProduceResult result = new ProduceResult(tp);
        result.fail(error);
        return new FutureRecordMetadata(result, 0, -1, -1, -1, false);
    }

}
