package dev.runnel.streams.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The query object of KIP-968: its key, optional time bounds and result order, and immutability. */
class MultiVersionedKeyQueryTest {
    private static final Instant FROM = Instant.ofEpochMilli(5_000L);
    private static final Instant TO = Instant.ofEpochMilli(9_000L);

    @Test
    void shouldHaveNoBoundsAndAnyOrderByDefault() {
        MultiVersionedKeyQuery<String, String> query = MultiVersionedKeyQuery.withKey("apple");

        assertEquals("apple", query.key());
        assertEquals(Optional.empty(), query.fromTime());
        assertEquals(Optional.empty(), query.toTime());
        assertEquals(ResultOrder.ANY, query.resultOrder(), "as in Kafka; stores answer it in descending order");
    }

    @Test
    void shouldKeepEachOptionWhenAnotherIsSet() {
        MultiVersionedKeyQuery<String, String> base = MultiVersionedKeyQuery.withKey("apple");
        MultiVersionedKeyQuery<String, String> query = base.fromTime(FROM).toTime(TO).withAscendingTimestamps();

        assertEquals("apple", query.key());
        assertEquals(Optional.of(FROM), query.fromTime());
        assertEquals(Optional.of(TO), query.toTime());
        assertEquals(ResultOrder.ASCENDING, query.resultOrder());
        MultiVersionedKeyQuery<String, String> descending = query.withDescendingTimestamps();
        assertEquals(ResultOrder.DESCENDING, descending.resultOrder());
        assertEquals(Optional.of(FROM), descending.fromTime());
        assertEquals(Optional.of(TO), descending.toTime());
        assertEquals(Optional.empty(), base.fromTime(), "every option returns a new query");
        assertEquals(ResultOrder.ANY, base.resultOrder());
    }

    @Test
    void shouldOpenABoundSetToNullAndRefuseANullKey() {
        MultiVersionedKeyQuery<String, String> query = MultiVersionedKeyQuery.<String, String>withKey("apple")
            .fromTime(FROM).toTime(TO).fromTime(null).toTime(null);

        assertEquals(Optional.empty(), query.fromTime());
        assertEquals(Optional.empty(), query.toTime());
        assertThrows(NullPointerException.class, () -> MultiVersionedKeyQuery.withKey(null));
    }
}
