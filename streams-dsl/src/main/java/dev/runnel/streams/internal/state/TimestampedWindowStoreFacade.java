package dev.runnel.streams.internal.state;

import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.state.TimestampedWindowStore;
import dev.runnel.streams.state.TimestampedWindowStoreWithHeaders;
import dev.runnel.streams.state.ValueAndTimestamp;
import dev.runnel.streams.state.ValueTimestampHeaders;

/**
 * A headers-aware window store seen as a timestamped one: reads drop the headers, puts keep the value's own timestamp
 * and store no headers. The DSL's windowed aggregations work on their stores through it under
 * {@code dsl.store.format=HEADERS} (KIP-1285); the timestamped query type and test driver getter return it too.
 */
public final class TimestampedWindowStoreFacade<K, V>
    extends WindowStoreFacade<K, ValueAndTimestamp<V>, ValueTimestampHeaders<V>>
    implements TimestampedWindowStore<K, V> {

    /** Wraps {@code inner}. */
    public TimestampedWindowStoreFacade(TimestampedWindowStoreWithHeaders<K, V> inner) {
        super(inner, TimestampedKeyValueStoreFacade::withoutHeaders,
            (value, windowStart) -> TimestampedKeyValueStoreFacade.withNoHeaders(value));
    }

    /**
     * Returns {@code store} as a timestamped window store: itself if it is one, seen through this facade if it is a
     * headers-aware one, else {@code null}.
     */
    @SuppressWarnings("unchecked")
    public static <K, V> TimestampedWindowStore<K, V> timestampedView(StateStore store) {
        if (store instanceof TimestampedWindowStore<?, ?> timestamped) {
            return (TimestampedWindowStore<K, V>) timestamped;
        }
        return store instanceof TimestampedWindowStoreWithHeaders<?, ?> headers
            ? new TimestampedWindowStoreFacade<>((TimestampedWindowStoreWithHeaders<K, V>) headers) : null;
    }
}
