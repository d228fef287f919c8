package dev.runnel.streams.internal.dsl;

import dev.runnel.streams.kstream.Aggregator;
import dev.runnel.streams.kstream.Initializer;
import dev.runnel.streams.kstream.Reducer;
import dev.runnel.streams.processor.api.Processor;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aggregates a re-grouped table per group (KGroupedTable): the subtractor removes the old value, then the adder adds
 * the new one. A reduction starts from the first added value and deletes the group when its aggregate becomes null.
 */
public record KTableAggregate<K, V, VAgg>(String storeName, Initializer<VAgg> initializer,
    Aggregator<? super K, ? super V, VAgg> adder, Aggregator<? super K, ? super V, VAgg> subtractor)
    implements ProcessorSupplier<K, Change<V>, K, Change<VAgg>> {
    private static final Logger LOG = LoggerFactory.getLogger(KTableAggregate.class);

    /** Returns the supplier of a reduction with {@code adder} and {@code subtractor}. */
    public static <K, V> KTableAggregate<K, V, V> reduce(String storeName, Reducer<V> adder, Reducer<V> subtractor) {
        return new KTableAggregate<>(storeName, () -> null,
            (key, value, agg) -> agg == null ? value : adder.apply(agg, value),
            (key, value, agg) -> agg == null ? null : subtractor.apply(agg, value));
    }

    @Override
    public Processor<K, Change<V>, K, Change<VAgg>> get() {
        return new TableStoreProcessor<>() {
            @Override
            public void init(ProcessorContext<K, Change<VAgg>> context) {
                super.init(context);
                initStore(storeName);
            }

            @Override
            public void process(Record<K, Change<V>> record) {
                if (record.key() == null) {
                    DroppedRecords.skipNullKeyOrValue(LOG, context(), "table aggregation " + storeName, true);
                    return;
                }
                ValueAndTimestamp<VAgg> old = store.get(record.key());
                VAgg oldAgg = ValueAndTimestamp.getValueOrNull(old);
                VAgg agg = oldAgg == null ? initializer.apply() : oldAgg;
                Change<V> change = record.value();
                if (change.oldValue() != null) {
                    agg = subtractor.apply(record.key(), change.oldValue(), agg);
                }
                if (change.newValue() != null) {
                    agg = adder.apply(record.key(), change.newValue(), agg);
                }
                long timestamp = old == null ? record.timestamp() : Math.max(record.timestamp(), old.timestamp());
                store.put(record.key(), agg == null ? null : ValueAndTimestamp.make(agg, timestamp));
                if (!forwardOnFlush) {
                    context().forward(record.withValue(new Change<>(agg, oldAgg)).withTimestamp(timestamp));
                }
            }
        };
    }
}
