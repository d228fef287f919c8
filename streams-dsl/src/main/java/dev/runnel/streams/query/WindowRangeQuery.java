package dev.runnel.streams.query;

import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.state.KeyValueIterator;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Scans windows (KIP-806): each partition's result is an iterator, which the caller must close, of windowed keys and
 * values. Two forms, each for one store kind, as in Kafka Streams: {@link #withKey} fetches all of a key's sessions
 * from a session store; {@link #withWindowStartRange} fetches every key's windows that start in a time range from a
 * window store (timestamped ones answer with plain values). Any other pairing answers
 * {@link FailureReason#UNKNOWN_QUERY_TYPE}. Immutable.
 *
 * @param <K> the store's key type
 * @param <V> the store's (plain) value type
 */
public final class WindowRangeQuery<K, V> implements Query<KeyValueIterator<Windowed<K>, V>> {
    private final K key;
    private final Instant timeFrom;
    private final Instant timeTo;

    private WindowRangeQuery(K key, Instant timeFrom, Instant timeTo) {
        this.key = key;
        this.timeFrom = timeFrom;
        this.timeTo = timeTo;
    }

    /** Returns a query for all sessions of {@code key} (session stores). */
    public static <K, V> WindowRangeQuery<K, V> withKey(K key) {
        return new WindowRangeQuery<>(Objects.requireNonNull(key, "key"), null, null);
    }

    /** Returns a query for all windows starting from {@code timeFrom} to {@code timeTo}, inclusive (window stores). */
    public static <K, V> WindowRangeQuery<K, V> withWindowStartRange(Instant timeFrom, Instant timeTo) {
        return new WindowRangeQuery<>(null, Objects.requireNonNull(timeFrom, "timeFrom"),
            Objects.requireNonNull(timeTo, "timeTo"));
    }

    /** Returns the key, empty for a time-range query. */
    public Optional<K> getKey() {
        return Optional.ofNullable(key);
    }

    /** Returns the earliest window start, empty for a key query. */
    public Optional<Instant> getTimeFrom() {
        return Optional.ofNullable(timeFrom);
    }

    /** Returns the latest window start, empty for a key query. */
    public Optional<Instant> getTimeTo() {
        return Optional.ofNullable(timeTo);
    }

    @Override
    public String toString() {
        return "WindowRangeQuery{key=" + key + ", timeFrom=" + timeFrom + ", timeTo=" + timeTo + "}";
    }
}
