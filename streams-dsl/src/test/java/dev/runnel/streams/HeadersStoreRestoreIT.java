package dev.runnel.streams;

import static dev.runnel.streams.integration.HeadersStoreTopology.STORE;
import static dev.runnel.streams.integration.HeadersStoreTopology.assertOneChangeWithTraceHeaders;
import static dev.runnel.streams.integration.HeadersStoreTopology.traceHeaders;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.integration.HeadersStoreTopology;
import dev.runnel.streams.integration.RestoreCounters;
import dev.runnel.streams.state.QueryableStoreTypes;
import dev.runnel.streams.state.ReadOnlyKeyValueStore;
import dev.runnel.streams.state.ValueTimestampHeaders;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A KIP-1271 headers-aware store on the embedded log: interactive queries return the headers, the changelog holds
 * them as record headers beside the timestamped value, and a restart without local state restores them from the
 * changelog.
 */
class HeadersStoreRestoreIT {
    private static final String APP = "headers-it";

    @TempDir
    Path root;

    @ParameterizedTest(name = "caching={0}")
    @ValueSource(booleans = {false, true})
    void shouldQueryLogAndRestoreHeaders(boolean caching) {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("events", 1);
        log.produce(List.of(new ProducerRecord<>("events", null, 1_000L, "k", "v1", traceHeaders("t1"))),
            Serdes.String().serializer(), Serdes.String().serializer());
        ValueTimestampHeaders<String> expected = ValueTimestampHeaders.make("v1", 1_000L, traceHeaders("t1"));

        try (KafkaStreams streams = new KafkaStreams(HeadersStoreTopology.build("events", caching),
            log.streamsProps(APP))) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            ReadOnlyKeyValueStore<String, ValueTimestampHeaders<String>> store = streams.store(
                StoreQueryParameters.fromNameAndType(STORE, QueryableStoreTypes.timestampedKeyValueStoreWithHeaders()));
            EmbeddedLogFixture.await(() -> store.get("k") != null, Duration.ofSeconds(15), "k in the store");
            assertEquals(expected, store.get("k"));
            ReadOnlyKeyValueStore<String, String> plain = streams.store(
                StoreQueryParameters.fromNameAndType(STORE, QueryableStoreTypes.keyValueStore()));
            assertEquals("v1", plain.get("k"), "the plain query type reads the value alone");
        }

        List<ConsumerRecord<String, byte[]>> changes = log.readAll(APP + "-" + STORE + "-changelog",
            Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), false);
        assertEquals(1_000L, assertOneChangeWithTraceHeaders(changes, "v1", "t1").timestamp());

        EmbeddedLogFixture.deleteLocalState(HeadersStoreTopology.build("events", caching), log.streamsProps(APP));
        AtomicLong restored = new AtomicLong();
        try (KafkaStreams streams = new KafkaStreams(HeadersStoreTopology.build("events", caching),
            log.streamsProps(APP))) {
            streams.setGlobalStateRestoreListener(new RestoreCounters.CountingListener(restored));
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            ReadOnlyKeyValueStore<String, ValueTimestampHeaders<String>> store = streams.store(
                StoreQueryParameters.fromNameAndType(STORE, QueryableStoreTypes.timestampedKeyValueStoreWithHeaders()));
            EmbeddedLogFixture.await(() -> store.get("k") != null, Duration.ofSeconds(15), "k restored");
            assertEquals(expected, store.get("k"));
            assertEquals(1, restored.get(), "the value came back from the changelog");
        }
    }
}
