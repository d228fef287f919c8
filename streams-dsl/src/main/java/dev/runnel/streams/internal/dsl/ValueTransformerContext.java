package dev.runnel.streams.internal.dsl;

import dev.runnel.common.header.Headers;
import dev.runnel.common.serialization.Serde;
import dev.runnel.streams.StreamsMetrics;
import dev.runnel.streams.errors.StreamsException;
import dev.runnel.streams.internal.runtime.ProcessorRecordContext;
import dev.runnel.streams.internal.runtime.StreamsHeaders;
import dev.runnel.streams.processor.Cancellable;
import dev.runnel.streams.processor.ProcessorContext;
import dev.runnel.streams.processor.PunctuationType;
import dev.runnel.streams.processor.Punctuator;
import dev.runnel.streams.processor.RecordContext;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.TaskId;
import dev.runnel.streams.processor.api.ProcessingContext;
import dev.runnel.streams.processor.api.RecordMetadata;
import java.io.File;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The old-style {@link ProcessorContext} a {@code ValueTransformerWithKey} sees: a view of the operator's processing
 * context that refuses to forward, since a transformer's result is its return value. Not thread-safe; owned by one
 * operator of one task.
 */
final class ValueTransformerContext implements ProcessorContext {
    private final ProcessingContext context;
    /** The record context of a value lookup in progress, which replaces the processed record's; null otherwise. */
    private RecordContext lookupContext;

    ValueTransformerContext(ProcessingContext context) {
        this.context = context;
    }

    /**
     * Runs {@code transform} as part of a value lookup for a join: the context then shows a record with the looked-up
     * value's {@code timestamp} and no topic, partition, offset or headers, not the record that triggered the lookup.
     */
    <T> T inLookup(long timestamp, Supplier<T> transform) {
        lookupContext = new ProcessorRecordContext(timestamp, -1L, -1, null, new StreamsHeaders());
        try {
            return transform.get();
        } finally {
            lookupContext = null;
        }
    }

    @Override
    public <K, V> void forward(K key, V value) {
        throw new StreamsException("ProcessorContext#forward() is not supported from this context: a"
            + " ValueTransformerWithKey returns its result instead of forwarding it.");
    }

    @Override
    public String topic() {
        return recordContext().topic();
    }

    @Override
    public int partition() {
        return recordContext().partition();
    }

    @Override
    public long offset() {
        return recordContext().offset();
    }

    @Override
    public Headers headers() {
        return recordContext().headers();
    }

    @Override
    public long timestamp() {
        return recordContext().timestamp();
    }

    private RecordContext recordContext() {
        if (lookupContext != null) {
            return lookupContext;
        }
        // The runtime's record metadata carries the whole record context (timestamp and headers too).
        Optional<RecordMetadata> metadata = context.recordMetadata();
        if (metadata.isPresent() && metadata.get() instanceof RecordContext record) {
            return record;
        }
        throw new IllegalStateException("No record is being processed: topic(), partition(), offset(), headers()"
            + " and timestamp() are available in transform() and in punctuations, not in init() or close().");
    }

    @Override
    public String applicationId() {
        return context.applicationId();
    }

    @Override
    public TaskId taskId() {
        return context.taskId();
    }

    @Override
    public Serde<?> keySerde() {
        return context.keySerde();
    }

    @Override
    public Serde<?> valueSerde() {
        return context.valueSerde();
    }

    @Override
    public File stateDir() {
        return context.stateDir();
    }

    @Override
    public StreamsMetrics metrics() {
        return context.metrics();
    }

    @Override
    public <S extends StateStore> S getStateStore(String name) {
        return context.getStateStore(name);
    }

    @Override
    public Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback) {
        return context.schedule(interval, type, callback);
    }

    @Override
    public void commit() {
        context.commit();
    }

    @Override
    public Map<String, Object> appConfigs() {
        return context.appConfigs();
    }

    @Override
    public Map<String, Object> appConfigsWithPrefix(String prefix) {
        return context.appConfigsWithPrefix(prefix);
    }

    @Override
    public long currentSystemTimeMs() {
        return context.currentSystemTimeMs();
    }

    @Override
    public long currentStreamTimeMs() {
        return context.currentStreamTimeMs();
    }
}
