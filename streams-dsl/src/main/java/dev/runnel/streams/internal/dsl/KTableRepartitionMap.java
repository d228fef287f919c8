package dev.runnel.streams.internal.dsl;

import dev.runnel.streams.KeyValue;
import dev.runnel.streams.kstream.KeyValueMapper;
import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.Processor;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import dev.runnel.streams.processor.api.Record;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps each table update to its new group (KTable#groupBy). The old value's pair is sent as a subtraction
 * {@code Change(null, old)} to its group and the new value's as an addition {@code Change(new, null)}; when both land
 * in the same group one {@code Change(new, old)} is sent, so the group's aggregate changes once.
 */
public record KTableRepartitionMap<K, V, KR, VR>(KeyValueMapper<? super K, ? super V, KeyValue<KR, VR>> selector)
    implements ProcessorSupplier<K, Change<V>, KR, Change<VR>> {
    private static final Logger LOG = LoggerFactory.getLogger(KTableRepartitionMap.class);

    @Override
    public Processor<K, Change<V>, KR, Change<VR>> get() {
        return new ContextualProcessor<>() {
            @Override
            public void process(Record<K, Change<V>> record) {
                Change<V> change = record.value();
                if (!change.isLatest()) {
                    // A versioned table's history-only update leaves the grouped values as they were.
                    return;
                }
                KeyValue<KR, VR> newPair = change.newValue() == null ? null
                    : selector.apply(record.key(), change.newValue());
                KeyValue<KR, VR> oldPair = change.oldValue() == null ? null
                    : selector.apply(record.key(), change.oldValue());
                if (newPair != null && oldPair != null && newPair.key != null
                    && Objects.equals(newPair.key, oldPair.key)) {
                    context().forward(record.withKey(newPair.key).withValue(new Change<>(newPair.value,
                        oldPair.value)));
                    return;
                }
                if (oldPair != null) {
                    forward(record, oldPair.key, new Change<>(null, oldPair.value));
                }
                if (newPair != null) {
                    forward(record, newPair.key, new Change<>(newPair.value, null));
                }
            }

            private void forward(Record<K, Change<V>> record, KR key, Change<VR> change) {
                if (key == null) {
                    DroppedRecords.skipNullKeyOrValue(LOG, context(), "KTable groupBy", true);
                    return;
                }
                context().forward(record.withKey(key).withValue(change));
            }
        };
    }
}
