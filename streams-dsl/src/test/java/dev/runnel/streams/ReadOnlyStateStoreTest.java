package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.errors.TopologyException;
import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.StoreBuilder;
import dev.runnel.streams.state.Stores;
import dev.runnel.streams.state.TimestampedKeyValueStore;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** KIP-813: a store kept up to date from its own topic, which other processors of its sub-topology only read. */
class ReadOnlyStateStoreTest {
    private static StoreBuilder<KeyValueStore<String, String>> pricesStore() {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("prices"), Serdes.String(), Serdes.String());
    }

    /** Puts every record of the prices topic into the store as it is. */
    private static final class PriceUpdater extends ContextualProcessor<String, String, Void, Void> {
        @Override
        public void process(Record<String, String> record) {
            context().<KeyValueStore<String, String>>getStateStore("prices").put(record.key(), record.value());
        }
    }

    /** Prices each order (value: the product) from the read-only store, and reports whether writing it failed. */
    private static final class OrderPricer extends ContextualProcessor<String, String, String, String> {
        @Override
        public void process(Record<String, String> record) {
            KeyValueStore<String, String> prices = context().getStateStore("prices");
            String refused = assertThrows(UnsupportedOperationException.class,
                () -> prices.put(record.value(), "0")).getMessage();
            context().forward(record.withValue(record.value() + "=" + prices.get(record.value()) + " (" + refused
                + ")"));
        }
    }

    private static Topology topology() {
        StoreBuilder<KeyValueStore<String, String>> store = pricesStore().withLoggingEnabled(Map.of());
        return new Topology()
            .addReadOnlyStateStore(store, "prices-source", Serdes.String().deserializer(),
                Serdes.String().deserializer(), "prices", "prices-updater", PriceUpdater::new)
            .addSource("orders-source", Serdes.String().deserializer(), Serdes.String().deserializer(), "orders")
            .addProcessor("pricer", OrderPricer::new, "orders-source")
            .connectProcessorAndStateStores("pricer", "prices")
            .addSink("priced-sink", "priced", Serdes.String().serializer(), Serdes.String().serializer(), "pricer");
    }

    @Test
    void shouldFillTheStoreFromItsTopicAndLetAnotherProcessorOnlyReadIt() {
        Topology topology = topology();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "read-only-store");
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props)) {
            driver.createInputTopic("prices", Serdes.String().serializer(), Serdes.String().serializer())
                .pipeInput("apple", "3");
            TestOutputTopic<String, String> priced =
                driver.createOutputTopic("priced", Serdes.String().deserializer(), Serdes.String().deserializer());
            driver.createInputTopic("orders", Serdes.String().serializer(), Serdes.String().serializer())
                .pipeInput("o1", "apple");

            assertEquals(List.of(KeyValue.pair("o1", "apple=3 (Global store is read only)")),
                priced.readKeyValuesToList());
            assertEquals("3", driver.<String, String>getKeyValueStore("prices").get("apple"),
                "the refused write left the updater's value");
        }
    }

    @Test
    void shouldPutTheStoreInTheSubtopologyOfItsReadersWithLoggingDisabled() {
        StoreBuilder<KeyValueStore<String, String>> store = pricesStore();
        Topology topology = new Topology()
            .addReadOnlyStateStore(store, "prices-source", Serdes.String().deserializer(),
                Serdes.String().deserializer(), "prices", "prices-updater", PriceUpdater::new)
            .addSource("orders-source", Serdes.String().deserializer(), Serdes.String().deserializer(), "orders")
            .addProcessor("pricer", OrderPricer::new, "orders-source")
            .connectProcessorAndStateStores("pricer", "prices");

        assertFalse(store.loggingEnabled(), "the topic is the store's changelog");
        assertEquals(1, topology.describe().subtopologies().size());
        assertTrue(topology.describe().toString().contains("stores: [prices]"), topology.describe().toString());
    }

    @Test
    void shouldRejectTheSameNameForSourceAndProcessor() {
        assertThrows(TopologyException.class, () -> new Topology().addReadOnlyStateStore(pricesStore(), "same",
            Serdes.String().deserializer(), Serdes.String().deserializer(), "prices", "same", PriceUpdater::new));
    }

    @Test
    void shouldRefuseAStoreWhoseFormatDiffersFromItsTopicsRecords() {
        StoreBuilder<TimestampedKeyValueStore<String, String>> timestamped = Stores.timestampedKeyValueStoreBuilder(
            Stores.inMemoryKeyValueStore("prices"), Serdes.String(), Serdes.String());
        TopologyException error = assertThrows(TopologyException.class, () -> new Topology().addReadOnlyStateStore(
            timestamped, "prices-source", Serdes.String().deserializer(), Serdes.String().deserializer(), "prices",
            "prices-updater", PriceUpdater::new));
        assertTrue(error.getMessage().contains("must be a plain key-value store"), error.getMessage());
    }
}
