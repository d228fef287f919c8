package dev.runnel.streams.internal.runtime;

import dev.runnel.common.header.Headers;
import dev.runnel.streams.errors.ErrorHandlerContext;
import dev.runnel.streams.processor.ProcessorContext;
import dev.runnel.streams.processor.StateRestoreCallback;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.TaskId;
import dev.runnel.streams.processor.To;
import dev.runnel.streams.processor.api.ProcessingContext;

/**
 * The error context a task hands to exception handlers. It is also the task's context in the old style, whose record
 * is the one that failed, for handlers written against the old {@code handle(ProcessorContext, ...)}: the two
 * interfaces' record accessors mean the same. A handler decides what happens to a record, so it cannot forward
 * records or register stores. Not thread-safe; used by one handler call.
 */
final class TaskErrorHandlerContext extends DelegatingProcessingContext
    implements ErrorHandlerContext, ProcessorContext {
    private final String topic;
    private final int partition;
    private final long offset;
    private final Headers headers;
    private final String processorNodeId;
    private final long timestamp;
    private final byte[] sourceRawKey;
    private final byte[] sourceRawValue;

    /** The context of {@code taskContext}'s record ({@code topic} null, positions -1: none) failing in a node. */
    TaskErrorHandlerContext(ProcessingContext taskContext, String topic, int partition, long offset, Headers headers,
        String processorNodeId, long timestamp, byte[] sourceRawKey, byte[] sourceRawValue) {
        super(taskContext);
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.headers = headers;
        this.processorNodeId = processorNodeId;
        this.timestamp = timestamp;
        this.sourceRawKey = sourceRawKey;
        this.sourceRawValue = sourceRawValue;
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public int partition() {
        return partition;
    }

    @Override
    public long offset() {
        return offset;
    }

    @Override
    public Headers headers() {
        return headers;
    }

    @Override
    public String processorNodeId() {
        return processorNodeId;
    }

    @Override
    public TaskId taskId() {
        return context.taskId();
    }

    @Override
    public long timestamp() {
        return timestamp;
    }

    @Override
    public byte[] sourceRawKey() {
        return sourceRawKey;
    }

    @Override
    public byte[] sourceRawValue() {
        return sourceRawValue;
    }

    @Override
    public <K, V> void forward(K key, V value) {
        throw new UnsupportedOperationException("An exception handler cannot forward records; it returns whether"
            + " to go on or fail.");
    }

    @Override
    public <K, V> void forward(K key, V value, To to) {
        forward(key, value);
    }

    @Override
    public void register(StateStore store, StateRestoreCallback stateRestoreCallback) {
        throw new UnsupportedOperationException("An exception handler cannot register state stores.");
    }
}
