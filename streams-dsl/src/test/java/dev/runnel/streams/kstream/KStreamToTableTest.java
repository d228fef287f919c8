package dev.runnel.streams.kstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.StreamsBuilder;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.TestInputTopic;
import dev.runnel.streams.TestOutputTopic;
import dev.runnel.streams.TopologyTestDriver;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.ValueAndTimestamp;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KStreamToTableTest {
    private static Properties config() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "to-table");
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        return config;
    }

    @Test
    void shouldUpsertDeleteAndDropNullKeysAfterRepartitioningAChangedKey() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("orders", Consumed.with(Serdes.String(), Serdes.String()))
            .selectKey((key, value) -> value == null ? key : value.split(":")[0])
            .toTable(Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("latest")
                .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()))
            .toStream()
            .to("latest-by-customer", Produced.with(Serdes.String(), Serdes.String()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), config())) {
            TestInputTopic<String, String> orders = driver.createInputTopic("orders", Serdes.String().serializer(),
                Serdes.String().serializer());
            TestOutputTopic<String, String> latest = driver.createOutputTopic("latest-by-customer",
                Serdes.String().deserializer(), Serdes.String().deserializer());
            orders.pipeInput("o1", "alice:book");
            orders.pipeInput("o2", "bob:pen");
            orders.pipeInput("o3", "alice:lamp");
            orders.pipeInput("alice", (String) null);
            assertEquals(List.of(KeyValue.pair("alice", "alice:book"), KeyValue.pair("bob", "bob:pen"),
                KeyValue.pair("alice", "alice:lamp"), KeyValue.pair("alice", null)), latest.readKeyValuesToList());
            KeyValueStore<String, ValueAndTimestamp<String>> store = driver.getTimestampedKeyValueStore("latest");
            assertNull(store.get("alice"), "the tombstone deleted alice");
            assertEquals("bob:pen", store.get("bob").value());
            assertEquals("KSTREAM-TOTABLE-0000000002-repartition",
                driver.producedTopicNames().stream().filter(name -> name.endsWith("-repartition")).findFirst()
                    .orElseThrow().replace("to-table-", ""));
        }
    }
}
