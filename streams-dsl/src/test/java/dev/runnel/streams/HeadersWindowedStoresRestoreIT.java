package dev.runnel.streams;

import static dev.runnel.streams.integration.HeadersStoreTopology.assertOneChangeWithTraceHeaders;
import static dev.runnel.streams.integration.HeadersStoreTopology.traceHeaders;
import static dev.runnel.streams.integration.HeadersWindowedStoresTopology.SESSIONS;
import static dev.runnel.streams.integration.HeadersWindowedStoresTopology.WINDOWS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.integration.HeadersWindowedStoresTopology;
import dev.runnel.streams.integration.RestoreCounters;
import dev.runnel.streams.state.AggregationWithHeaders;
import dev.runnel.streams.state.QueryableStoreTypes;
import dev.runnel.streams.state.ReadOnlySessionStore;
import dev.runnel.streams.state.ReadOnlyWindowStore;
import dev.runnel.streams.state.ValueTimestampHeaders;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * KIP-1271 headers-aware window and session stores on the embedded log: interactive queries return the headers, the
 * changelogs hold them as record headers beside the values, and a restart without local state restores them from
 * the changelogs.
 * Waits are on conditions only, with no time limit (a paused machine only makes them slower).
 */
class HeadersWindowedStoresRestoreIT {
    private static final String APP = "headers-windowed-it";
    private static final ValueTimestampHeaders<String> WINDOW_VALUE =
        ValueTimestampHeaders.make("v1", 1_500L, traceHeaders("t1"));
    private static final AggregationWithHeaders<String> SESSION_VALUE =
        AggregationWithHeaders.make("v1", traceHeaders("t1"));

    @TempDir
    Path root;

    @ParameterizedTest(name = "caching={0}")
    @ValueSource(booleans = {false, true})
    void shouldQueryLogAndRestoreHeaders(boolean caching) {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("events", 1);
        log.produce(List.of(new ProducerRecord<>("events", null, 1_500L, "k", "v1", traceHeaders("t1"))),
            Serdes.String().serializer(), Serdes.String().serializer());

        try (KafkaStreams streams = start(log, caching, null)) {
            assertStoresHoldTheHeaders(streams);
            ReadOnlyWindowStore<String, String> plainWindows = streams.store(
                StoreQueryParameters.fromNameAndType(WINDOWS, QueryableStoreTypes.windowStore()));
            assertEquals("v1", plainWindows.fetch("k", 1_000L), "the plain window type reads the value alone");
            ReadOnlySessionStore<String, String> plainSessions = streams.store(
                StoreQueryParameters.fromNameAndType(SESSIONS, QueryableStoreTypes.sessionStore()));
            assertEquals("v1", plainSessions.fetchSession("k", 1_500L, 1_500L),
                "the plain session type reads the aggregate alone");
        }

        assertEquals(1_500L, assertOneChangeWithTraceHeaders(changes(log, WINDOWS), "v1", "t1").timestamp());
        // The session changelog holds the aggregate alone, with its headers.
        assertOneChangeWithTraceHeaders(changes(log, SESSIONS), "v1", "t1");

        EmbeddedLogFixture.deleteLocalState(HeadersWindowedStoresTopology.build("events", caching),
            log.streamsProps(APP));
        AtomicLong restored = new AtomicLong();
        try (KafkaStreams streams = start(log, caching, restored)) {
            assertStoresHoldTheHeaders(streams);
            assertEquals(2, restored.get(), "one value came back from each changelog");
        }
    }

    private static KafkaStreams start(EmbeddedLogFixture log, boolean caching, AtomicLong restored) {
        KafkaStreams streams = new KafkaStreams(HeadersWindowedStoresTopology.build("events", caching),
            log.streamsProps(APP));
        if (restored != null) {
            streams.setGlobalStateRestoreListener(new RestoreCounters.CountingListener(restored));
        }
        streams.start();
        EmbeddedLogFixture.awaitRunning(streams);
        return streams;
    }

    private static void assertStoresHoldTheHeaders(KafkaStreams streams) {
        ReadOnlyWindowStore<String, ValueTimestampHeaders<String>> windows = streams.store(
            StoreQueryParameters.fromNameAndType(WINDOWS, QueryableStoreTypes.timestampedWindowStoreWithHeaders()));
        ReadOnlySessionStore<String, AggregationWithHeaders<String>> sessions = streams.store(
            StoreQueryParameters.fromNameAndType(SESSIONS, QueryableStoreTypes.sessionStoreWithHeaders()));
        EmbeddedLogFixture.await(() -> windows.fetch("k", 1_000L) != null
            && sessions.fetchSession("k", 1_500L, 1_500L) != null, Duration.ofSeconds(15), "both stores to hold k");
        assertEquals(WINDOW_VALUE, windows.fetch("k", 1_000L));
        assertEquals(SESSION_VALUE, sessions.fetchSession("k", 1_500L, 1_500L));
    }

    private static List<ConsumerRecord<byte[], byte[]>> changes(EmbeddedLogFixture log, String store) {
        return log.readAll(APP + "-" + store + "-changelog", Serdes.ByteArray().deserializer(),
            Serdes.ByteArray().deserializer(), false);
    }
}
