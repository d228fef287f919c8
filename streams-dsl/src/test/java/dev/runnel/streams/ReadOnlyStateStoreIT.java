package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.runnel.common.TopicPartition;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.integration.RestoreCounters.RestoredPartitions;
import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.QueryableStoreTypes;
import dev.runnel.streams.state.ReadOnlyKeyValueStore;
import dev.runnel.streams.state.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KIP-813 on a running client: a read-only store restores from its source topic once its local state is gone. */
class ReadOnlyStateStoreIT {
    private static final String APP = "readonlystore";

    @TempDir
    Path root;

    /** The read-only store "users", filled from the users topic, and a processor of orders that reads it. */
    private static Topology topology() {
        return new Topology()
            .addReadOnlyStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("users"), Serdes.String(),
                    Serdes.String()), "users-source", Serdes.String().deserializer(), Serdes.String().deserializer(),
                "users", "users-updater", () -> new ContextualProcessor<String, String, Void, Void>() {
                    @Override
                    public void process(Record<String, String> record) {
                        context().<KeyValueStore<String, String>>getStateStore("users")
                            .put(record.key(), record.value());
                    }
                })
            .addSource("orders-source", Serdes.String().deserializer(), Serdes.String().deserializer(), "orders")
            .addProcessor("orders-enricher", () -> new ContextualProcessor<String, String, String, String>() {
                @Override
                public void process(Record<String, String> record) {
                    KeyValueStore<String, String> users = context().getStateStore("users");
                    context().forward(record.withValue(record.value() + "@" + users.get(record.key())));
                }
            }, "orders-source")
            .connectProcessorAndStateStores("orders-enricher", "users")
            .addSink("enriched-sink", "enriched", Serdes.String().serializer(), Serdes.String().serializer(),
                "orders-enricher");
    }

    private static Map<String, String> contents(KafkaStreams streams) {
        ReadOnlyKeyValueStore<String, String> store = streams.store(StoreQueryParameters.fromNameAndType("users",
            QueryableStoreTypes.keyValueStore()));
        Map<String, String> contents = new TreeMap<>();
        try (KeyValueIterator<String, String> all = store.all()) {
            all.forEachRemaining(entry -> contents.put(entry.key, entry.value));
        }
        return contents;
    }

    @Test
    void shouldRestoreTheStoreFromItsSourceTopicAfterLocalStateIsWiped() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("users", 1);
        log.createTopic("orders", 1);
        log.createTopic("enriched", 1);
        log.produce("users", List.of(KeyValue.pair("alice", "paris"), KeyValue.pair("bob", "oslo")),
            Serdes.String().serializer(), Serdes.String().serializer(), 1_000L);
        Map<String, String> expected = Map.of("alice", "paris", "bob", "oslo");
        try (KafkaStreams streams = new KafkaStreams(topology(), log.streamsProps(APP))) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            log.awaitProcessed(APP, List.of("users"), Duration.ofSeconds(15));
            EmbeddedLogFixture.await(() -> contents(streams).equals(expected), Duration.ofSeconds(15),
                "the updater to fill the store");
        }

        RestoredPartitions listener = new RestoredPartitions();
        try (KafkaStreams streams = new KafkaStreams(topology(), log.streamsProps(APP))) {
            streams.cleanUp();
            assertFalse(Files.exists(log.stateDir().resolve(APP).resolve("0_0")), "cleanUp wipes the task's state");
            streams.setGlobalStateRestoreListener(listener);
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            // The users topic is committed to its end: only the restore can bring the store back.
            assertEquals(expected, contents(streams));
            log.produce("orders", List.of(KeyValue.pair("bob", "o1")), Serdes.String().serializer(),
                Serdes.String().serializer(), 2_000L);
            EmbeddedLogFixture.await(() -> !log.readAll("enriched", Serdes.String().deserializer(),
                Serdes.String().deserializer(), false).isEmpty(), Duration.ofSeconds(15), "the order to be enriched");
        }
        assertEquals(Map.of(new TopicPartition("users", 0), 2L), listener.restored,
            "the store restored from its source topic; no changelog topic exists");
        assertEquals("o1@oslo", log.readAll("enriched", Serdes.String().deserializer(),
            Serdes.String().deserializer(), false).get(0).value());
    }
}
