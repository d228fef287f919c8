package dev.runnel.streams;

import static dev.runnel.streams.integration.HeadersStoreTopology.assertOneChangeWithTraceHeaders;
import static dev.runnel.streams.integration.HeadersStoreTopology.headerStrings;
import static dev.runnel.streams.integration.HeadersStoreTopology.traceHeaders;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.header.Headers;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.integration.RestoreCounters;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.query.StateQueryRequest;
import dev.runnel.streams.query.TimestampedKeyQuery;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.QueryableStoreTypes;
import dev.runnel.streams.state.ReadOnlyKeyValueStore;
import dev.runnel.streams.state.ReadOnlyWindowStore;
import dev.runnel.streams.state.ValueAndTimestamp;
import dev.runnel.streams.state.ValueTimestampHeaders;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * KIP-1285 on a running client and a real log folder: with {@code dsl.store.format=HEADERS}, a stream-stream join's
 * window store keeps each record's headers and a count its results (with empty headers), in the stores and as
 * their changelog records' headers; after a restart without local state both are restored from the changelogs,
 * headers included, and the operators go on from them, while the timestamped query types read them without headers.
 */
class DslStoreFormatIT {
    private static final String APP = "dsl-store-format-it";
    private static final String JOIN_STORE = "join-this-join-store";
    private static final String COUNTS = "counts";
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path root;

    @Test
    void shouldKeepHeadersThroughTheChangelogsAndARestoreWithTheHeadersFormat() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        for (String topic : List.of("left", "right", "joined")) {
            log.createTopic(topic, 1);
        }
        produce(log, "left", "l1", 1_000L, traceHeaders("t1"));
        ValueTimestampHeaders<String> windowed = ValueTimestampHeaders.make("l1", 1_000L, traceHeaders("t1"));
        ValueTimestampHeaders<Long> counted = ValueTimestampHeaders.make(1L, 1_000L, null);

        try (KafkaStreams streams = start(log, null)) {
            awaitStores(streams, windowed, counted);
        }

        // The plain value, as under DEFAULT, with the record's headers and timestamp as the changelog record's.
        assertEquals(1_000L, assertOneChangeWithTraceHeaders(changes(log, JOIN_STORE), "l1", "t1").timestamp(),
            "the value's timestamp, as the changelog record's");
        List<ConsumerRecord<byte[], byte[]>> countChanges = changes(log, COUNTS);
        assertEquals(1, countChanges.size());
        assertArrayEquals(ByteBuffer.allocate(8).putLong(1L).array(), countChanges.get(0).value(), "the count alone");
        assertEquals(1_000L, countChanges.get(0).timestamp(), "the count's timestamp, as the changelog record's");
        assertEquals(List.of(), headerStrings(countChanges.get(0).headers()), "no headers");

        EmbeddedLogFixture.deleteLocalState(topology(), props(log));
        AtomicLong restored = new AtomicLong();
        try (KafkaStreams streams = start(log, restored)) {
            awaitStores(streams, windowed, counted);
            assertEquals(2, restored.get(), "the window and the count came back from their changelogs");

            produce(log, "right", "r1", 2_000L, traceHeaders("t2"));
            EmbeddedLogFixture.await(() -> joined(log).equals(List.of("l1+r1")), WAIT,
                "the restored window to join the right record");
            produce(log, "left", "l2", 3_000L, traceHeaders("t3"));
            ReadOnlyKeyValueStore<String, ValueAndTimestamp<Long>> counts = streams.store(
                StoreQueryParameters.fromNameAndType(COUNTS, QueryableStoreTypes.timestampedKeyValueStore()));
            EmbeddedLogFixture.await(() -> ValueAndTimestamp.make(2L, 3_000L).equals(counts.get("k")), WAIT,
                "the restored count to go on, read through the timestamped type");
            assertEquals(ValueAndTimestamp.make(2L, 3_000L), streams.query(StateQueryRequest.inStore(COUNTS)
                .withQuery(TimestampedKeyQuery.<String, Long>withKey("k"))).getOnlyPartitionResult().getResult(),
                "IQv2's timestamped query reads the headers-aware store without headers");
        }
    }

    private static Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        DslStoreFormatTest.joinLeftAndRight(builder).groupByKey()
            .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(COUNTS));
        return builder.build();
    }

    private static Properties props(EmbeddedLogFixture log) {
        Properties props = log.streamsProps(APP);
        props.put(StreamsConfig.DSL_STORE_FORMAT_CONFIG, StreamsConfig.DSL_STORE_FORMAT_HEADERS);
        return props;
    }

    private static KafkaStreams start(EmbeddedLogFixture log, AtomicLong restored) {
        KafkaStreams streams = new KafkaStreams(topology(), props(log));
        if (restored != null) {
            streams.setGlobalStateRestoreListener(new RestoreCounters.CountingListener(restored));
        }
        streams.start();
        EmbeddedLogFixture.awaitRunning(streams);
        return streams;
    }

    /** Waits until the join window and the count hold {@code windowed} and {@code counted}, read with headers. */
    private static void awaitStores(KafkaStreams streams, ValueTimestampHeaders<String> windowed,
        ValueTimestampHeaders<Long> counted) {
        ReadOnlyWindowStore<String, ValueTimestampHeaders<String>> window = streams.store(
            StoreQueryParameters.fromNameAndType(JOIN_STORE, QueryableStoreTypes.timestampedWindowStoreWithHeaders()));
        ReadOnlyKeyValueStore<String, ValueTimestampHeaders<Long>> counts = streams.store(
            StoreQueryParameters.fromNameAndType(COUNTS, QueryableStoreTypes.timestampedKeyValueStoreWithHeaders()));
        EmbeddedLogFixture.await(() -> windowed.equals(window.fetch("k", 1_000L)) && counted.equals(counts.get("k")),
            WAIT, "the window to hold " + windowed + " and the count " + counted);
    }

    private static void produce(EmbeddedLogFixture log, String topic, String value, long timestamp,
        Headers headers) {
        log.produce(List.of(new ProducerRecord<>(topic, null, timestamp, "k", value, headers)),
            Serdes.String().serializer(), Serdes.String().serializer());
    }

    private static List<String> joined(EmbeddedLogFixture log) {
        return log.readAll("joined", Serdes.String().deserializer(), Serdes.String().deserializer(), false).stream()
            .map(ConsumerRecord::value).toList();
    }

    private static List<ConsumerRecord<byte[], byte[]>> changes(EmbeddedLogFixture log, String store) {
        return log.readAll(APP + "-" + store + "-changelog", Serdes.ByteArray().deserializer(),
            Serdes.ByteArray().deserializer(), false);
    }
}
