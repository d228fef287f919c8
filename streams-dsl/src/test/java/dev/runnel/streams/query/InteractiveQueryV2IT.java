package dev.runnel.streams.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.KafkaStreams;
import dev.runnel.streams.StreamsBuilder;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.errors.StreamsNotStartedException;
import dev.runnel.streams.errors.StreamsStoppedException;
import dev.runnel.streams.errors.UnknownStateStoreException;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.KGroupedStream;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.SessionWindows;
import dev.runnel.streams.kstream.TimeWindows;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.ValueAndTimestamp;
import dev.runnel.streams.state.WindowStoreIterator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interactive Query v2 on a running client: a count, a one-minute windowed count and a session count over a
 * two-partition topic whose keys are placed by partition (alice and bob in 0, carol and dave in 1).
 */
class InteractiveQueryV2IT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final long MINUTE = 60_000L;

    @TempDir
    Path root;

    @Test
    void shouldAnswerKeyAndRangeQueriesPerPartition() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        try (KafkaStreams streams = startCounting(log, log.streamsProps("iq2-key-range"))) {
            produceClicks(log);
            log.awaitProcessed("iq2-key-range", List.of("clicks"), TIMEOUT);

            StateQueryResult<Long> alice = streams.query(inCounts(KeyQuery.withKey("alice")));
            assertEquals(Set.of(0, 1), alice.getPartitionResults().keySet(), "every local partition answers");
            assertEquals(3L, alice.getPartitionResults().get(0).getResult());
            assertNull(alice.getPartitionResults().get(1).getResult(), "alice is not in partition 1");
            assertEquals(3L, alice.getOnlyPartitionResult().getResult());
            assertNull(alice.getGlobalResult());
            assertEquals(Map.of(0, 3L),
                alice.getPartitionResults().get(0).getPosition().getPartitionPositions("clicks"),
                "a store is at the offset of the last record its task processed");
            assertEquals(Map.of(0, 3L, 1, 2L), alice.getPosition().getPartitionPositions("clicks"));

            StateQueryResult<KeyValueIterator<String, Long>> all = streams.query(inCounts(RangeQuery.withNoBounds()));
            assertEquals(Map.of(0, List.of("alice=3", "bob=1"), 1, List.of("carol=2", "dave=1")), entries(all));
            assertEquals(Map.of(0, List.of("bob=1"), 1, List.of("carol=2")),
                entries(streams.query(inCounts(RangeQuery.withRange("b", "carol")))));
            assertEquals(Map.of(0, List.of("bob=1", "alice=3"), 1, List.of("dave=1", "carol=2")),
                entries(streams.query(inCounts(RangeQuery.<String, Long>withNoBounds().withDescendingKeys()))));
            assertEquals(Map.of(0, List.of("bob=1"), 1, List.of("carol=2", "dave=1")),
                entries(streams.query(inCounts(RangeQuery.withLowerBound("b")))));
            assertEquals(Map.of(0, List.of("alice=3", "bob=1"), 1, List.of()),
                entries(streams.query(inCounts(RangeQuery.withUpperBound("bz")))));

            assertEquals(ValueAndTimestamp.make(3L, MINUTE + 10_000L),
                streams.query(inCounts(TimestampedKeyQuery.<String, Long>withKey("alice")))
                    .getOnlyPartitionResult().getResult());
            StateQueryResult<KeyValueIterator<String, ValueAndTimestamp<Long>>> stamped = streams.query(
                inCounts(TimestampedRangeQuery.<String, Long>withNoBounds()).withPartitions(Set.of(1)));
            assertEquals(Map.of(1, List.of("carol=" + ValueAndTimestamp.make(2L, 20_000L),
                "dave=" + ValueAndTimestamp.make(1L, 5_000L))), entries(stamped));
        }
    }

    @Test
    void shouldRestrictAQueryToTheRequestedPartitions() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        try (KafkaStreams streams = startCounting(log, log.streamsProps("iq2-partitions"))) {
            produceClicks(log);
            log.awaitProcessed("iq2-partitions", List.of("clicks"), TIMEOUT);

            StateQueryResult<Long> carol = streams.query(inCounts(KeyQuery.<String, Long>withKey("carol"))
                .withPartitions(Set.of(1)).requireActive().enableExecutionInfo());
            assertEquals(Set.of(1), carol.getPartitionResults().keySet());
            assertEquals(2L, carol.getOnlyPartitionResult().getResult());
            assertFalse(carol.getOnlyPartitionResult().getExecutionInfo().isEmpty(), "execution info was asked for");

            StateQueryResult<KeyValueIterator<String, Long>> elsewhere = streams.query(
                inCounts(RangeQuery.<String, Long>withNoBounds()).withPartitions(Set.of(0, 7)));
            assertEquals(Set.of(0, 7), elsewhere.getPartitionResults().keySet());
            assertEquals(FailureReason.NOT_PRESENT, elsewhere.getPartitionResults().get(7).getFailureReason());
            elsewhere.getPartitionResults().get(0).getResult().close();

            StateQueryResult<KeyValueIterator<String, Long>> everywhere = streams.query(
                inCounts(RangeQuery.<String, Long>withNoBounds()).withPartitions(Set.of(0)).withAllPartitions());
            assertEquals(Map.of(0, List.of("alice=3", "bob=1"), 1, List.of("carol=2", "dave=1")),
                entries(everywhere));
        }
    }

    @Test
    void shouldAnswerWindowQueriesOnWindowAndSessionStores() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        try (KafkaStreams streams = startCounting(log, log.streamsProps("iq2-windows"))) {
            produceClicks(log);
            log.awaitProcessed("iq2-windows", List.of("clicks"), TIMEOUT);

            StateQueryResult<WindowStoreIterator<Long>> alice = streams.query(StateQueryRequest.inStore("windowed")
                .withQuery(WindowKeyQuery.<String, Long>withKeyAndWindowStartRange("alice", Instant.EPOCH,
                    Instant.ofEpochMilli(2 * MINUTE))));
            assertEquals(Set.of(0, 1), alice.getPartitionResults().keySet());
            assertEquals(List.of("0=2", MINUTE + "=1"), windows(alice.getPartitionResults().get(0).getResult()));
            assertEquals(List.of(), windows(alice.getPartitionResults().get(1).getResult()));
            assertEquals(List.of(MINUTE + "=1"), windows(streams.query(StateQueryRequest.inStore("windowed")
                .withQuery(WindowKeyQuery.<String, Long>withKeyAndWindowStartRange("alice",
                    Instant.ofEpochMilli(1), Instant.ofEpochMilli(2 * MINUTE)))).getPartitionResults().get(0)
                .getResult()));

            StateQueryResult<KeyValueIterator<Windowed<String>, Long>> firstMinute = streams.query(
                StateQueryRequest.inStore("windowed").withQuery(WindowRangeQuery.<String, Long>withWindowStartRange(
                    Instant.EPOCH, Instant.ofEpochMilli(MINUTE - 1))));
            assertEquals(Map.of(0, List.of("alice@0=2", "bob@0=1"), 1, List.of("carol@0=2", "dave@0=1")),
                windowedEntries(firstMinute, false));

            StateQueryResult<KeyValueIterator<Windowed<String>, Long>> sessions = streams.query(
                StateQueryRequest.inStore("sessions").withQuery(WindowRangeQuery.<String, Long>withKey("alice")));
            assertEquals(Map.of(0, List.of("alice@0-" + (MINUTE + 10_000L) + "=3"), 1, List.of()),
                windowedEntries(sessions, true));
        }
    }

    @Test
    void shouldFailQueriesTheStoreCannotRunAndUnknownStores() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        StateQueryRequest<Long> aliceCount = inCounts(KeyQuery.withKey("alice"));
        KafkaStreams streams = startCounting(log, log.streamsProps("iq2-failures"));
        try (streams) {
            produceClicks(log);
            log.awaitProcessed("iq2-failures", List.of("clicks"), TIMEOUT);

            assertEquals("Cannot get state store nope because no such store is registered in the topology.",
                assertThrows(UnknownStateStoreException.class, () -> streams.query(StateQueryRequest.inStore("nope")
                    .withQuery(KeyQuery.withKey("alice")))).getMessage());

            assertFailedEverywhere(FailureReason.UNKNOWN_QUERY_TYPE, streams.query(StateQueryRequest
                .inStore("windowed").withQuery(KeyQuery.withKey("alice"))));
            assertFailedEverywhere(FailureReason.UNKNOWN_QUERY_TYPE, streams.query(StateQueryRequest
                .inStore("windowed").withQuery(WindowRangeQuery.withKey("alice"))));
            assertFailedEverywhere(FailureReason.UNKNOWN_QUERY_TYPE, streams.query(StateQueryRequest
                .inStore("sessions").withQuery(WindowRangeQuery.withWindowStartRange(Instant.EPOCH, Instant.EPOCH))));
            assertFailedEverywhere(FailureReason.UNKNOWN_QUERY_TYPE, streams.query(inCounts(
                WindowKeyQuery.withKeyAndWindowStartRange("alice", Instant.EPOCH, Instant.EPOCH))));
            assertFailedEverywhere(FailureReason.UNKNOWN_QUERY_TYPE, streams.query(inCounts(new Query<String>() { })));
            String message = streams.query(StateQueryRequest.inStore("windowed").withQuery(KeyQuery.withKey("alice")))
                .getPartitionResults().get(0).getFailureMessage();
            assertTrue(message.contains("doesn't know how to execute"), message);

            StateQueryResult<Long> ahead = streams.query(aliceCount.withPositionBound(PositionBound.at(
                Position.emptyPosition().withComponent("clicks", 0, 100L))));
            assertEquals(FailureReason.NOT_UP_TO_BOUND, ahead.getPartitionResults().get(0).getFailureReason(),
                "partition 0 has not reached offset 100");
            assertTrue(ahead.getPartitionResults().get(1).isSuccess(), "the bound says nothing of partition 1");
            Position reached = Position.fromMap(Map.of("clicks", Map.of(0, 3L, 1, 2L)));
            assertEquals(3L, streams.query(aliceCount.withPositionBound(PositionBound.at(reached)))
                .getOnlyPartitionResult().getResult());
            assertEquals(3L, streams.query(aliceCount.withPositionBound(PositionBound.at(Position.emptyPosition())))
                .getOnlyPartitionResult().getResult());
        }
        assertEquals("KafkaStreams has been stopped (NOT_RUNNING). This instance can no longer serve queries.",
            assertThrows(StreamsStoppedException.class, () -> streams.query(aliceCount)).getMessage());
    }

    @Test
    void shouldReadItsOwnWriteOnceTheBoundIsMet() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        try (KafkaStreams streams = startCounting(log, log.streamsProps("iq2-bound"))) {
            produceClicks(log);
            // Partition 0 holds 4 clicks (offsets 0-3): this one is at offset 4.
            log.produce(List.of(new ProducerRecord<>("clicks", 0, MINUTE + 20_000L, "alice", "/bye")),
                Serdes.String().serializer(), Serdes.String().serializer());
            StateQueryRequest<Long> afterTheWrite = inCounts(KeyQuery.<String, Long>withKey("alice"))
                .withPartitions(Set.of(0))
                .withPositionBound(PositionBound.at(Position.emptyPosition().withComponent("clicks", 0, 4L)));
            long[] count = {-1L};
            EmbeddedLogFixture.await(() -> {
                QueryResult<Long> answer = streams.query(afterTheWrite).getPartitionResults().get(0);
                if (answer.isFailure()) {
                    assertEquals(FailureReason.NOT_UP_TO_BOUND, answer.getFailureReason(), answer.toString());
                    return false;
                }
                count[0] = answer.getResult();
                return true;
            }, TIMEOUT, "the store reaching the write's offset");
            assertEquals(4L, count[0], "a store that met the bound reflects the write");
        }
    }

    @Test
    void shouldRejectAQueryBeforeStart() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("clicks", 2);
        try (KafkaStreams streams = new KafkaStreams(countingTopology().build(), log.streamsProps("iq2-created"))) {
            assertThrows(StreamsNotStartedException.class, () -> streams.query(inCounts(KeyQuery.withKey("alice"))));
        }
    }

    @Test
    void shouldSeeUpdatesStillInTheRecordCacheUnlessTheQuerySkipsIt() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        Properties props = log.streamsProps("iq2-cache");
        // No commit during the test: the counts stay in the record cache, unwritten to the store below it.
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.MAX_VALUE / 2);
        try (KafkaStreams streams = startCounting(log, props)) {
            produceClicks(log);
            // The last click of each partition: carol's second, alice's third.
            EmbeddedLogFixture.await(() -> Long.valueOf(2L).equals(streams.query(inCounts(
                KeyQuery.<String, Long>withKey("carol"))).getPartitionResults().get(1).getResult()),
                TIMEOUT, "carol to be counted");
            EmbeddedLogFixture.await(() -> Long.valueOf(3L).equals(streams.query(inCounts(
                KeyQuery.<String, Long>withKey("alice"))).getPartitionResults().get(0).getResult()),
                TIMEOUT, "alice to be counted");

            StateQueryResult<Long> belowCache = streams.query(inCounts(KeyQuery.<String, Long>withKey("alice")
                .skipCache()));
            assertNull(belowCache.getPartitionResults().get(0).getResult(), "not written down yet");
            assertEquals(Map.of(0, List.of("alice=3", "bob=1"), 1, List.of("carol=2", "dave=1")),
                entries(streams.query(inCounts(RangeQuery.withNoBounds()))));
        }
    }

    private static <R> StateQueryRequest<R> inCounts(Query<R> query) {
        return StateQueryRequest.inStore("counts").withQuery(query);
    }

    private static StreamsBuilder countingTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        KGroupedStream<String, String> clicks = builder.stream("clicks", Consumed.with(Serdes.String(),
            Serdes.String())).groupByKey();
        clicks.count(Materialized.as("counts"));
        // A grace (so a retention) longer than the test's time span: no window expires.
        clicks.windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMinutes(1), Duration.ofMinutes(5)))
            .count(Materialized.as("windowed"));
        clicks.windowedBy(SessionWindows.ofInactivityGapWithNoGrace(Duration.ofMinutes(5)))
            .count(Materialized.as("sessions"));
        return builder;
    }

    private static KafkaStreams startCounting(EmbeddedLogFixture log, Properties props) {
        log.createTopic("clicks", 2);
        KafkaStreams streams = new KafkaStreams(countingTopology().build(), props);
        streams.start();
        EmbeddedLogFixture.awaitRunning(streams);
        return streams;
    }

    /** Produces the clicks, each to the partition of its key, in timestamp order per key. */
    private static void produceClicks(EmbeddedLogFixture log) {
        List<ProducerRecord<String, String>> clicks = List.of(
            new ProducerRecord<>("clicks", 0, 0L, "alice", "/home"),
            new ProducerRecord<>("clicks", 0, 30_000L, "bob", "/home"),
            new ProducerRecord<>("clicks", 0, 40_000L, "alice", "/cart"),
            new ProducerRecord<>("clicks", 0, MINUTE + 10_000L, "alice", "/pay"),
            new ProducerRecord<>("clicks", 1, 5_000L, "dave", "/home"),
            new ProducerRecord<>("clicks", 1, 10_000L, "carol", "/home"),
            new ProducerRecord<>("clicks", 1, 20_000L, "carol", "/faq"));
        log.produce(clicks, Serdes.String().serializer(), Serdes.String().serializer());
    }

    private static void assertFailedEverywhere(FailureReason reason, StateQueryResult<?> result) {
        assertEquals(Set.of(0, 1), result.getPartitionResults().keySet());
        result.getPartitionResults().values().forEach(partition -> assertEquals(reason,
            partition.getFailureReason(), partition.toString()));
    }

    /** Returns each partition's entries as "key=value", closing the iterators. */
    private static <V> Map<Integer, List<String>> entries(StateQueryResult<KeyValueIterator<String, V>> result) {
        Map<Integer, List<String>> entries = new TreeMap<>();
        result.getPartitionResults().forEach((partition, answer) -> {
            List<String> list = new ArrayList<>();
            try (KeyValueIterator<String, V> iterator = answer.getResult()) {
                iterator.forEachRemaining(entry -> list.add(entry.key + "=" + entry.value));
            }
            entries.put(partition, list);
        });
        return entries;
    }

    /** Returns each partition's windows as "key@start=value" (sessions "key@start-end=value"), sorted. */
    private static Map<Integer, List<String>> windowedEntries(
        StateQueryResult<KeyValueIterator<Windowed<String>, Long>> result, boolean sessions) {
        Map<Integer, List<String>> entries = new TreeMap<>();
        result.getPartitionResults().forEach((partition, answer) -> {
            List<String> list = new ArrayList<>();
            try (KeyValueIterator<Windowed<String>, Long> iterator = answer.getResult()) {
                iterator.forEachRemaining(entry -> list.add(entry.key.key() + "@" + entry.key.window().start()
                    + (sessions ? "-" + entry.key.window().end() : "") + "=" + entry.value));
            }
            list.sort(null);
            entries.put(partition, list);
        });
        return entries;
    }


    private static List<String> windows(WindowStoreIterator<Long> iterator) {
        List<String> list = new ArrayList<>();
        try (iterator) {
            iterator.forEachRemaining(entry -> list.add(entry.key + "=" + entry.value));
        }
        return list;
    }
}
