package dev.runnel.streams.query;

import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.ValueAndTimestamp;
import java.util.Optional;

/**
 * Scans a key range of a timestamped key-value store (KIP-992): each partition's result is an iterator, which the
 * caller must close, over its entries with keys from the lower to the upper bound, both inclusive and either open. Keys
 * come in the store's (serialized-key) order, ascending unless {@link #withDescendingKeys()}; ordered within a
 * partition, not across. Values come with their timestamps; stores without timestamps answer
 * {@link FailureReason#UNKNOWN_QUERY_TYPE}. Immutable.
 *
 * @param <K> the store's key type
 * @param <V> the store's (plain) value type
 */
public final class TimestampedRangeQuery<K, V> implements Query<KeyValueIterator<K, ValueAndTimestamp<V>>> {
    private final K lower;
    private final K upper;
    private final boolean descending;

    private TimestampedRangeQuery(K lower, K upper, boolean descending) {
        this.lower = lower;
        this.upper = upper;
        this.descending = descending;
    }

    /** Returns a query for keys from {@code lower} to {@code upper}, inclusive; a {@code null} bound is open. */
    public static <K, V> TimestampedRangeQuery<K, V> withRange(K lower, K upper) {
        return new TimestampedRangeQuery<>(lower, upper, false);
    }

    /** Returns a query for keys up to {@code upper}, inclusive. */
    public static <K, V> TimestampedRangeQuery<K, V> withUpperBound(K upper) {
        return new TimestampedRangeQuery<>(null, upper, false);
    }

    /** Returns a query for keys from {@code lower}, inclusive. */
    public static <K, V> TimestampedRangeQuery<K, V> withLowerBound(K lower) {
        return new TimestampedRangeQuery<>(lower, null, false);
    }

    /** Returns a query for every key. */
    public static <K, V> TimestampedRangeQuery<K, V> withNoBounds() {
        return new TimestampedRangeQuery<>(null, null, false);
    }

    /** Returns this query with keys in descending order. */
    public TimestampedRangeQuery<K, V> withDescendingKeys() {
        return new TimestampedRangeQuery<>(lower, upper, true);
    }

    /** Returns this query with keys in ascending order (the default). */
    public TimestampedRangeQuery<K, V> withAscendingKeys() {
        return new TimestampedRangeQuery<>(lower, upper, false);
    }

    /** Returns the lower bound, empty if open. */
    public Optional<K> lowerBound() {
        return Optional.ofNullable(lower);
    }

    /** Returns the upper bound, empty if open. */
    public Optional<K> upperBound() {
        return Optional.ofNullable(upper);
    }

    /** Returns whether keys come in descending order. */
    public boolean isDescending() {
        return descending;
    }

    @Override
    public String toString() {
        return "TimestampedRangeQuery{lower=" + lower + ", upper=" + upper + ", descending=" + descending + "}";
    }
}
