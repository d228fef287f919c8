package dev.runnel.streams.internal.dsl;

import dev.runnel.streams.internal.state.TimestampedKeyValueStoreFacade;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.TimestampedKeyValueStore;
import dev.runnel.streams.state.ValueAndTimestamp;

/**
 * A table-producing processor that may keep its result in a timestamped key-value store and then forwards through
 * the store's cache if it has one ({@link CacheFlushForwarder}). Not thread-safe; owned by its task.
 *
 * @param <KIn> the input key type
 * @param <VIn> the input value type
 * @param <K> the result key type
 * @param <V> the result value type
 */
abstract class TableStoreProcessor<KIn, VIn, K, V> extends ContextualProcessor<KIn, VIn, K, Change<V>> {
    /** The result's store, or {@code null} if the result is not materialized. */
    TimestampedKeyValueStore<K, V> store;
    /** Whether the store's cache forwards the changes, so the processor must not. */
    boolean forwardOnFlush;

    /** Opens the result's store {@code storeName}, if not {@code null}; call from init after {@code super.init}. */
    final void initStore(String storeName) {
        if (storeName != null) {
            StateStore stateStore = context().getStateStore(storeName);
            store = TimestampedKeyValueStoreFacade.timestampedView(stateStore);
            forwardOnFlush = CacheFlushForwarder.register(stateStore, context());
        }
    }

    /** Returns the value the store holds for {@code key}, or {@code null}. */
    final V storedValue(K key) {
        return ValueAndTimestamp.getValueOrNull(store.get(key));
    }

    /**
     * Keeps a value operator's new value in the store, if any, and forwards the change unless the store's cache does.
     * A stored result is always the latest; otherwise the input's flag carries over.
     */
    final <VP> void storeAndForward(Record<K, Change<VP>> record, V newValue, V oldValue) {
        if (store != null) {
            store.put(record.key(), ValueAndTimestamp.make(newValue, record.timestamp()));
        }
        if (!forwardOnFlush) {
            context().forward(record.withValue(new Change<>(newValue, oldValue,
                store != null || record.value().isLatest())));
        }
    }
}
