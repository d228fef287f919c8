package dev.runnel.streams.query;

import dev.runnel.streams.state.ValueAndTimestamp;
import java.util.Objects;

/**
 * Looks up one key in a timestamped key-value store (KIP-992): the result is the value with its timestamp, or
 * {@code null} if the partition does not have the key. Stores without timestamps answer
 * {@link FailureReason#UNKNOWN_QUERY_TYPE}. Entries still in the record cache are seen unless {@link #skipCache()}.
 * Immutable.
 *
 * @param <K> the store's key type
 * @param <V> the store's (plain) value type
 */
public final class TimestampedKeyQuery<K, V> implements Query<ValueAndTimestamp<V>> {
    private final K key;
    private final boolean skipCache;

    private TimestampedKeyQuery(K key, boolean skipCache) {
        this.key = Objects.requireNonNull(key, "key");
        this.skipCache = skipCache;
    }

    /** Returns a query for {@code key}. */
    public static <K, V> TimestampedKeyQuery<K, V> withKey(K key) {
        return new TimestampedKeyQuery<>(key, false);
    }

    /** Returns this query reading the store below the record cache: what has been written down, not newer updates. */
    public TimestampedKeyQuery<K, V> skipCache() {
        return new TimestampedKeyQuery<>(key, true);
    }

    /** Returns the key to look up. */
    public K key() {
        return key;
    }

    /** Returns whether the query skips the record cache. */
    public boolean isSkipCache() {
        return skipCache;
    }

    @Override
    public String toString() {
        return "TimestampedKeyQuery{key=" + key + ", skipCache=" + skipCache + "}";
    }
}
