package dev.runnel.streams.internal.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.ManualTime;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.query.FailureReason;
import dev.runnel.streams.query.Position;
import dev.runnel.streams.query.PositionBound;
import dev.runnel.streams.query.Query;
import dev.runnel.streams.query.QueryConfig;
import dev.runnel.streams.query.QueryResult;
import dev.runnel.streams.query.RangeQuery;
import dev.runnel.streams.query.ResultOrder;
import dev.runnel.streams.query.TimestampedRangeQuery;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.NoOpStateStore;
import dev.runnel.streams.state.Stores;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Interactive Query v2 on one store partition: range order (KIP-985) and custom stores answering their own queries. */
class StoreQueryRunnerTest {
    private static final Position POSITION = Position.emptyPosition().withComponent("input", 0, 41L);

    private final StoreQueryRunner runner = new StoreQueryRunner(new ManualTime());

    /** A query only {@link WordLengthStore} knows. */
    private record WordLength(String word) implements Query<Integer> {
    }

    /** A user's store that answers {@link WordLength} itself, recording how when asked to. */
    private static final class WordLengthStore extends NoOpStateStore {
        WordLengthStore() {
            super("lengths");
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
            if (!(query instanceof WordLength length)) {
                return QueryResult.forUnknownQueryType(query, this);
            }
            QueryResult<R> result = QueryResult.forResult((R) Integer.valueOf(length.word().length()));
            if (config.isCollectExecutionInfo()) {
                result.addExecutionInfo("counted by WordLengthStore");
            }
            return result;
        }
    }

    @Test
    void shouldLetACustomStoreAnswerItsOwnQueryWithTheTaskPosition() {
        QueryResult<Integer> result = runner.run(new WordLengthStore(), new WordLength("hello"),
            PositionBound.unbounded(), true, 0, POSITION);
        assertEquals(5, result.getResult());
        assertEquals(POSITION, result.getPosition());
        assertEquals("counted by WordLengthStore", result.getExecutionInfo().get(0));
        assertEquals(2, result.getExecutionInfo().size(), "the runner's own line follows");

        QueryResult<Integer> quiet = runner.run(new WordLengthStore(), new WordLength("hi"),
            PositionBound.unbounded(), false, 0, POSITION);
        assertTrue(quiet.getExecutionInfo().isEmpty());
    }

    @Test
    void shouldAnswerUnknownQueryTypeFromAStoreThatKnowsNoQueries() {
        StateStore plain = new NoOpStateStore("plain") {
        };
        QueryResult<Integer> result = runner.run(plain, new WordLength("x"), PositionBound.unbounded(), false, 0,
            POSITION);
        assertEquals(FailureReason.UNKNOWN_QUERY_TYPE, result.getFailureReason());
        assertThrows(UnsupportedOperationException.class, plain::getPosition);
    }

    @Test
    void shouldOrderRangesAsTheQueryAsks() {
        KeyValueStore<String, Long> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("counts"),
            Serdes.String(), Serdes.Long()).build();
        store.init(new RecordingStoreContext(), store);
        store.put("a", 1L);
        store.put("b", 2L);
        store.put("c", 3L);

        RangeQuery<String, Long> any = RangeQuery.withNoBounds();
        assertEquals(ResultOrder.ANY, any.resultOrder());
        assertEquals(ResultOrder.DESCENDING, any.withDescendingKeys().resultOrder());
        assertEquals(ResultOrder.ASCENDING, any.withDescendingKeys().withAscendingKeys().resultOrder());
        assertEquals(List.of("a", "b", "c"), keys(runner.run(store, any, PositionBound.unbounded(), false, 0,
            POSITION)));
        assertEquals(List.of("c", "b", "a"), keys(runner.run(store, any.withDescendingKeys(),
            PositionBound.unbounded(), false, 0, POSITION)));
        assertEquals(List.of("a", "b", "c"), keys(runner.run(store, any.withDescendingKeys().withAscendingKeys(),
            PositionBound.unbounded(), false, 0, POSITION)));

        TimestampedRangeQuery<String, Long> timestamped = TimestampedRangeQuery.<String, Long>withRange("b", null)
            .withDescendingKeys();
        assertEquals(ResultOrder.DESCENDING, timestamped.resultOrder());
        assertEquals(ResultOrder.ASCENDING, timestamped.withAscendingKeys().resultOrder());
    }

    private static List<String> keys(QueryResult<? extends KeyValueIterator<String, ?>> result) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, ?> iterator = result.getResult()) {
            iterator.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }
}
