package dev.runnel.streams.internal.state;

import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.state.TimestampedKeyValueStore;
import dev.runnel.streams.state.TimestampedKeyValueStoreWithHeaders;
import dev.runnel.streams.state.ValueAndTimestamp;
import dev.runnel.streams.state.ValueTimestampHeaders;

/**
 * A headers-aware key-value store seen as a timestamped one: reads drop the headers, writes store none. The DSL's
 * operators work on their stores through it under {@code dsl.store.format=HEADERS}, since their results carry no
 * headers of their own (KIP-1285); the timestamped query type and test driver getter return it too.
 */
public final class TimestampedKeyValueStoreFacade<K, V>
    extends KeyValueStoreFacade<K, ValueAndTimestamp<V>, ValueTimestampHeaders<V>>
    implements TimestampedKeyValueStore<K, V> {

    /** Wraps {@code inner}. */
    public TimestampedKeyValueStoreFacade(TimestampedKeyValueStoreWithHeaders<K, V> inner) {
        super(inner, TimestampedKeyValueStoreFacade::withoutHeaders, TimestampedKeyValueStoreFacade::withNoHeaders);
    }

    /**
     * Returns {@code store} as a timestamped key-value store: itself if it is one, seen through this facade if it is
     * a headers-aware one, else {@code null}.
     */
    @SuppressWarnings("unchecked")
    public static <K, V> TimestampedKeyValueStore<K, V> timestampedView(StateStore store) {
        if (store instanceof TimestampedKeyValueStore<?, ?> timestamped) {
            return (TimestampedKeyValueStore<K, V>) timestamped;
        }
        return store instanceof TimestampedKeyValueStoreWithHeaders<?, ?> headers
            ? new TimestampedKeyValueStoreFacade<>((TimestampedKeyValueStoreWithHeaders<K, V>) headers) : null;
    }

    /** Returns {@code value} without its headers; null for null. */
    public static <V> ValueAndTimestamp<V> withoutHeaders(ValueTimestampHeaders<V> value) {
        return value == null ? null : ValueAndTimestamp.make(value.value(), value.timestamp());
    }

    /** Returns {@code value} with no headers; null for null. */
    static <V> ValueTimestampHeaders<V> withNoHeaders(ValueAndTimestamp<V> value) {
        return value == null ? null : ValueTimestampHeaders.make(value.value(), value.timestamp(), null);
    }
}
