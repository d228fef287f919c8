package dev.runnel.streams.internal.state;

import dev.runnel.common.utils.Time;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.query.FailureReason;
import dev.runnel.streams.query.KeyQuery;
import dev.runnel.streams.query.MultiVersionedKeyQuery;
import dev.runnel.streams.query.Position;
import dev.runnel.streams.query.PositionBound;
import dev.runnel.streams.query.Query;
import dev.runnel.streams.query.QueryConfig;
import dev.runnel.streams.query.QueryResult;
import dev.runnel.streams.query.RangeQuery;
import dev.runnel.streams.query.ResultOrder;
import dev.runnel.streams.query.TimestampedKeyQuery;
import dev.runnel.streams.query.TimestampedRangeQuery;
import dev.runnel.streams.query.VersionedKeyQuery;
import dev.runnel.streams.query.WindowKeyQuery;
import dev.runnel.streams.query.WindowRangeQuery;
import dev.runnel.streams.state.ReadOnlyKeyValueStore;
import dev.runnel.streams.state.ReadOnlySessionStore;
import dev.runnel.streams.state.ReadOnlyWindowStore;
import dev.runnel.streams.state.TimestampedKeyValueStore;
import dev.runnel.streams.state.TimestampedKeyValueStoreWithHeaders;
import dev.runnel.streams.state.ValueAndTimestamp;
import dev.runnel.streams.state.ValueTimestampHeaders;
import dev.runnel.streams.state.VersionedKeyValueStore;
import java.time.Instant;

/**
 * Runs an Interactive Query v2 {@link Query} on one partition of a store, through the same typed, thread-safe read
 * paths as {@code KafkaStreams#store} (so it sees the record cache; versioned stores have none), and turns every
 * failure into a failed {@link QueryResult}. Immutable; may be called from any thread.
 */
public final class StoreQueryRunner {
    private final Time time;

    /** Creates a runner that times queries with {@code time} for execution info. */
    public StoreQueryRunner(Time time) {
        this.time = time;
    }

    /**
     * Runs {@code query} on {@code store}, the outermost (typed) layer of one partition's store.
     *
     * @param partition the store's partition; {@code null} for a global store
     * @param position how far the store has read its inputs, which the result carries and the bound is checked against
     */
    public <R> QueryResult<R> run(StateStore store, Query<R> query, PositionBound bound, boolean executionInfo,
        Integer partition, Position position) {
        if (!store.isOpen()) {
            return QueryResult.forFailure(FailureReason.NOT_PRESENT, "Partition " + partition + " of store "
                + store.name() + " is closed; it may be migrating to another instance. Refresh the metadata and"
                + " retry.");
        }
        if (partition == null ? !bound.isMetBy(position) : !bound.isMetBy(position, partition)) {
            return QueryResult.notUpToBound(position, bound, partition);
        }
        long startNs = time.nanoseconds();
        QueryResult<R> result;
        try {
            result = dispatch(store, query, bound, executionInfo);
        } catch (RuntimeException e) {
            // The query boundary: a store failure is this partition's answer, as Kafka's STORE_EXCEPTION.
            result = QueryResult.forFailure(FailureReason.STORE_EXCEPTION, "Partition " + partition + " of store "
                + store.name() + " failed to run " + query + ": " + e);
        }
        if (executionInfo) {
            result.addExecutionInfo("Handled in " + store.getClass().getSimpleName() + " of partition "
                + partition + " in " + (time.nanoseconds() - startNs) + "ns");
        }
        result.setPosition(position);
        return result;
    }

    /** Answers the queries the built-in stores know through their typed reads; the store answers any other. */
    @SuppressWarnings("unchecked")
    private static <R> QueryResult<R> dispatch(StateStore store, Query<R> query, PositionBound bound,
        boolean executionInfo) {
        Object answer;
        if (query instanceof KeyQuery<?, ?> keyQuery) {
            answer = get(store, keyQuery.getKey(), keyQuery.isSkipCache(), false);
        } else if (query instanceof TimestampedKeyQuery<?, ?> keyQuery) {
            answer = get(store, keyQuery.key(), keyQuery.isSkipCache(), true);
        } else if (query instanceof RangeQuery<?, ?> range) {
            answer = range(store, range.getLowerBound().orElse(null), range.getUpperBound().orElse(null),
                range.resultOrder() == ResultOrder.DESCENDING, false);
        } else if (query instanceof TimestampedRangeQuery<?, ?> range) {
            answer = range(store, range.lowerBound().orElse(null), range.upperBound().orElse(null),
                range.resultOrder() == ResultOrder.DESCENDING, true);
        } else if (query instanceof WindowKeyQuery<?, ?> windowKey) {
            answer = windowKey(store, windowKey);
        } else if (query instanceof WindowRangeQuery<?, ?> windowRange) {
            answer = windowRange(store, windowRange);
        } else if (query instanceof VersionedKeyQuery<?, ?> versionedKey) {
            answer = versionedKey(store, versionedKey);
        } else if (query instanceof MultiVersionedKeyQuery<?, ?> multiVersioned) {
            answer = multiVersioned(store, multiVersioned);
        } else {
            answer = Unsupported.QUERY;
        }
        return answer == Unsupported.QUERY ? store.query(query, bound, new QueryConfig(executionInfo))
            : QueryResult.forResult((R) answer);
    }

    /** Marks a query the store cannot run, as distinct from a {@code null} result. */
    private enum Unsupported {
        QUERY
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object get(StateStore store, Object key, boolean skipCache, boolean withTimestamp) {
        boolean headers = store instanceof TimestampedKeyValueStoreWithHeaders;
        boolean timestamped = store instanceof TimestampedKeyValueStore || headers;
        if (!(store instanceof ReadOnlyKeyValueStore keyValue) || withTimestamp && !timestamped) {
            return Unsupported.QUERY;
        }
        Object value = skipCache && store instanceof MeteredKeyValueStore metered
            ? metered.getSkippingCache(key) : keyValue.get(key);
        if (headers) {
            // The timestamped queries read a headers-aware store without its headers, as the store() types do.
            return withTimestamp ? TimestampedKeyValueStoreFacade.withoutHeaders((ValueTimestampHeaders) value)
                : ValueTimestampHeaders.getValueOrNull((ValueTimestampHeaders) value);
        }
        return timestamped && !withTimestamp ? ValueAndTimestamp.getValueOrNull((ValueAndTimestamp) value) : value;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object range(StateStore store, Object lower, Object upper, boolean descending,
        boolean withTimestamp) {
        ReadOnlyKeyValueStore timestampedView = TimestampedKeyValueStoreFacade.timestampedView(store);
        if (!(store instanceof ReadOnlyKeyValueStore keyValue) || withTimestamp && timestampedView == null) {
            return Unsupported.QUERY;
        }
        ReadOnlyKeyValueStore otherView = withTimestamp ? timestampedView : KeyValueStoreFacade.plainViewOrNull(store);
        ReadOnlyKeyValueStore view = otherView != null ? otherView : keyValue;
        return descending ? view.reverseRange(lower, upper) : view.range(lower, upper);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object windowKey(StateStore store, WindowKeyQuery<?, ?> query) {
        if (!(store instanceof ReadOnlyWindowStore)) {
            return Unsupported.QUERY;
        }
        Instant from = query.getTimeFrom().orElseThrow();
        Instant to = query.getTimeTo().orElseThrow();
        return plainWindows(store).fetch(query.getKey(), from, to);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object windowRange(StateStore store, WindowRangeQuery<?, ?> query) {
        // As in Kafka Streams: session stores answer the key form, window stores the time-range form.
        if (query.getKey().isPresent()) {
            ReadOnlySessionStore plainView = SessionStoreFacade.plainViewOrNull(store);
            ReadOnlySessionStore session = plainView != null ? plainView
                : store instanceof ReadOnlySessionStore plain ? plain : null;
            return session != null ? session.fetch(query.getKey().get()) : Unsupported.QUERY;
        }
        if (!(store instanceof ReadOnlyWindowStore)) {
            return Unsupported.QUERY;
        }
        return plainWindows(store).fetchAll(query.getTimeFrom().orElseThrow(), query.getTimeTo().orElseThrow());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object versionedKey(StateStore store, VersionedKeyQuery<?, ?> query) {
        if (!(store instanceof VersionedKeyValueStore versioned)) {
            return Unsupported.QUERY;
        }
        if (query.asOfTimestamp().isEmpty()) {
            return versioned.get(query.key());
        }
        long asOf = query.asOfTimestamp().get().toEpochMilli();
        // A query's answer keeps the version's validTo, which the store's get leaves out, as in Kafka Streams.
        return store instanceof MeteredVersionedKeyValueStore metered ? metered.query(query.key(), asOf)
            : versioned.get(query.key(), asOf);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object multiVersioned(StateStore store, MultiVersionedKeyQuery<?, ?> query) {
        // The multi-version read is not on the public VersionedKeyValueStore (nor is it in Kafka Streams).
        if (!(store instanceof MeteredVersionedKeyValueStore versioned)) {
            return Unsupported.QUERY;
        }
        long from = query.fromTime().map(Instant::toEpochMilli).orElse(Long.MIN_VALUE);
        long to = query.toTime().map(Instant::toEpochMilli).orElse(Long.MAX_VALUE);
        return versioned.get(query.key(), from, to, query.resultOrder());
    }

    /** Returns the window store as one of plain values: a timestamped one's timestamps (and headers) are dropped. */
    @SuppressWarnings("rawtypes")
    private static ReadOnlyWindowStore plainWindows(StateStore store) {
        ReadOnlyWindowStore plainView = WindowStoreFacade.plainViewOrNull(store);
        return plainView != null ? plainView : (ReadOnlyWindowStore) store;
    }
}
