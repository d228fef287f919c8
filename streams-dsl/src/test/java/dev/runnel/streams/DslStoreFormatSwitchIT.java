package dev.runnel.streams;

import static dev.runnel.streams.integration.HeadersStoreTopology.traceHeaders;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.header.Headers;
import dev.runnel.common.header.internals.RecordHeaders;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.JoinWindows;
import dev.runnel.streams.kstream.KGroupedStream;
import dev.runnel.streams.kstream.KStream;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.kstream.SessionWindows;
import dev.runnel.streams.kstream.StreamJoined;
import dev.runnel.streams.kstream.TimeWindows;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.QueryableStoreTypes;
import dev.runnel.streams.state.ReadOnlyKeyValueStore;
import dev.runnel.streams.state.ReadOnlySessionStore;
import dev.runnel.streams.state.ReadOnlyWindowStore;
import dev.runnel.streams.state.SessionStore;
import dev.runnel.streams.state.ValueTimestampHeaders;
import dev.runnel.streams.state.WindowStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Supplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Changing {@code dsl.store.format} over existing changelogs, as Kafka Streams 4.3 allows: a count, a windowed count
 * and a session count, or an inner and an outer stream-stream join, run under one format, stop, with or without
 * losing their local state, and restart under the other; their stores restore from what the first format logged
 * (rows without headers come back with empty headers) and the counts and joins go on from there.
 */
class DslStoreFormatSwitchIT {
    private static final String APP = "dsl-store-format-switch-it";
    private static final String COUNTS = "counts";
    private static final String WINDOWED = "windowed";
    private static final String SESSIONS = "sessions";
    private static final String LEFT = "left";
    private static final String RIGHT = "right";
    private static final String INNER_JOINED = "inner-joined";
    private static final String OUTER_JOINED = "outer-joined";
    private static final String INNER_STORE = "inner-this-join-store";
    private static final String OUTER_STORE = "outer-outer-this-join-store";
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path root;

    @ParameterizedTest(name = "{0} to {1}, local state kept: {2}")
    @CsvSource({"DEFAULT, HEADERS, false", "HEADERS, DEFAULT, false", "DEFAULT, HEADERS, true",
        "HEADERS, DEFAULT, true"})
    void shouldRestoreWhatTheOtherFormatLoggedAndCountOn(String before, String after, boolean keepLocalState) {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("words", 1);
        produce(log, 1_000L);
        produce(log, 2_000L);
        try (KafkaStreams streams = start(DslStoreFormatSwitchIT::counts, log, before)) {
            awaitCounts(streams, 2L);
        }

        if (!keepLocalState) {
            cleanUp(DslStoreFormatSwitchIT::counts, log);
        }
        // With local state kept, the count's snapshot holds the old format's values: it is not loaded, and the
        // store restores from its changelog instead.
        try (KafkaStreams streams = start(DslStoreFormatSwitchIT::counts, log, after)) {
            awaitCounts(streams, 2L);
            produce(log, 3_000L);
            awaitCounts(streams, 3L);
            if (after.equals(StreamsConfig.DSL_STORE_FORMAT_HEADERS)) {
                ReadOnlyKeyValueStore<String, ValueTimestampHeaders<Long>> counts = streams.store(
                    StoreQueryParameters.fromNameAndType(COUNTS,
                        QueryableStoreTypes.timestampedKeyValueStoreWithHeaders()));
                assertEquals(0, counts.get("k").headers().toArray().length, "a count keeps no headers");
            }
        }
    }

    /**
     * Left records "l1" (key k) and "x1" (key j) at 1 s go into the join windows under the first format; under the
     * second, right records at 2 s (key k) and 30 s (key k, closing the 10-second windows of 1 s) must join "l1"
     * from the restored windows, and the outer join must emit "x1" alone from its restored buffer.
     */
    @ParameterizedTest(name = "{0} to {1}, local state kept: {2}")
    @CsvSource({"DEFAULT, HEADERS, false", "HEADERS, DEFAULT, false", "DEFAULT, HEADERS, true",
        "HEADERS, DEFAULT, true"})
    void shouldRestoreWhatTheOtherFormatLoggedAndJoinOn(String before, String after, boolean keepLocalState) {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        for (String topic : List.of(LEFT, RIGHT, INNER_JOINED, OUTER_JOINED)) {
            log.createTopic(topic, 1);
        }
        produce(log, LEFT, "k", "l1", 1_000L);
        produce(log, LEFT, "j", "x1", 1_000L);
        try (KafkaStreams streams = start(DslStoreFormatSwitchIT::joins, log, before)) {
            ReadOnlyWindowStore<String, String> inner = streams.store(
                StoreQueryParameters.fromNameAndType(INNER_STORE, QueryableStoreTypes.windowStore()));
            ReadOnlyWindowStore<String, String> outer = streams.store(
                StoreQueryParameters.fromNameAndType(OUTER_STORE, QueryableStoreTypes.windowStore()));
            EmbeddedLogFixture.await(() -> "x1".equals(inner.fetch("j", 1_000L))
                && "x1".equals(outer.fetch("j", 1_000L)), WAIT, "the left records to reach the join windows");
        }

        if (!keepLocalState) {
            cleanUp(DslStoreFormatSwitchIT::joins, log);
        }
        // Join windows have no snapshots and always restore from their changelogs; with local state kept, the outer
        // join's buffer loads its snapshot, whose layout is the same under both formats.
        try (KafkaStreams streams = start(DslStoreFormatSwitchIT::joins, log, after)) {
            produce(log, RIGHT, "k", "r1", 2_000L);
            produce(log, RIGHT, "k", "r2", 30_000L);
            EmbeddedLogFixture.await(() -> joined(log, INNER_JOINED).size() == 1
                && joined(log, OUTER_JOINED).size() == 2, WAIT, "the restored windows to join the right records");
            assertEquals(List.of("l1+r1"), joined(log, INNER_JOINED));
            assertEquals(List.of("l1+r1", "x1+null"), joined(log, OUTER_JOINED));
            if (after.equals(StreamsConfig.DSL_STORE_FORMAT_HEADERS)) {
                ReadOnlyWindowStore<String, ValueTimestampHeaders<String>> window = streams.store(
                    StoreQueryParameters.fromNameAndType(INNER_STORE,
                        QueryableStoreTypes.timestampedWindowStoreWithHeaders()));
                Headers kept = before.equals(StreamsConfig.DSL_STORE_FORMAT_HEADERS) ? traceHeaders("l1")
                    : new RecordHeaders();
                assertEquals(ValueTimestampHeaders.make("l1", 1_000L, kept), window.fetch("k", 1_000L),
                    "the restored record keeps its timestamp, and its headers if they were logged");
            }
        }
    }

    private static Topology counts() {
        StreamsBuilder builder = new StreamsBuilder();
        KGroupedStream<String, String> words =
            builder.stream("words", Consumed.with(Serdes.String(), Serdes.String())).groupByKey();
        words.count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(COUNTS));
        words.windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofSeconds(10)))
            .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as(WINDOWED));
        words.windowedBy(SessionWindows.ofInactivityGapWithNoGrace(Duration.ofSeconds(10)))
            .count(Materialized.<String, Long, SessionStore<Bytes, byte[]>>as(SESSIONS));
        return builder.build();
    }

    /** Inner and outer joins of "left" and "right" within 10 seconds, without grace, joining values as "l+r". */
    private static Topology joins() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> left = builder.stream(LEFT, Consumed.with(Serdes.String(), Serdes.String()));
        KStream<String, String> right = builder.stream(RIGHT, Consumed.with(Serdes.String(), Serdes.String()));
        JoinWindows windows = JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofSeconds(10));
        left.join(right, (l, r) -> l + "+" + r, windows, StreamJoined.<String, String, String>as("inner")
                .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()).withOtherValueSerde(Serdes.String()))
            .to(INNER_JOINED, Produced.with(Serdes.String(), Serdes.String()));
        left.outerJoin(right, (l, r) -> l + "+" + r, windows, StreamJoined.<String, String, String>as("outer")
                .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()).withOtherValueSerde(Serdes.String()))
            .to(OUTER_JOINED, Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    private static Properties props(EmbeddedLogFixture log, String format) {
        Properties props = log.streamsProps(APP);
        props.put(StreamsConfig.DSL_STORE_FORMAT_CONFIG, format);
        // The outer join looks for expired unmatched records at most once a second of wall-clock time by default, as
        // Kafka's does; the right records here come within a second of each other, so the second one would not look.
        props.put(StreamsConfig.InternalConfig.EMIT_INTERVAL_MS_KSTREAMS_OUTER_JOIN_SPURIOUS_RESULTS_FIX, 0L);
        return props;
    }

    private static KafkaStreams start(Supplier<Topology> topology, EmbeddedLogFixture log, String format) {
        KafkaStreams streams = new KafkaStreams(topology.get(), props(log, format));
        streams.start();
        EmbeddedLogFixture.awaitRunning(streams);
        return streams;
    }

    /** Deletes the local state, so that the restart must restore from the changelogs. */
    private static void cleanUp(Supplier<Topology> topology, EmbeddedLogFixture log) {
        EmbeddedLogFixture.deleteLocalState(topology.get(), log.streamsProps(APP));
    }

    /** Waits until the count, the count of window [0, 10 s) and the count of the key's one session are {@code n}. */
    private static void awaitCounts(KafkaStreams streams, long n) {
        ReadOnlyKeyValueStore<String, Long> counts = streams.store(
            StoreQueryParameters.fromNameAndType(COUNTS, QueryableStoreTypes.keyValueStore()));
        ReadOnlyWindowStore<String, Long> windowed = streams.store(
            StoreQueryParameters.fromNameAndType(WINDOWED, QueryableStoreTypes.windowStore()));
        ReadOnlySessionStore<String, Long> sessions = streams.store(
            StoreQueryParameters.fromNameAndType(SESSIONS, QueryableStoreTypes.sessionStore()));
        EmbeddedLogFixture.await(() -> Objects.equals(n, counts.get("k")) && Objects.equals(n, windowed.fetch("k", 0L))
            && Objects.equals(n, sessions.fetchSession("k", 1_000L, 1_000L + (n - 1) * 1_000L)), WAIT,
            "the counts to reach " + n);
    }

    private static void produce(EmbeddedLogFixture log, long timestamp) {
        log.produce(List.of(new ProducerRecord<>("words", null, timestamp, "k", "w")),
            Serdes.String().serializer(), Serdes.String().serializer());
    }

    /** Produces {@code value} to {@code topic}, with a "trace" header naming the value. */
    private static void produce(EmbeddedLogFixture log, String topic, String key, String value, long timestamp) {
        log.produce(List.of(new ProducerRecord<>(topic, null, timestamp, key, value, traceHeaders(value))),
            Serdes.String().serializer(), Serdes.String().serializer());
    }

    private static List<String> joined(EmbeddedLogFixture log, String topic) {
        return log.readAll(topic, Serdes.String().deserializer(), Serdes.String().deserializer(), false).stream()
            .map(ConsumerRecord::value).toList();
    }
}
