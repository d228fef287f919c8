package dev.runnel.streams.internal.dsl;

import dev.runnel.common.header.Headers;
import dev.runnel.streams.internal.runtime.ProcessorContextImpl;
import dev.runnel.streams.internal.state.CacheFlushListener;
import dev.runnel.streams.internal.state.MeteredKeyValueStore;
import dev.runnel.streams.internal.state.MeteredSessionStore;
import dev.runnel.streams.internal.state.MeteredSessionStoreWithHeaders;
import dev.runnel.streams.internal.state.MeteredTimestampedKeyValueStoreWithHeaders;
import dev.runnel.streams.internal.state.MeteredTimestampedWindowStore;
import dev.runnel.streams.internal.state.MeteredTimestampedWindowStoreWithHeaders;
import dev.runnel.streams.internal.state.TimestampedKeyValueStoreFacade;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.AggregationWithHeaders;
import dev.runnel.streams.state.ValueAndTimestamp;
import java.util.function.Function;

/**
 * Makes a table-producing operator forward what its store's caching layer writes down, as Kafka Streams does: with the
 * record cache on, the updates of a key (or window, or session) between two commits, or until a cache full of dirty
 * entries writes its store down, collapse into one {@link Change} from the last written-down value to the latest. With
 * the cache off (a cache of 0 bytes) a windowed store's layer writes down, and so forwards, every write at once, and a
 * key-value store's layer stands aside: its operator forwards each update itself, as Kafka Streams' do then.
 * Stateless helper.
 */
final class CacheFlushForwarder {
    private CacheFlushForwarder() {
    }

    /**
     * Registers the forwarding of {@code store}'s written-down entries to {@code context}'s children; call from
     * {@code Processor#init}. A headers-aware store's entries are forwarded without their (empty) headers, as the
     * timestamped store's are (KIP-1285).
     *
     * @return whether the store has a caching layer; if not, the operator must forward each update itself
     */
    @SuppressWarnings("unchecked")
    static <K, V> boolean register(StateStore store, ProcessorContext<K, Change<V>> context) {
        if (store instanceof MeteredTimestampedKeyValueStoreWithHeaders<?, ?> headers) {
            return ((MeteredTimestampedKeyValueStoreWithHeaders<K, V>) headers).setFlushListener(
                converting(forwardingTimestamped(context), TimestampedKeyValueStoreFacade::withoutHeaders),
                oldValuesNeeded(context));
        }
        if (!(store instanceof MeteredKeyValueStore<?, ?>)) {
            return false;
        }
        MeteredKeyValueStore<K, ValueAndTimestamp<V>> metered = (MeteredKeyValueStore<K, ValueAndTimestamp<V>>) store;
        return metered.setFlushListener(forwardingTimestamped(context), oldValuesNeeded(context));
    }

    /**
     * As {@link #register(StateStore, ProcessorContext)} for a windowed aggregation's store: a timestamped window
     * store, whose results carry the aggregate's timestamp, or a session store, whose results (tombstones of merged
     * sessions too) carry the session end, as the aggregations forward them uncached; headers-aware or not.
     */
    @SuppressWarnings("unchecked")
    static <K, V> boolean registerWindowed(StateStore store, ProcessorContext<Windowed<K>, Change<V>> context) {
        boolean oldValues = oldValuesNeeded(context);
        if (store instanceof MeteredTimestampedWindowStore<?, ?> window) {
            return ((MeteredTimestampedWindowStore<K, V>) window).setFlushListener(forwardingTimestamped(context),
                oldValues);
        }
        if (store instanceof MeteredTimestampedWindowStoreWithHeaders<?, ?> window) {
            return ((MeteredTimestampedWindowStoreWithHeaders<K, V>) window).setFlushListener(
                converting(forwardingTimestamped(context), TimestampedKeyValueStoreFacade::withoutHeaders), oldValues);
        }
        // Before the plain kind, which the headers-aware session store extends.
        if (store instanceof MeteredSessionStoreWithHeaders<?, ?> session) {
            return ((MeteredSessionStoreWithHeaders<K, V>) session).setFlushListener(
                converting(forwardingSessions(context), AggregationWithHeaders::getAggregationOrNull), oldValues);
        }
        if (store instanceof MeteredSessionStore<?, ?> session) {
            return ((MeteredSessionStore<K, V>) session).setFlushListener(forwardingSessions(context), oldValues);
        }
        return false;
    }

    /**
     * Returns whether a child of the operator calling from {@code init} may read a forwarded change's old value. If
     * none does (a table only turned into a stream), the operator need not compute or read old values.
     */
    static boolean oldValuesNeeded(ProcessorContext<?, ?> context) {
        return !(context instanceof ProcessorContextImpl runtime)
            || !runtime.childProcessorsAll(processor -> processor instanceof Operators.NewValuesOnly);
    }

    /** Forwards flushed timestamped values with their own timestamp (a deletion: the flushed entry's). */
    private static <K, V> CacheFlushListener<K, ValueAndTimestamp<V>> forwardingTimestamped(
        ProcessorContext<K, Change<V>> context) {
        return (key, newValue, oldValue, timestamp) -> context.forward(new Record<>(key,
            new Change<>(ValueAndTimestamp.getValueOrNull(newValue), ValueAndTimestamp.getValueOrNull(oldValue)),
            newValue != null ? newValue.timestamp() : timestamp, headersOfUpdate(context)));
    }

    /** Forwards flushed session aggregates with the session's end as their timestamp. */
    private static <K, V> CacheFlushListener<Windowed<K>, V> forwardingSessions(
        ProcessorContext<Windowed<K>, Change<V>> context) {
        return (key, newValue, oldValue, timestamp) -> context.forward(new Record<>(key,
            new Change<>(newValue, oldValue), key.window().end(), headersOfUpdate(context)));
    }

    /** Returns {@code listener} given the values {@code convert} (which maps null to null) turns the entries into. */
    private static <K, W, V> CacheFlushListener<K, W> converting(CacheFlushListener<K, V> listener,
        Function<W, V> convert) {
        return (key, newValue, oldValue, timestamp) -> listener.apply(key, convert.apply(newValue),
            convert.apply(oldValue), timestamp);
    }

    /**
     * Returns the headers of the record whose update is being written down: the caching layer writes an entry down in
     * that record's context, and Kafka Streams forwards the result with its headers. {@code null} (none) elsewhere.
     */
    private static Headers headersOfUpdate(ProcessorContext<?, ?> context) {
        return context instanceof ProcessorContextImpl runtime && runtime.recordContext() != null
            ? runtime.recordContext().headers() : null;
    }
}
