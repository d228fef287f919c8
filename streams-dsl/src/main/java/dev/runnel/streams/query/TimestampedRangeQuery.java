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
    private final ResultOrder order;

    private TimestampedRangeQuery(K lower, K upper, ResultOrder order) {
        this.lower = lower;
        this.upper = upper;
        this.order = order;
    }

    /** Returns a query for keys from {@code lower} to {@code upper}, inclusive; a {@code null} bound is open. */
    public static <K, V> TimestampedRangeQuery<K, V> withRange(K lower, K upper) {
        return new TimestampedRangeQuery<>(lower, upper, ResultOrder.ANY);
    }

    /** Returns a query for keys up to {@code upper}, inclusive. */
    public static <K, V> TimestampedRangeQuery<K, V> withUpperBound(K upper) {
        return new TimestampedRangeQuery<>(null, upper, ResultOrder.ANY);
    }

    /** Returns a query for keys from {@code lower}, inclusive. */
    public static <K, V> TimestampedRangeQuery<K, V> withLowerBound(K lower) {
        return new TimestampedRangeQuery<>(lower, null, ResultOrder.ANY);
    }

    /** Returns a query for every key. */
    public static <K, V> TimestampedRangeQuery<K, V> withNoBounds() {
        return new TimestampedRangeQuery<>(null, null, ResultOrder.ANY);
    }

    /** Returns this query with keys in descending order. */
    public TimestampedRangeQuery<K, V> withDescendingKeys() {
        return new TimestampedRangeQuery<>(lower, upper, ResultOrder.DESCENDING);
    }

    /** Returns this query with keys in ascending order, which is also what {@link ResultOrder#ANY} gives. */
    public TimestampedRangeQuery<K, V> withAscendingKeys() {
        return new TimestampedRangeQuery<>(lower, upper, ResultOrder.ASCENDING);
    }

    /** Returns the lower bound, empty if open. */
    public Optional<K> lowerBound() {
        return Optional.ofNullable(lower);
    }

    /** Returns the upper bound, empty if open. */
    public Optional<K> upperBound() {
        return Optional.ofNullable(upper);
    }

    /**
     * Returns the order asked for: {@link ResultOrder#ANY} unless {@link #withAscendingKeys()} or
     * {@link #withDescendingKeys()} was called; Runnel's stores answer {@code ANY} in ascending order.
     */
    public ResultOrder resultOrder() {
        return order;
    }

    @Override
    public String toString() {
        return "TimestampedRangeQuery{lower=" + lower + ", upper=" + upper + ", order=" + order + "}";
    }
}
