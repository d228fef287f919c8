package dev.runnel.streams.internal.dsl;

import dev.runnel.common.header.Headers;
import dev.runnel.streams.errors.StreamsException;
import dev.runnel.streams.internal.runtime.DelegatingProcessingContext;
import dev.runnel.streams.internal.runtime.ProcessorRecordContext;
import dev.runnel.streams.internal.runtime.StreamsHeaders;
import dev.runnel.streams.processor.ProcessorContext;
import dev.runnel.streams.processor.RecordContext;
import dev.runnel.streams.processor.StateRestoreCallback;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.To;
import dev.runnel.streams.processor.api.ProcessingContext;
import dev.runnel.streams.processor.api.RecordMetadata;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The old-style {@link ProcessorContext} a {@code ValueTransformerWithKey} sees: a view of the operator's processing
 * context that refuses to forward, since a transformer's result is its return value. Not thread-safe; owned by one
 * operator of one task.
 */
final class ValueTransformerContext extends DelegatingProcessingContext implements ProcessorContext {
    /** The record context of a value lookup in progress, which replaces the processed record's; null otherwise. */
    private RecordContext lookupContext;

    ValueTransformerContext(ProcessingContext context) {
        super(context);
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
        throw new StreamsException("ProcessorContext#forward() is not supported from this context, as the framework"
            + " must ensure the key is not changed (#forward allows changing the key on messages which are sent). Use"
            + " KStream.process() if you need to change the key.");
    }

    @Override
    public <K, V> void forward(K key, V value, To to) {
        forward(key, value);
    }

    @Override
    public void register(StateStore store, StateRestoreCallback stateRestoreCallback) {
        throw new UnsupportedOperationException("A ValueTransformerWithKey cannot register store " + store.name()
            + ": the runtime registers the stores connected to it.");
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
}
