package dev.runnel.streams.internal.dsl;

import dev.runnel.streams.kstream.Predicate;
import dev.runnel.streams.kstream.ValueMapperWithKey;
import dev.runnel.streams.processor.api.Processor;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import dev.runnel.streams.processor.api.ProcessingContext;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.ValueAndTimestamp;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The stateless KTable operators: each maps a {@link Change} to a new one (old value too, so downstream aggregations
 * can subtract it), optionally keeps the result in a store, and offers a value getter for tables that are not
 * materialized, computed from the parent's getter.
 */
public final class KTableOperators {
    private KTableOperators() {
    }

    /** A value function of a table operator: returns the new value for a key and a non-null input value. */
    interface ValueFunction<K, V, VR> {
        VR apply(K key, V value);
    }

    /**
     * Applies {@code function} to each change's new value (mapValues, filter and filterNot); a null input stays null.
     * With a store name (the user's) it also keeps the result there and, as Kafka Streams does, forwards through the
     * store's cache if it has one (the updates of a key between two commits collapse, and a tombstone of a key the
     * store does not hold is not forwarded). Every change is
     * forwarded, so a filtered-out update is a tombstone downstream. If a child may read old values, the old value is
     * read from the store, or without one computed from the parent's old value: a materialized result does not need
     * its parent's, which an unmaterialized source table does not know.
     *
     * <p>A filter whose old values are known drops a change from no value to no value, as Kafka Streams does since
     * KAFKA-10077: a filtered-out update of a key the result does not hold is no tombstone. Its old values are known
     * when its parent sends them ({@code parentSendsOldValues}, read once the topology is built), or, for a
     * materialized filter, when a child reads them from its store. Without them every filtered-out update is still
     * forwarded as a tombstone, since the key may be in the result.
     */
    record KTableMapValues<K, V, VR>(ValueFunction<K, V, VR> function, String storeName, boolean filter,
        BooleanSupplier parentSendsOldValues) implements ProcessorSupplier<K, Change<V>, K, Change<VR>> {
        @Override
        public Processor<K, Change<V>, K, Change<VR>> get() {
            return new TableStoreProcessor<>() {
                private boolean sendOldValues;
                private boolean dropNullChanges;

                @Override
                public void init(ProcessorContext<K, Change<VR>> context) {
                    super.init(context);
                    initStore(storeName);
                    boolean childReadsOldValues = CacheFlushForwarder.oldValuesNeeded(context);
                    dropNullChanges = filter
                        && (parentSendsOldValues.getAsBoolean() || store != null && childReadsOldValues);
                    sendOldValues = childReadsOldValues || dropNullChanges;
                }

                @Override
                public void process(Record<K, Change<V>> record) {
                    K key = record.key();
                    VR newValue = compute(function, key, record.value().newValue());
                    VR oldValue = sendOldValues ? oldValue(key, record.value().oldValue()) : null;
                    if (dropNullChanges && newValue == null && oldValue == null) {
                        return;
                    }
                    storeAndForward(record, newValue, oldValue);
                }

                private VR oldValue(K key, V parentOldValue) {
                    return store != null ? storedValue(key) : compute(function, key, parentOldValue);
                }
            };
        }
    }

    /** Returns getters applying {@code function} to the parent's values. */
    static <K, V, VR> KTableValueGetterSupplier<K, VR> transformingGetter(KTableValueGetterSupplier<K, V> parent,
        ValueFunction<K, V, VR> function) {
        return new KTableValueGetterSupplier<>() {
            @Override
            public KTableValueGetter<K, VR> get() {
                KTableValueGetter<K, V> parentGetter = parent.get();
                return new KTableValueGetter<>() {
                    @Override
                    public void init(ProcessingContext context) {
                        parentGetter.init(context);
                    }

                    @Override
                    public ValueAndTimestamp<VR> get(K key) {
                        return apply(key, parentGetter.get(key));
                    }

                    @Override
                    public boolean isVersioned() {
                        return parentGetter.isVersioned();
                    }

                    @Override
                    public ValueAndTimestamp<VR> get(K key, long asOfTimestamp) {
                        return apply(key, parentGetter.get(key, asOfTimestamp));
                    }

                    private ValueAndTimestamp<VR> apply(K key, ValueAndTimestamp<V> value) {
                        return value == null
                            ? null
                            : ValueAndTimestamp.make(function.apply(key, value.value()), value.timestamp());
                    }

                    @Override
                    public void close() {
                        parentGetter.close();
                    }
                };
            }

            @Override
            public Set<String> storeNames() {
                return parent.storeNames();
            }
        };
    }

    /** The value function of filter and filterNot: the value if it passes, else null. */
    static <K, V> ValueFunction<K, V, V> filter(Predicate<? super K, ? super V> predicate, boolean filterNot) {
        return (key, value) -> predicate.test(key, value) != filterNot ? value : null;
    }

    /** The value function of mapValues. */
    static <K, V, VR> ValueFunction<K, V, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper) {
        return mapper::apply;
    }

    private static <K, V, VR> VR compute(ValueFunction<K, V, VR> function, K key, V value) {
        return value == null ? null : function.apply(key, value);
    }
}
