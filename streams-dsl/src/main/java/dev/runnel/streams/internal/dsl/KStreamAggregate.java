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
 * Aggregates a grouped stream per key into a timestamped key-value store and forwards each new aggregate with the
 * previous one. Counts and reductions are aggregations too: a reduction's initializer returns {@code null} and its
 * aggregator returns the first value as is. The result's timestamp is the largest record timestamp of the key.
 */
public record KStreamAggregate<K, V, VAgg>(String storeName, Initializer<VAgg> initializer,
    Aggregator<? super K, ? super V, VAgg> aggregator) implements ProcessorSupplier<K, V, K, Change<VAgg>> {
    private static final Logger LOG = LoggerFactory.getLogger(KStreamAggregate.class);

    /** Returns the supplier of a reduction: the first value starts the aggregate. */
    public static <K, V> KStreamAggregate<K, V, V> reduce(String storeName, Reducer<V> reducer) {
        return new KStreamAggregate<>(storeName, () -> null,
            (key, value, agg) -> agg == null ? value : reducer.apply(agg, value));
    }

    @Override
    public Processor<K, V, K, Change<VAgg>> get() {
        return new TableStoreProcessor<>() {
            @Override
            public void init(ProcessorContext<K, Change<VAgg>> context) {
                super.init(context);
                initStore(storeName);
            }

            @Override
            public void process(Record<K, V> record) {
                if (record.key() == null || record.value() == null) {
                    DroppedRecords.skipNullKeyOrValue(LOG, context(), "aggregation " + storeName,
                        record.key() == null);
                    return;
                }
                ValueAndTimestamp<VAgg> old = store.get(record.key());
                // As in Kafka Streams, a new key's update carries the initial aggregate as its old value.
                VAgg stored = ValueAndTimestamp.getValueOrNull(old);
                VAgg oldAgg = stored == null ? initializer.apply() : stored;
                VAgg newAgg = aggregator.apply(record.key(), record.value(), oldAgg);
                long timestamp = old == null ? record.timestamp() : Math.max(record.timestamp(), old.timestamp());
                store.put(record.key(), ValueAndTimestamp.make(newAgg, timestamp));
                if (!forwardOnFlush) {
                    context().forward(record.withValue(new Change<>(newAgg, oldAgg)).withTimestamp(timestamp));
                }
            }
        };
    }
}
