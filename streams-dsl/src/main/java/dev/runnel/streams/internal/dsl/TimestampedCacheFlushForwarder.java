package dev.runnel.streams.internal.dsl;

import dev.runnel.streams.internal.state.MeteredKeyValueStore;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.TimestampedKeyValueStore;
import dev.runnel.streams.state.ValueAndTimestamp;

/**
 * Makes a table-producing operator forward what its store's caching layer writes down, as Kafka Streams does: with
 * the record cache on, the updates of a key between two commits (or until the cache evicts it) collapse into one
 * {@link Change} from the last written-down value to the latest; with the cache off (a cache of 0 bytes, or the test
 * driver) every write is written down, and so forwarded, at once. Window and session stores have no caching layer
 * yet, so windowed and session aggregations still forward every update. Stateless helper.
 */
final class TimestampedCacheFlushForwarder {
    private TimestampedCacheFlushForwarder() {
    }

    /**
     * Registers the forwarding of {@code store}'s written-down entries to {@code context}'s children; call from
     * {@code Processor#init}.
     *
     * @return whether the store has a caching layer; if not, the operator must forward each update itself
     */
    static <K, V> boolean register(TimestampedKeyValueStore<K, V> store, ProcessorContext<K, Change<V>> context) {
        if (!(store instanceof MeteredKeyValueStore<?, ?>)) {
            return false;
        }
        @SuppressWarnings("unchecked")
        MeteredKeyValueStore<K, ValueAndTimestamp<V>> metered = (MeteredKeyValueStore<K, ValueAndTimestamp<V>>) store;
        return metered.setFlushListener((key, newValue, oldValue, timestamp) -> context.forward(new Record<>(key,
            new Change<>(ValueAndTimestamp.getValueOrNull(newValue), ValueAndTimestamp.getValueOrNull(oldValue)),
            newValue != null ? newValue.timestamp() : timestamp)), true);
    }
}
