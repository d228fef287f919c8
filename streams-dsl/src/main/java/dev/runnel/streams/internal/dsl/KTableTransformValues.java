package dev.runnel.streams.internal.dsl;

import dev.runnel.streams.kstream.ValueTransformerWithKey;
import dev.runnel.streams.kstream.ValueTransformerWithKeySupplier;
import dev.runnel.streams.processor.api.Processor;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import dev.runnel.streams.processor.api.ProcessingContext;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.StoreBuilder;
import dev.runnel.streams.state.ValueAndTimestamp;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code KTable#transformValues}: each change's new value goes through the user's transformer, which sees the key
 * and may use connected stores; with a store name the result is also kept there.
 *
 * @param supplier creates each task's transformer; its {@code stores()} are added and connected to the operator
 * @param storeName the result's store (the user's, which it forwards through if it is cached, as Kafka Streams
 *     does), or {@code null} if the result is not materialized
 */
/*
 * Implementation notes. A change carries an old value only if a child may read it (a child that only turns the table
 * into a stream never does), since computing it costs a second transform call, which a stateful transformer would
 * notice. A materialized result reads its old value from its store rather than transforming the parent's old value
 * again, so a stateful transformer runs once per update and the old value is exactly what was forwarded before. A
 * result that is not materialized answers joins' lookups by transforming the parent's current value with a separate
 * transformer instance, initialized with the looking-up processor's context and closed with that processor.
 * Transformers are created in init, not with their processor: processors are also built for supplier checks and for
 * standby tasks, which never initialize or close them, so each transformer created is initialized and closed once.
 */
record KTableTransformValues<K, V, VR>(ValueTransformerWithKeySupplier<? super K, ? super V, ? extends VR> supplier,
    String storeName) implements ProcessorSupplier<K, Change<V>, K, Change<VR>> {

    @Override
    public Processor<K, Change<V>, K, Change<VR>> get() {
        return new TableStoreProcessor<>() {
            private ValueTransformerWithKey<? super K, ? super V, ? extends VR> transformer;
            private boolean sendOldValues;

            @Override
            public void init(ProcessorContext<K, Change<VR>> context) {
                super.init(context);
                transformer = supplier.get();
                transformer.init(new ValueTransformerContext(context));
                initStore(storeName);
                sendOldValues = CacheFlushForwarder.oldValuesNeeded(context);
            }

            @Override
            public void process(Record<K, Change<V>> record) {
                K key = record.key();
                VR newValue = transformer.transform(key, record.value().newValue());
                VR oldValue = sendOldValues ? oldValue(key, record.value().oldValue()) : null;
                storeAndForward(record, newValue, oldValue);
            }

            private VR oldValue(K key, V parentOldValue) {
                return store != null ? storedValue(key) : transformer.transform(key, parentOldValue);
            }

            @Override
            public void close() {
                // Null if the task failed to initialize before reaching this processor.
                if (transformer != null) {
                    transformer.close();
                }
            }
        };
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return supplier.stores();
    }

    /**
     * Returns getters transforming {@code parent}'s current values, for a result that is not materialized. The
     * getters' processors are connected to the parent's stores and to {@code connectedStores} (the stores the
     * transformer was given by name), plus those the supplier provides, since the transformer may read them.
     */
    static <K, V, VR> KTableValueGetterSupplier<K, VR> transformingGetter(KTableValueGetterSupplier<K, V> parent,
        ValueTransformerWithKeySupplier<? super K, ? super V, ? extends VR> supplier, List<String> connectedStores) {
        Set<String> storeNames = new LinkedHashSet<>(parent.storeNames());
        storeNames.addAll(connectedStores);
        Set<StoreBuilder<?>> provided = supplier.stores();
        if (provided != null) {
            provided.forEach(store -> storeNames.add(store.name()));
        }
        Set<String> allStoreNames = Set.copyOf(storeNames);
        return new KTableValueGetterSupplier<>() {
            @Override
            public KTableValueGetter<K, VR> get() {
                return new TransformingGetter<>(parent.get(), supplier);
            }

            @Override
            public Set<String> storeNames() {
                return allStoreNames;
            }
        };
    }

    /**
     * Reads the parent's value and transforms it with its own transformer, created in init and closed with the
     * getter. Not thread-safe; owned by the looking-up processor.
     */
    private static final class TransformingGetter<K, V, VR> implements KTableValueGetter<K, VR> {
        private final KTableValueGetter<K, V> parent;
        private final ValueTransformerWithKeySupplier<? super K, ? super V, ? extends VR> supplier;
        private ValueTransformerWithKey<? super K, ? super V, ? extends VR> transformer;
        private ValueTransformerContext context;

        TransformingGetter(KTableValueGetter<K, V> parent,
            ValueTransformerWithKeySupplier<? super K, ? super V, ? extends VR> supplier) {
            this.parent = parent;
            this.supplier = supplier;
        }

        @Override
        public void init(ProcessingContext processingContext) {
            parent.init(processingContext);
            context = new ValueTransformerContext(processingContext);
            transformer = supplier.get();
            transformer.init(context);
        }

        @Override
        public ValueAndTimestamp<VR> get(K key) {
            ValueAndTimestamp<V> parentValue = parent.get(key);
            // As in Kafka Streams, an absent parent value is transformed too, and its timestamp is unknown (-1).
            long timestamp = parentValue == null ? -1L : parentValue.timestamp();
            VR value = context.inLookup(timestamp,
                () -> transformer.transform(key, ValueAndTimestamp.getValueOrNull(parentValue)));
            return ValueAndTimestamp.make(value, timestamp);
        }

        @Override
        public void close() {
            parent.close();
            if (transformer != null) {
                transformer.close();
            }
        }
    }
}
