package dev.runnel.streams.internal.dsl;

import dev.runnel.streams.kstream.KeyValueMapper;
import dev.runnel.streams.kstream.ValueJoinerWithKey;
import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.Processor;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream-table join (and a stream-globalTable join, where {@code keyMapper} picks the table key): each stream
 * record looks up the table's current value (for a versioned table, the value valid at the stream record's
 * timestamp) and is forwarded joined, keeping the stream record's key and timestamp.
 * Table updates produce no output. Both drop stream records with a null value. An inner join drops a record without
 * a table value (and records with a null key); a left join calls the joiner with a null table value instead.
 */
record KStreamKTableJoin<K, KT, V, VT, VR>(KTableValueGetterSupplier<KT, VT> tableGetter,
    KeyValueMapper<? super K, ? super V, ? extends KT> keyMapper,
    ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner, boolean leftJoin)
    implements ProcessorSupplier<K, V, K, VR> {
    private static final Logger LOG = LoggerFactory.getLogger(KStreamKTableJoin.class);

    @Override
    public Processor<K, V, K, VR> get() {
        return new ContextualProcessor<>() {
            private final KTableValueGetter<KT, VT> getter = tableGetter.get();

            @Override
            public void init(ProcessorContext<K, VR> context) {
                super.init(context);
                getter.init(context);
            }

            @Override
            public void process(Record<K, V> record) {
                KT tableKey = record.key() == null && keyMapper == null ? null
                    : keyMapper == null ? identity(record.key()) : keyMapper.apply(record.key(), record.value());
                // A null value is no record to join, in a left join too (KIP-962 relaxed only the null key).
                if (record.value() == null || !leftJoin && tableKey == null) {
                    LOG.debug("Skipping stream-table join record with null key or value: {}",
                        context().recordMetadata().map(Object::toString).orElse("no metadata"));
                    return;
                }
                VT tableValue = tableKey == null ? null : ValueAndTimestamp.getValueOrNull(lookup(tableKey, record));
                if (tableValue == null && !leftJoin) {
                    return;
                }
                context().forward(record.withValue(joiner.apply(record.key(), record.value(), tableValue)));
            }

            /** A versioned table joins with the version valid at the stream record's time (KIP-914). */
            private ValueAndTimestamp<VT> lookup(KT tableKey, Record<K, V> record) {
                return getter.isVersioned() ? getter.get(tableKey, record.timestamp()) : getter.get(tableKey);
            }

            @Override
            public void close() {
                getter.close();
            }
        };
    }

    @SuppressWarnings("unchecked")
    private KT identity(K key) {
        return (KT) key;
    }
}
