package dev.runnel.streams.internal.dsl;

import dev.runnel.streams.KeyValue;
import dev.runnel.streams.internal.state.WindowStoreFacade;
import dev.runnel.streams.kstream.ValueJoinerWithKey;
import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.Processor;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.WindowStore;
import dev.runnel.streams.state.WindowStoreIterator;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inner join of a stream with itself in one window store (KIP-862, {@code single.store.self.join}): it sits
 * behind the join's this-side window node, which has already put the record into the store, and emits what the two
 * sides of the unoptimized join would, in their order: first the record joined as the left side with the earlier
 * records of its window, then every record of the mirrored window, itself included, joined with it as the right side.
 * Late records are dropped per side as there; a record with a null key or value is dropped and counted once, as
 * Kafka's self-join does.
 */
record KStreamKStreamSelfJoin<K, V, VR>(String windowStoreName, long beforeMs, long afterMs, long graceMs,
    ValueJoinerWithKey<? super K, ? super V, ? super V, ? extends VR> joiner)
    implements ProcessorSupplier<K, V, K, VR> {
    private static final Logger LOG = LoggerFactory.getLogger(KStreamKStreamSelfJoin.class);

    @Override
    public Processor<K, V, K, VR> get() {
        return new ContextualProcessor<>() {
            private WindowStore<K, V> window;
            private long streamTime = Long.MIN_VALUE;

            @Override
            public void init(ProcessorContext<K, VR> context) {
                super.init(context);
                window = WindowStoreFacade.plainView(context.getStateStore(windowStoreName));
            }

            @Override
            public void process(Record<K, V> record) {
                if (record.key() == null || record.value() == null) {
                    DroppedRecords.skipNullKeyOrValue(LOG, context(), "stream-stream self-join",
                        record.key() == null);
                    return;
                }
                long time = record.timestamp();
                streamTime = Math.max(streamTime, time);
                if (time + afterMs + graceMs >= streamTime) {
                    List<KeyValue<Long, V>> others = fetch(record.key(), time - beforeMs, time + afterMs);
                    // The record itself is the last one the window node put at its timestamp: the left side's
                    // lookup ran before the right side's window node added it.
                    int self = -1;
                    for (int i = 0; i < others.size(); i++) {
                        if (others.get(i).key == time) {
                            self = i;
                        }
                    }
                    for (int i = 0; i < others.size(); i++) {
                        if (i != self) {
                            KeyValue<Long, V> other = others.get(i);
                            forward(record, joiner.apply(record.key(), record.value(), other.value), other.key);
                        }
                    }
                }
                if (time + beforeMs + graceMs >= streamTime) {
                    for (KeyValue<Long, V> other : fetch(record.key(), time - afterMs, time + beforeMs)) {
                        forward(record, joiner.apply(record.key(), other.value, record.value()), other.key);
                    }
                }
            }

            private List<KeyValue<Long, V>> fetch(K key, long from, long to) {
                List<KeyValue<Long, V>> records = new ArrayList<>();
                try (WindowStoreIterator<V> iterator = window.fetch(key, Math.max(0, from), Math.max(0, to))) {
                    iterator.forEachRemaining(records::add);
                }
                return records;
            }

            private void forward(Record<K, V> record, VR value, long otherTime) {
                context().forward(record.withValue(value).withTimestamp(Math.max(record.timestamp(), otherTime)));
            }
        };
    }
}
