package dev.runnel.streams.query;

import dev.runnel.streams.state.VersionedRecord;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Looks up one key in a versioned key-value store (KIP-960): each partition's result is the key's latest version, or
 * with {@link #asOf} the version that was valid at that time; {@code null} if the partition has no such version (the
 * key is unknown or deleted then, or the time is older than the store's history retention). Only versioned stores
 * run it; other stores answer {@link FailureReason#UNKNOWN_QUERY_TYPE}. Immutable.
 *
 * @param <K> the store's key type
 * @param <V> the store's value type
 */
public final class VersionedKeyQuery<K, V> implements Query<VersionedRecord<V>> {
    private final K key;
    private final Instant asOf;

    private VersionedKeyQuery(K key, Instant asOf) {
        this.key = Objects.requireNonNull(key, "key cannot be null");
        this.asOf = asOf;
    }

    /** Returns a query for the latest version of {@code key}. */
    public static <K, V> VersionedKeyQuery<K, V> withKey(K key) {
        return new VersionedKeyQuery<>(key, null);
    }

    /** Returns this query for the version that was valid at {@code asOfTimestamp} instead of the latest. */
    public VersionedKeyQuery<K, V> asOf(Instant asOfTimestamp) {
        return new VersionedKeyQuery<>(key, Objects.requireNonNull(asOfTimestamp, "asOf cannot be null"));
    }

    /** Returns the key to look up. */
    public K key() {
        return key;
    }

    /** Returns the time the version must be valid at, or empty for the latest version. */
    public Optional<Instant> asOfTimestamp() {
        return Optional.ofNullable(asOf);
    }

    @Override
    public String toString() {
        return "VersionedKeyQuery{key=" + key + ", asOf=" + (asOf == null ? "latest" : asOf) + "}";
    }
}
