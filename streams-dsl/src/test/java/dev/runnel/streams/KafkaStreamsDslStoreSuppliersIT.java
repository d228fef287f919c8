package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.state.QueryableStoreTypes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A running client takes every DSL store from the {@code dsl.store.suppliers.class} in its config. */
class KafkaStreamsDslStoreSuppliersIT {
    @TempDir
    Path root;

    @Test
    void everyDslStoreComesFromTheConfiguredSuppliers() throws Exception {
        CountingDslStoreSuppliers.CALLS.clear();
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        for (String topic : List.of("in", "other", "tbl", "counts-out", "join-out")) {
            log.createTopic(topic, 1);
        }
        log.produce("in", List.of(KeyValue.pair("a", "x"), KeyValue.pair("a", "z")), Serdes.String().serializer(),
            Serdes.String().serializer(), 1_000L);
        log.produce("other", List.of(KeyValue.pair("a", "y")), Serdes.String().serializer(),
            Serdes.String().serializer(), 1_000L);
        StreamsBuilder builder = new StreamsBuilder();
        DslStoreTopology.build(builder);
        Properties props = log.streamsProps("dsl-store-suppliers");
        props.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG, CountingDslStoreSuppliers.class.getName());
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            EmbeddedLogFixture.await(() -> log.readAll("counts-out", Serdes.String().deserializer(),
                Serdes.Long().deserializer(), false).size() == 2, Duration.ofSeconds(15), "2 counts");
            EmbeddedLogFixture.await(() -> !log.readAll("join-out", Serdes.String().deserializer(),
                Serdes.String().deserializer(), false).isEmpty(), Duration.ofSeconds(15), "a join result");
            List<ConsumerRecord<String, Long>> counts = log.readAll("counts-out", Serdes.String().deserializer(),
                Serdes.Long().deserializer(), false);
            assertEquals(2L, counts.get(1).value());
            assertEquals(2L, streams.store(StoreQueryParameters.fromNameAndType("counts",
                QueryableStoreTypes.<String, Long>keyValueStore())).get("a"));
            assertEquals(DslStoreTopology.STORES, CountingDslStoreSuppliers.storeNames(
                CountingDslStoreSuppliers.class.getSimpleName()));
        }
    }
}
