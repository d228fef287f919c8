package dev.runnel.streams.internal.dsl;

import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.Processor;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.TimestampedKeyValueStore;
import dev.runnel.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Materializes a table from its topic: each record upserts (or, with a null value, deletes) its key in the store and
 * forwards the {@link Change}. Records with a null key are logged and skipped, as in Kafka Streams.
 */
public record KTableSource<K, V>(String storeName) implements ProcessorSupplier<K, V, K, Change<V>> {
    private static final Logger LOG = LoggerFactory.getLogger(KTableSource.class);

    @Override
    public Processor<K, V, K, Change<V>> get() {
        return new ContextualProcessor<>() {
            private TimestampedKeyValueStore<K, V> store;
            private boolean forwardOnFlush;

            @Override
            public void init(dev.runnel.streams.processor.api.ProcessorContext<K, Change<V>> context) {
                super.init(context);
                store = context.getStateStore(storeName);
                forwardOnFlush = CacheFlushForwarder.register(store, context);
            }

            @Override
            public void process(Record<K, V> record) {
                if (record.key() == null) {
                    LOG.warn("Skipping record with null key for table store {}: {}", storeName,
                        context().recordMetadata().map(Object::toString).orElse("no metadata"));
                    return;
                }
                V oldValue = ValueAndTimestamp.getValueOrNull(store.get(record.key()));
                store.put(record.key(), ValueAndTimestamp.make(record.value(), record.timestamp()));
                if (!forwardOnFlush) {
                    context().forward(record.withValue(new Change<>(record.value(), oldValue)));
                }
            }
        };
    }
}
