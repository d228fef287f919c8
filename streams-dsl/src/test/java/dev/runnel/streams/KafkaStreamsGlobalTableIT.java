package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.GlobalKTable;
import dev.runnel.streams.kstream.KStream;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.processor.api.Processor;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.QueryableStoreTypes;
import dev.runnel.streams.state.ReadOnlyKeyValueStore;
import dev.runnel.streams.state.Stores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Global tables and global stores at runtime: fully restored at start, kept up to date while running. */
class KafkaStreamsGlobalTableIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path root;

    private EmbeddedLogFixture log;

    private void produce(String topic, String... keysAndValues) {
        log.produceStrings(topic, 1_000L, keysAndValues);
    }

    private Map<String, List<String>> outputPerKey(String topic) {
        return log.readPerKey(topic, Serdes.String().deserializer(), false);
    }

    @Test
    void shouldJoinStreamsWithAGlobalTableUpdatedWhileRunning() {
        log = new EmbeddedLogFixture(root);
        log.createTopic("products", 3);
        log.createTopic("orders", 2);
        log.createTopic("joined", 2);
        log.createTopic("left-joined", 2);
        // The table is loaded before the application starts: start() restores it fully first.
        produce("products", "P1", "apple", "P2", "pear", "P3", "plum");
        StreamsBuilder builder = new StreamsBuilder();
        GlobalKTable<String, String> products = builder.globalTable("products",
            Consumed.with(Serdes.String(), Serdes.String()), Materialized.as("products-store"));
        KStream<String, String> orders = builder.stream("orders", Consumed.with(Serdes.String(), Serdes.String()));
        // Order value "productId:quantity"; the order id stays the key.
        orders.join(products, (orderId, order) -> order.split(":")[0], (order, product) -> order + "/" + product)
            .to("joined", Produced.with(Serdes.String(), Serdes.String()));
        orders.leftJoin(products, (orderId, order) -> order.split(":")[0], (order, product) -> order + "/" + product)
            .to("left-joined", Produced.with(Serdes.String(), Serdes.String()));
        Properties props = log.streamsProps("global");
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            produce("orders", "O1", "P1:1", "O2", "P9:2");
            log.awaitProcessed("global", List.of("orders"), TIMEOUT);

            produce("products", "P1", "green apple", "P9", "kiwi");
            assertEquals("products-store", products.queryableStoreName());
            ReadOnlyKeyValueStore<String, String> store = streams.store(StoreQueryParameters.fromNameAndType(
                products.queryableStoreName(), QueryableStoreTypes.keyValueStore()));
            EmbeddedLogFixture.await(() -> "kiwi".equals(store.get("P9")) && "green apple".equals(store.get("P1")),
                TIMEOUT, "the global table to see the updates");
            assertEquals("plum", store.get("P3"));
            produce("orders", "O3", "P1:3", "O4", "P9:4");
            log.awaitProcessed("global", List.of("orders"), TIMEOUT);
        }
        assertEquals(Map.of("O1", List.of("P1:1/apple"), "O3", List.of("P1:3/green apple"),
            "O4", List.of("P9:4/kiwi")), outputPerKey("joined"));
        assertEquals(Map.of("O1", List.of("P1:1/apple"), "O2", List.of("P9:2/null"),
            "O3", List.of("P1:3/green apple"), "O4", List.of("P9:4/kiwi")), outputPerKey("left-joined"));
    }

    /** As in Kafka Streams, the global store's processor runs in the global task -1_-1, whose metrics carry that id. */
    @Test
    void shouldRunAGlobalStoreProcessorAndServeItToQueries() {
        List<String> taskIds = new CopyOnWriteArrayList<>();
        log = new EmbeddedLogFixture(root);
        log.createTopic("config", 2);
        log.createTopic("unused", 1);
        produce("config", "a", "1", "b", "2");
        StreamsBuilder builder = new StreamsBuilder();
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("config-store"),
                Serdes.String(), Serdes.String()).withLoggingDisabled(), "config",
            Consumed.with(Serdes.String(), Serdes.String()), () -> new Processor<String, String, Void, Void>() {
                private KeyValueStore<String, String> store;

                @Override
                public void init(dev.runnel.streams.processor.api.ProcessorContext<Void, Void> context) {
                    store = context.getStateStore("config-store");
                    taskIds.add(context.taskId().toString());
                }

                @Override
                public void process(Record<String, String> record) {
                    store.put(record.key(), record.value() + "!");
                }
            });
        builder.stream("unused", Consumed.with(Serdes.String(), Serdes.String())).foreach((key, value) -> { });
        try (KafkaStreams streams = new KafkaStreams(builder.build(), log.streamsProps("global-store"))) {
            streams.start();
            ReadOnlyKeyValueStore<String, String> store = streams.store(StoreQueryParameters.fromNameAndType(
                "config-store", QueryableStoreTypes.keyValueStore()));
            assertEquals("1!", store.get("a"), "restored through the processor before start() returned");
            assertEquals("2!", store.get("b"));
            produce("config", "a", "3");
            EmbeddedLogFixture.await(() -> "3!".equals(store.get("a")), TIMEOUT, "the update");
            assertEquals(List.of("-1_-1"), taskIds);
            assertTrue(streams.metrics().keySet().stream().anyMatch(name -> name.name().equals("dropped-records-total")
                && name.tags().get("task-id").equals("-1_-1") && name.tags().get("thread-id").contains("Global")),
                streams.metrics().keySet().toString());
        }
    }
}
