package dev.runnel.streams.internal.dsl;

import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.Processor;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.ValueAndTimestamp;
import dev.runnel.streams.state.VersionedKeyValueStore;
import dev.runnel.streams.state.VersionedRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A table read from its topic (or a stream turned into a table). Materialized, each record upserts (or, with a null
 * value, deletes) its key in the store and forwards the {@link Change}; not materialized, each record is forwarded as
 * a change with no old value, so every update reaches the children. Records with a null key are logged, skipped and
 * counted as dropped, as in Kafka Streams.
 *
 * <p>In a versioned store (KIP-914) each record becomes a version at its timestamp. A record older than the key's
 * latest version goes into the history, where stream-table joins find it, and is forwarded as a change that is not
 * the latest (its old value is the latest version), as Kafka Streams does: {@code toStream} and the stateless
 * operators pass it on, aggregations and table-table joins skip it. A record older than the history retention is
 * refused by the store, counted as dropped and not forwarded.
 *
 * <p>Starts unmaterialized; {@link #materialize} is called while the DSL builds, before any processor is created.
 * Not thread-safe.
 */
public final class KTableSource<K, V> implements ProcessorSupplier<K, V, K, Change<V>> {
    private static final Logger LOG = LoggerFactory.getLogger(KTableSource.class);

    private final String storeName;
    private boolean materialized;

    /** Creates the source of a table whose store, if it is ever materialized, is {@code storeName}. */
    public KTableSource(String storeName) {
        this.storeName = storeName;
    }

    /** Returns the name of the table's store, which exists only if the table is materialized. */
    public String storeName() {
        return storeName;
    }

    /**
     * Makes the table keep its values in its store.
     *
     * @return {@code false} if it already did
     */
    boolean materialize() {
        boolean wasMaterialized = materialized;
        materialized = true;
        return !wasMaterialized;
    }

    /** Returns whether the table keeps its values in its store, and so forwards its changes with old values. */
    boolean materialized() {
        return materialized;
    }

    @Override
    public Processor<K, V, K, Change<V>> get() {
        return materialized ? new MaterializingProcessor() : new ForwardingProcessor();
    }

    /** Forwards each update as a change from an unknown old value. */
    private final class ForwardingProcessor extends ContextualProcessor<K, V, K, Change<V>> {
        @Override
        public void process(Record<K, V> record) {
            if (record.key() == null) {
                skipNullKey(context());
                return;
            }
            context().forward(record.withValue(new Change<>(record.value(), null)));
        }
    }

    private void skipNullKey(ProcessorContext<K, Change<V>> context) {
        DroppedRecords.skipNullKeyOrValue(LOG, context, "table store " + storeName, true);
    }

    /** Keeps each update in the store and forwards it, through the store's cache if it has one. */
    private final class MaterializingProcessor extends TableStoreProcessor<K, V, K, V> {
        private VersionedKeyValueStore<K, V> versionedStore;

        @Override
        @SuppressWarnings("unchecked")
        public void init(ProcessorContext<K, Change<V>> context) {
            super.init(context);
            if (context.getStateStore(storeName) instanceof VersionedKeyValueStore<?, ?> versioned) {
                versionedStore = (VersionedKeyValueStore<K, V>) versioned;
            } else {
                initStore(storeName);
            }
        }

        @Override
        public void process(Record<K, V> record) {
            if (record.key() == null) {
                skipNullKey(context());
                return;
            }
            if (versionedStore != null) {
                processVersioned(record);
                return;
            }
            V oldValue = storedValue(record.key());
            store.put(record.key(), ValueAndTimestamp.make(record.value(), record.timestamp()));
            if (!forwardOnFlush) {
                context().forward(record.withValue(new Change<>(record.value(), oldValue)));
            }
        }

        private void processVersioned(Record<K, V> record) {
            VersionedRecord<V> latest = versionedStore.get(record.key());
            long validTo = versionedStore.put(record.key(), record.value(), record.timestamp());
            if (validTo == VersionedKeyValueStore.PUT_RETURN_CODE_NOT_PUT) {
                LOG.warn("Skipping record for table store {} older than its history retention: timestamp {},"
                    + " {}", storeName, record.timestamp(),
                    context().recordMetadata().map(Object::toString).orElse("no metadata"));
                DroppedRecords.record(context());
            } else {
                V oldValue = latest == null ? null : latest.value();
                context().forward(record.withValue(new Change<>(record.value(), oldValue,
                    validTo == VersionedKeyValueStore.PUT_RETURN_CODE_VALID_TO_UNDEFINED)));
            }
        }
    }
}
