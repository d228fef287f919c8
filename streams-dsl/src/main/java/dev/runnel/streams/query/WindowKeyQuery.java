package dev.runnel.streams.query;

import dev.runnel.streams.state.WindowStoreIterator;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Fetches one key's windows from a window store (KIP-806): each partition's result is an iterator, which the caller
 * must close, over the key's windows that start from {@code timeFrom} to {@code timeTo} (inclusive), by start time,
 * each as (window start, value). Timestamped window stores answer with plain values. Immutable.
 *
 * @param <K> the store's key type
 * @param <V> the store's (plain) value type
 */
public final class WindowKeyQuery<K, V> implements Query<WindowStoreIterator<V>> {
    private final K key;
    private final Instant timeFrom;
    private final Instant timeTo;

    private WindowKeyQuery(K key, Instant timeFrom, Instant timeTo) {
        this.key = Objects.requireNonNull(key, "key");
        this.timeFrom = Objects.requireNonNull(timeFrom, "timeFrom");
        this.timeTo = Objects.requireNonNull(timeTo, "timeTo");
    }

    /** Returns a query for {@code key}'s windows starting from {@code timeFrom} to {@code timeTo}, inclusive. */
    public static <K, V> WindowKeyQuery<K, V> withKeyAndWindowStartRange(K key, Instant timeFrom, Instant timeTo) {
        return new WindowKeyQuery<>(key, timeFrom, timeTo);
    }

    /** Returns the key. */
    public K getKey() {
        return key;
    }

    /** Returns the earliest window start. */
    public Optional<Instant> getTimeFrom() {
        return Optional.of(timeFrom);
    }

    /** Returns the latest window start. */
    public Optional<Instant> getTimeTo() {
        return Optional.of(timeTo);
    }

    @Override
    public String toString() {
        return "WindowKeyQuery{key=" + key + ", timeFrom=" + timeFrom + ", timeTo=" + timeTo + "}";
    }
}
