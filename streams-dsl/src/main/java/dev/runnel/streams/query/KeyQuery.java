package dev.runnel.streams.query;

import java.util.Objects;

/**
 * Looks up one key in a key-value store (KIP-796): the result is the value, or {@code null} if the partition does
 * not have the key. A timestamped store answers with the plain value; see {@link TimestampedKeyQuery} for the
 * timestamp. Entries still in the record cache are seen unless {@link #skipCache()}. Immutable.
 *
 * @param <K> the store's key type
 * @param <V> the store's (plain) value type
 */
public final class KeyQuery<K, V> implements Query<V> {
    private final K key;
    private final boolean skipCache;

    private KeyQuery(K key, boolean skipCache) {
        this.key = Objects.requireNonNull(key, "key");
        this.skipCache = skipCache;
    }

    /** Returns a query for {@code key}. */
    public static <K, V> KeyQuery<K, V> withKey(K key) {
        return new KeyQuery<>(key, false);
    }

    /** Returns this query reading the store below the record cache: what has been written down, not newer updates. */
    public KeyQuery<K, V> skipCache() {
        return new KeyQuery<>(key, true);
    }

    /** Returns the key to look up. */
    public K getKey() {
        return key;
    }

    /** Returns whether the query skips the record cache. */
    public boolean isSkipCache() {
        return skipCache;
    }

    @Override
    public String toString() {
        return "KeyQuery{key=" + key + ", skipCache=" + skipCache + "}";
    }
}
