package dev.runnel.streams.query;

import dev.runnel.streams.state.VersionedRecordIterator;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Fetches the versions of one key in a versioned key-value store (KIP-968): each partition's result is an iterator,
 * which the caller must close, over the key's versions whose validity interval, from their timestamp to their validTo
 * (exclusive, none for the latest version), overlaps {@code [fromTime, toTime]}. A version may so start before
 * {@code fromTime}; a deletion ends the interval of the version before it and is not itself returned. Versions that
 * are valid only before the store's history retention are not returned. Without bounds the query returns every
 * version in the history.
 *
 * <p>The versions come by timestamp, descending unless {@link #withAscendingTimestamps()}: the default order is
 * {@link ResultOrder#ANY}, which the built-in stores answer in descending order. Only versioned stores run it; other
 * stores answer {@link FailureReason#UNKNOWN_QUERY_TYPE}. Immutable.
 *
 * @param <K> the store's key type
 * @param <V> the store's value type
 */
public final class MultiVersionedKeyQuery<K, V> implements Query<VersionedRecordIterator<V>> {
    private final K key;
    private final Instant fromTime;
    private final Instant toTime;
    private final ResultOrder order;

    private MultiVersionedKeyQuery(K key, Instant fromTime, Instant toTime, ResultOrder order) {
        this.key = Objects.requireNonNull(key, "key cannot be null");
        this.fromTime = fromTime;
        this.toTime = toTime;
        this.order = order;
    }

    /** Returns a query for every version of {@code key}, in the default order. */
    public static <K, V> MultiVersionedKeyQuery<K, V> withKey(K key) {
        return new MultiVersionedKeyQuery<>(key, null, null, ResultOrder.ANY);
    }

    /** Returns this query for the versions still valid at or after {@code fromTime}; {@code null} for no bound. */
    public MultiVersionedKeyQuery<K, V> fromTime(Instant fromTime) {
        return new MultiVersionedKeyQuery<>(key, fromTime, toTime, order);
    }

    /** Returns this query for the versions valid from {@code toTime} or before; {@code null} for no bound. */
    public MultiVersionedKeyQuery<K, V> toTime(Instant toTime) {
        return new MultiVersionedKeyQuery<>(key, fromTime, toTime, order);
    }

    /** Returns this query with the versions in descending order of timestamp. */
    public MultiVersionedKeyQuery<K, V> withDescendingTimestamps() {
        return new MultiVersionedKeyQuery<>(key, fromTime, toTime, ResultOrder.DESCENDING);
    }

    /** Returns this query with the versions in ascending order of timestamp. */
    public MultiVersionedKeyQuery<K, V> withAscendingTimestamps() {
        return new MultiVersionedKeyQuery<>(key, fromTime, toTime, ResultOrder.ASCENDING);
    }

    /** Returns the key. */
    public K key() {
        return key;
    }

    /** Returns the start of the time range, or empty if it is open. */
    public Optional<Instant> fromTime() {
        return Optional.ofNullable(fromTime);
    }

    /** Returns the end of the time range (inclusive), or empty if it is open. */
    public Optional<Instant> toTime() {
        return Optional.ofNullable(toTime);
    }

    /** Returns the order asked for: {@link ResultOrder#ANY} (answered descending) unless set. */
    public ResultOrder resultOrder() {
        return order;
    }

    @Override
    public String toString() {
        return "MultiVersionedKeyQuery{key=" + key + ", fromTime=" + fromTime + ", toTime=" + toTime + ", order="
            + order + "}";
    }
}
