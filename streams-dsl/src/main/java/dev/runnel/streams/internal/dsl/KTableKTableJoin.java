package dev.runnel.streams.internal.dsl;

import dev.runnel.streams.internal.state.TimestampedKeyValueStoreFacade;
import dev.runnel.streams.kstream.ValueJoiner;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.Processor;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import dev.runnel.streams.processor.api.ProcessingContext;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.TimestampedKeyValueStore;
import dev.runnel.streams.state.ValueAndTimestamp;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One side of a table-table join (inner, left or outer): on a change of its own table it looks up the other table's
 * current value and forwards the change of the join result, old and new, with the larger of the two timestamps.
 * Each join has two such processors, one per input, merged into one result table.
 *
 * @param otherGetter the other table's value getter
 * @param joiner the user's joiner, always applied as (this table's value, other table's value)
 * @param thisIsLeft whether this processor's input is the join's left table (else arguments are swapped)
 * @param preserveThis whether a result exists when the other table has no value (left join's left, outer)
 * @param preserveOther whether a result exists when this table has no value (left join's right, outer)
 */
/*
 * Implementation notes. The result for a key is defined by the two current values: inner needs both, left needs the
 * left one, outer needs either. A change of this side turns (old, other) and (new, other) into the old and new
 * results, forwarded, as Kafka Streams does, whenever the other side has the key or, on a preserved side, either of
 * this side's values exists: so a tombstone of a key this side never held still reaches downstream as a tombstone
 * (inner, left) when the other side has it. An absent new result is a tombstone, which is how deletes on either side
 * propagate.
 */
record KTableKTableJoin<K, V1, V2, VR>(KTableValueGetterSupplier<K, ?> otherGetter,
    ValueJoiner<? super V1, ? super V2, ? extends VR> joiner, boolean thisIsLeft, boolean preserveThis,
    boolean preserveOther) implements ProcessorSupplier<K, Change<Object>, K, Change<VR>> {
    private static final Logger LOG = LoggerFactory.getLogger(KTableKTableJoin.class);

    @Override
    public Processor<K, Change<Object>, K, Change<VR>> get() {
        return new ContextualProcessor<>() {
            @SuppressWarnings("unchecked")
            private final KTableValueGetter<K, Object> getter = (KTableValueGetter<K, Object>) otherGetter.get();

            @Override
            public void init(ProcessorContext<K, Change<VR>> context) {
                super.init(context);
                getter.init(context);
            }

            @Override
            public void process(Record<K, Change<Object>> record) {
                if (record.key() == null) {
                    return;
                }
                if (!record.value().isLatest()) {
                    DroppedRecords.skipHistoryOnlyUpdate(LOG, context(), "a table-table join");
                    return;
                }
                ValueAndTimestamp<Object> other = getter.get(record.key());
                Object otherValue = ValueAndTimestamp.getValueOrNull(other);
                if (otherValue == null && (!preserveThis
                    || record.value().newValue() == null && record.value().oldValue() == null)) {
                    return;
                }
                VR newResult = result(record.value().newValue(), otherValue);
                VR oldResult = result(record.value().oldValue(), otherValue);
                long timestamp = other == null ? record.timestamp() : Math.max(record.timestamp(), other.timestamp());
                context().forward(record.withValue(new Change<>(newResult, oldResult)).withTimestamp(timestamp));
            }

            private VR result(Object thisValue, Object otherValue) {
                if (thisValue == null && (otherValue == null || !preserveOther)) {
                    return null;
                }
                return join(thisValue, otherValue);
            }

            @Override
            public void close() {
                getter.close();
            }
        };
    }

    @SuppressWarnings("unchecked")
    private VR join(Object thisValue, Object otherValue) {
        return thisIsLeft ? joiner.apply((V1) thisValue, (V2) otherValue) : joiner.apply((V1) otherValue,
            (V2) thisValue);
    }

    /**
     * Passes the changes of both join sides on, keeping them in the result store if there is one. As in Kafka
     * Streams, a result materialized under the user's name (queryable) is forwarded through its store's cache if it
     * has one, so the updates of a key between two commits, such as those of both sides when one input record updates
     * both, collapse into one; otherwise each change is forwarded at once.
     *
     * @param forwardThroughCache whether the store is the user's (Kafka's merger forwards only through such a store)
     */
    record KTableKTableJoinMerger<K, V>(String storeName, boolean forwardThroughCache)
        implements ProcessorSupplier<K, Change<V>, K, Change<V>> {
        @Override
        public Processor<K, Change<V>, K, Change<V>> get() {
            return new ContextualProcessor<>() {
                private TimestampedKeyValueStore<K, V> store;
                private boolean forwardOnFlush;

                @Override
                public void init(ProcessorContext<K, Change<V>> context) {
                    super.init(context);
                    if (storeName != null) {
                        StateStore stateStore = context.getStateStore(storeName);
                        store = TimestampedKeyValueStoreFacade.timestampedView(stateStore);
                        forwardOnFlush = forwardThroughCache && CacheFlushForwarder.register(stateStore, context);
                    }
                }

                @Override
                public void process(Record<K, Change<V>> record) {
                    if (store != null) {
                        store.put(record.key(), ValueAndTimestamp.make(record.value().newValue(), record.timestamp()));
                    }
                    if (!forwardOnFlush) {
                        context().forward(record);
                    }
                }
            };
        }
    }

    /** Returns getters computing the join result from the two tables' getters (for an unmaterialized result). */
    static <K, V1, V2, VR> KTableValueGetterSupplier<K, VR> joinGetter(KTableValueGetterSupplier<K, V1> left,
        KTableValueGetterSupplier<K, V2> right, ValueJoiner<? super V1, ? super V2, ? extends VR> joiner,
        boolean preserveLeft, boolean preserveRight) {
        return new KTableValueGetterSupplier<>() {
            @Override
            public KTableValueGetter<K, VR> get() {
                KTableValueGetter<K, V1> leftGetter = left.get();
                KTableValueGetter<K, V2> rightGetter = right.get();
                return new KTableValueGetter<>() {
                    @Override
                    public void init(ProcessingContext context) {
                        leftGetter.init(context);
                        rightGetter.init(context);
                    }

                    @Override
                    public ValueAndTimestamp<VR> get(K key) {
                        ValueAndTimestamp<V1> l = leftGetter.get(key);
                        ValueAndTimestamp<V2> r = rightGetter.get(key);
                        boolean present = l != null && r != null || l != null && preserveLeft
                            || r != null && preserveRight;
                        if (!present) {
                            return null;
                        }
                        long timestamp = Math.max(l == null ? Long.MIN_VALUE : l.timestamp(),
                            r == null ? Long.MIN_VALUE : r.timestamp());
                        return ValueAndTimestamp.make(joiner.apply(ValueAndTimestamp.getValueOrNull(l),
                            ValueAndTimestamp.getValueOrNull(r)), timestamp);
                    }

                    @Override
                    public void close() {
                        leftGetter.close();
                        rightGetter.close();
                    }
                };
            }

            @Override
            public Set<String> storeNames() {
                Set<String> names = new LinkedHashSet<>(left.storeNames());
                names.addAll(right.storeNames());
                return names;
            }
        };
    }
}
