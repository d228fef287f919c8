package dev.runnel.streams.internal.dsl;

import dev.runnel.common.serialization.Serde;
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
 * a table value (and, counting them as dropped as the null values, records with a null key); a left join calls the
 * joiner with a null table value instead.
 * <p>With a grace period ({@code bufferStoreName} set; versioned tables only, KIP-923) a stream record first waits in
 * the buffer store until this processor's stream time (the largest stream record timestamp it has seen) reaches its
 * timestamp + {@code graceMs}; due records are joined in timestamp order. A record already that late is joined at
 * once. The buffer's serdes are {@code keySerde} and {@code valueSerde}, else the defaults.
 */
record KStreamKTableJoin<K, KT, V, VT, VR>(KTableValueGetterSupplier<KT, VT> tableGetter,
    KeyValueMapper<? super K, ? super V, ? extends KT> keyMapper,
    ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner, boolean leftJoin,
    String bufferStoreName, long graceMs, Serde<K> keySerde, Serde<V> valueSerde)
    implements ProcessorSupplier<K, V, K, VR> {
    private static final Logger LOG = LoggerFactory.getLogger(KStreamKTableJoin.class);

    /** A join without a grace period. */
    KStreamKTableJoin(KTableValueGetterSupplier<KT, VT> tableGetter,
        KeyValueMapper<? super K, ? super V, ? extends KT> keyMapper,
        ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner, boolean leftJoin) {
        this(tableGetter, keyMapper, joiner, leftJoin, null, 0L, null, null);
    }

    @Override
    public Processor<K, V, K, VR> get() {
        return new ContextualProcessor<>() {
            private final KTableValueGetter<KT, VT> getter = tableGetter.get();
            private TimeOrderedRecordBuffer<K, V> buffer;
            private long observedStreamTime = -1L;

            @Override
            @SuppressWarnings("unchecked")
            public void init(ProcessorContext<K, VR> context) {
                super.init(context);
                getter.init(context);
                if (bufferStoreName != null) {
                    buffer = new TimeOrderedRecordBuffer<>(context, context.getStateStore(bufferStoreName),
                        keySerde != null ? keySerde : (Serde<K>) context.keySerde(),
                        valueSerde != null ? valueSerde : (Serde<V>) context.valueSerde(), bufferStoreName);
                }
            }

            @Override
            public void process(Record<K, V> record) {
                KT tableKey = tableKey(record);
                // A null value is no record to join, in a left join too (KIP-962 relaxed only the null key). As
                // Kafka, the skipped record is counted as dropped.
                if (record.value() == null || !leftJoin && tableKey == null) {
                    DroppedRecords.skipNullKeyOrValue(LOG, context(), "stream-table join", record.value() != null);
                    return;
                }
                if (buffer == null) {
                    join(record, tableKey);
                    return;
                }
                observedStreamTime = Math.max(observedStreamTime, record.timestamp());
                long deadline = observedStreamTime - graceMs;
                if (record.timestamp() <= deadline) {
                    join(record, tableKey);
                } else {
                    buffer.put(record);
                }
                buffer.evictUpTo(deadline, due -> join(due, tableKey(due)));
            }

            private KT tableKey(Record<K, V> record) {
                return record.key() == null && keyMapper == null ? null
                    : keyMapper == null ? identity(record.key()) : keyMapper.apply(record.key(), record.value());
            }

            private void join(Record<K, V> record, KT tableKey) {
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
