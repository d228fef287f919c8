package dev.runnel.streams.internal.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Time;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.query.FailureReason;
import dev.runnel.streams.query.KeyQuery;
import dev.runnel.streams.query.MultiVersionedKeyQuery;
import dev.runnel.streams.query.Position;
import dev.runnel.streams.query.PositionBound;
import dev.runnel.streams.query.Query;
import dev.runnel.streams.query.QueryResult;
import dev.runnel.streams.query.RangeQuery;
import dev.runnel.streams.query.TimestampedKeyQuery;
import dev.runnel.streams.query.VersionedKeyQuery;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.Stores;
import dev.runnel.streams.state.VersionedKeyValueStore;
import dev.runnel.streams.state.VersionedRecord;
import dev.runnel.streams.state.VersionedRecordIterator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Interactive Query v2 on one partition of a versioned store (KIP-960, KIP-968): the answers of
 * {@link VersionedKeyQuery} and {@link MultiVersionedKeyQuery} against worked-out versions, and the failures of the
 * queries that do not fit the store.
 */
class VersionedStoreQueryTest {
    private static final VersionedRecord<String> V110 = new VersionedRecord<>("1.10", 1_000L, 5_000L);
    private static final VersionedRecord<String> V125 = new VersionedRecord<>("1.25", 5_000L, 8_000L);
    private static final VersionedRecord<String> V150 = new VersionedRecord<>("1.50", 8_000L, 10_000L);
    private static final VersionedRecord<String> V175 = new VersionedRecord<>("1.75", 12_000L);

    private final StoreQueryRunner runner = new StoreQueryRunner(Time.SYSTEM);

    /**
     * Apple's versions: 1.10 in [1000, 5000), 1.25 in [5000, 8000) (put late, after 1.50), 1.50 in [8000, 10000), then
     * deleted until 1.75 from 12000 on. The history (a minute) reaches back before all of them.
     */
    private static VersionedKeyValueStore<String, String> prices() {
        VersionedKeyValueStore<String, String> store = versionedStore(Duration.ofMinutes(1), Duration.ofMinutes(1));
        store.put("apple", "1.10", 1_000L);
        store.put("apple", "1.50", 8_000L);
        store.put("apple", "1.25", 5_000L);
        store.put("apple", null, 10_000L);
        store.put("apple", "1.75", 12_000L);
        return store;
    }

    private static VersionedKeyValueStore<String, String> versionedStore(Duration history, Duration segment) {
        VersionedKeyValueStore<String, String> store = Stores.versionedKeyValueStoreBuilder(
            Stores.persistentVersionedKeyValueStore("prices", history, segment), Serdes.String(), Serdes.String())
            .build();
        store.init(new RecordingStoreContext(), store);
        return store;
    }

    @Test
    void shouldAnswerTheLatestVersionOrTheVersionValidAtTheAsOfTime() {
        VersionedKeyValueStore<String, String> store = prices();

        assertEquals(V175, answer(store, VersionedKeyQuery.withKey("apple")), "latest");
        assertNull(answer(store, asOf("apple", 999L)), "before the first version");
        assertEquals(V110, answer(store, asOf("apple", 1_000L)));
        assertEquals(V110, answer(store, asOf("apple", 4_999L)));
        assertEquals(V125, answer(store, asOf("apple", 6_000L)), "between versions, the late one included");
        assertEquals(V150, answer(store, asOf("apple", 9_999L)));
        assertNull(answer(store, asOf("apple", 10_000L)), "deleted from 10000");
        assertNull(answer(store, asOf("apple", 11_999L)), "deleted until 12000");
        assertEquals(V175, answer(store, asOf("apple", 50_000L)), "after the last version");
        assertNull(answer(store, VersionedKeyQuery.withKey("pear")));
        assertNull(answer(store, asOf("pear", 6_000L)));

        store.put("apple", null, 13_000L);
        assertNull(answer(store, VersionedKeyQuery.withKey("apple")), "the latest version is a deletion");
    }

    @Test
    void shouldAnswerAllVersionsNewestFirstByDefault() {
        VersionedKeyValueStore<String, String> store = prices();

        assertEquals(List.of(V175, V150, V125, V110), versions(store, MultiVersionedKeyQuery.withKey("apple")));
        assertEquals(List.of(V175, V150, V125, V110), versions(store, MultiVersionedKeyQuery.<String, String>withKey(
            "apple").withDescendingTimestamps()));
        assertEquals(List.of(V110, V125, V150, V175), versions(store, MultiVersionedKeyQuery.<String, String>withKey(
            "apple").withAscendingTimestamps()));
        assertEquals(List.of(), versions(store, MultiVersionedKeyQuery.withKey("pear")));
    }

    @Test
    void shouldAnswerTheVersionsWhoseValidityOverlapsTheTimeRange() {
        VersionedKeyValueStore<String, String> store = prices();

        assertEquals(List.of(V125, V150), versions(store, between(6_000L, 9_000L).withAscendingTimestamps()),
            "1.25 began before the range and 1.50 ends after it");
        assertEquals(List.of(V150, V125), versions(store, between(6_000L, 9_000L)));
        assertEquals(List.of(V150), versions(store, between(8_000L, 8_000L)), "1.25's validTo is exclusive");
        assertEquals(List.of(V125, V110), versions(store, between(4_999L, 5_000L)), "1.25 begins at the end");
        assertEquals(List.of(), versions(store, between(10_000L, 11_999L)), "a deletion is no version");
        assertEquals(List.of(V175, V150), versions(store, between(9_999L, 12_000L)),
            "the deletion ends 1.50; 1.75 begins at the end");
        assertEquals(List.of(), versions(store, between(0L, 999L)), "before the first version");
        assertEquals(List.of(), versions(store, between(9_000L, 6_000L)), "from after to");
        assertEquals(List.of(V125, V110), versions(store, MultiVersionedKeyQuery.<String, String>withKey("apple")
            .toTime(Instant.ofEpochMilli(5_000L))), "only an upper bound");
        assertEquals(List.of(V175), versions(store, MultiVersionedKeyQuery.<String, String>withKey("apple")
            .fromTime(Instant.ofEpochMilli(10_000L))), "only a lower bound");
        assertEquals(List.of(V175), versions(store, between(50_000L, 60_000L)), "the latest is valid ever after");
    }

    @Test
    void shouldNotAnswerForTimesOlderThanTheHistoryRetention() {
        // A day-long segment: the expired version stays in memory, unswept, and the query must still skip it.
        VersionedKeyValueStore<String, String> store = versionedStore(Duration.ofMillis(10_000L), Duration.ofDays(1));
        store.put("apple", "1.10", 1_000L);
        store.put("fig", "0.30", 2_000L);
        store.put("apple", "1.25", 5_000L);
        store.put("apple", "1.50", 9_000L);
        store.put("pear", "0.80", 16_000L);
        assertEquals(5, WrappedStateStore.layer(((MeteredVersionedKeyValueStore<String, String>) store).wrapped(),
            InMemoryVersionedKeyValueStore.class).versionCount(), "1.10 expired at 6000 but is still held");

        VersionedRecord<String> v125 = new VersionedRecord<>("1.25", 5_000L, 9_000L);
        VersionedRecord<String> v150 = new VersionedRecord<>("1.50", 9_000L);
        assertEquals(List.of(v150, v125), versions(store, MultiVersionedKeyQuery.withKey("apple")),
            "stream time 16000 minus 10000: the history begins at 6000, where 1.25 was valid");
        assertEquals(List.of(v125), versions(store, between(0L, 6_000L)));
        assertEquals(List.of(), versions(store, between(0L, 5_999L)), "entirely older than the history");
        assertNull(answer(store, asOf("apple", 5_999L)));
        assertEquals(v125, answer(store, asOf("apple", 6_000L)));

        // A key's latest version never expires, as in Kafka: it answers for any time since it began.
        VersionedRecord<String> fig = new VersionedRecord<>("0.30", 2_000L);
        assertEquals(fig, answer(store, asOf("fig", 5_999L)));
        assertEquals(List.of(fig), versions(store, MultiVersionedKeyQuery.<String, String>withKey("fig")
            .fromTime(Instant.ofEpochMilli(0L)).toTime(Instant.ofEpochMilli(3_000L))));
        assertEquals(List.of(), versions(store, MultiVersionedKeyQuery.<String, String>withKey("fig")
            .fromTime(Instant.ofEpochMilli(0L)).toTime(Instant.ofEpochMilli(1_999L))), "not before it began");
        assertNull(answer(store, asOf("pear", 5_999L)), "nor does a latest version that began later");
    }

    @Test
    void shouldFailQueriesThatDoNotFitTheStore() {
        VersionedKeyValueStore<String, String> versioned = prices();
        KeyValueStore<String, String> plain = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("plain"),
            Serdes.String(), Serdes.String()).build();
        plain.init(new RecordingStoreContext(), plain);
        plain.put("apple", "1.75");

        assertUnknownQueryType(run(plain, VersionedKeyQuery.withKey("apple")));
        assertUnknownQueryType(run(plain, MultiVersionedKeyQuery.withKey("apple")));
        assertUnknownQueryType(run(versioned, KeyQuery.withKey("apple")));
        assertUnknownQueryType(run(versioned, TimestampedKeyQuery.withKey("apple")));
        assertUnknownQueryType(run(versioned, RangeQuery.withNoBounds()));
        assertEquals("1.75", answer(plain, KeyQuery.withKey("apple")), "the plain store still answers its queries");
    }

    @Test
    void shouldRefuseAClosedIterator() {
        VersionedRecordIterator<String> iterator = answer(prices(), MultiVersionedKeyQuery.withKey("apple"));
        assertEquals(V175, iterator.next());
        iterator.close();
        assertThrows(IllegalStateException.class, iterator::hasNext);
    }

    private static VersionedKeyQuery<String, String> asOf(String key, long timestamp) {
        return VersionedKeyQuery.<String, String>withKey(key).asOf(Instant.ofEpochMilli(timestamp));
    }

    private static MultiVersionedKeyQuery<String, String> between(long from, long to) {
        return MultiVersionedKeyQuery.<String, String>withKey("apple").fromTime(Instant.ofEpochMilli(from))
            .toTime(Instant.ofEpochMilli(to));
    }

    private <R> QueryResult<R> run(StateStore store, Query<R> query) {
        return runner.run(store, query, PositionBound.unbounded(), false, 0, Position.emptyPosition());
    }

    private <R> R answer(StateStore store, Query<R> query) {
        QueryResult<R> result = run(store, query);
        assertTrue(result.isSuccess(), result.toString());
        return result.getResult();
    }

    /** Returns the query's versions, closing the iterator. */
    private List<VersionedRecord<String>> versions(StateStore store, MultiVersionedKeyQuery<String, String> query) {
        List<VersionedRecord<String>> versions = new ArrayList<>();
        try (VersionedRecordIterator<String> iterator = answer(store, query)) {
            iterator.forEachRemaining(versions::add);
        }
        return versions;
    }

    private static void assertUnknownQueryType(QueryResult<?> result) {
        assertEquals(FailureReason.UNKNOWN_QUERY_TYPE, result.getFailureReason(), result.toString());
    }
}
