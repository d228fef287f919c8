package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.KGroupedStream;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.SessionWindows;
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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Changing {@code dsl.store.format} over existing changelogs, as Kafka Streams 4.3 allows: a count, a windowed count
 * and a session count run under one format, stop, with or without losing their local state, and restart under the
 * other; their stores restore from what the first format logged (rows without headers come back with empty headers)
 * and the counts go on from there.
 */
class DslStoreFormatSwitchIT {
    private static final String APP = "dsl-store-format-switch-it";
    private static final String COUNTS = "counts";
    private static final String WINDOWED = "windowed";
    private static final String SESSIONS = "sessions";
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
        try (KafkaStreams streams = start(log, before)) {
            awaitCounts(streams, 2L);
        }

        if (!keepLocalState) {
            KafkaStreams cleaner = new KafkaStreams(topology(), props(log, after));
            cleaner.cleanUp(); // no local state left: the restart must restore from the changelogs
            cleaner.close();
        }
        // With local state kept, the count's snapshot holds the old format's values: it is not loaded, and the
        // store restores from its changelog instead.
        try (KafkaStreams streams = start(log, after)) {
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

    private static Topology topology() {
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

    private static Properties props(EmbeddedLogFixture log, String format) {
        Properties props = log.streamsProps(APP);
        props.put(StreamsConfig.DSL_STORE_FORMAT_CONFIG, format);
        return props;
    }

    private static KafkaStreams start(EmbeddedLogFixture log, String format) {
        KafkaStreams streams = new KafkaStreams(topology(), props(log, format));
        streams.start();
        EmbeddedLogFixture.awaitRunning(streams);
        return streams;
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
}
