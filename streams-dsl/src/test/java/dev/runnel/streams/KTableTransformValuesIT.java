package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.kstream.LifecycleCountingSupplier;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.ValueTransformerWithKey;
import dev.runnel.streams.kstream.ValueTransformerWithKeySupplier;
import dev.runnel.streams.processor.ProcessorContext;
import dev.runnel.streams.processor.PunctuationType;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.QueryableStoreTypes;
import dev.runnel.streams.state.ReadOnlyKeyValueStore;
import dev.runnel.streams.state.StoreBuilder;
import dev.runnel.streams.state.Stores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code KTable#transformValues} in a running {@link KafkaStreams}: a provided store, punctuation, a query, and the
 * transformers' lifecycle through rebalances.
 */
class KTableTransformValuesIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path root;

    /**
     * Brings its own store "versions" (through {@code stores()}) and tags each value with the key's version and the
     * number of stream-time punctuations (every 10 s) its task has run.
     */
    private static final class VersionedSupplier implements ValueTransformerWithKeySupplier<String, String, String> {
        @Override
        public ValueTransformerWithKey<String, String, String> get() {
            return new ValueTransformerWithKey<>() {
                private KeyValueStore<String, Long> versions;
                private int generation;

                @Override
                public void init(ProcessorContext context) {
                    versions = context.getStateStore("versions");
                    context.schedule(Duration.ofSeconds(10), PunctuationType.STREAM_TIME, now -> generation++);
                }

                @Override
                public String transform(String key, String value) {
                    Long previous = versions.get(key);
                    long version = previous == null ? 1 : previous + 1;
                    versions.put(key, version);
                    return value + "#v" + version + "/g" + generation;
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("versions"), Serdes.String(),
                Serdes.Long()));
        }
    }

    @Test
    void shouldTransformTableUpdatesWithAProvidedStoreAndPunctuationsAndServeQueries() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("profiles", 1);
        log.createTopic("tagged", 1);
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>table("profiles")
            .transformValues(new VersionedSupplier(), Materialized.as("tagged-store"))
            .toStream()
            .to("tagged");
        Properties props = log.streamsProps("transform-values");
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            // A stream-time punctuation runs after the first record, then after each record that moves stream time
            // past the next multiple of 10 s; the transformer sees its effect from the next record on.
            produce(log, 1_000L, "A", "a1");
            produce(log, 12_000L, "B", "b1");
            produce(log, 13_000L, "A", "a2");
            ReadOnlyKeyValueStore<String, String> store = streams.store(StoreQueryParameters.fromNameAndType(
                "tagged-store", QueryableStoreTypes.keyValueStore()));
            assertEquals("a2#v2/g2", store.get("A"));
        }
        Map<String, List<String>> perKey = log.readPerKey("tagged", Serdes.String().deserializer(), false);
        assertEquals(Map.of("A", List.of("a1#v1/g0", "a2#v2/g2"), "B", List.of("b1#v1/g1")), perKey);
    }

    /**
     * A stream-table join through an unmaterialized transformed table, on two partitions: the first instance runs both
     * tasks, a second one takes one of them over (and keeps a standby of the other), then both close. Each transformer
     * the tasks created, the operator's and the join lookups', was initialized and closed once.
     */
    @Test
    void shouldCloseEveryTransformerOnceThroughRebalancesAndClose() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("orders", 2);
        log.createTopic("prices", 2);
        log.createTopic("priced", 2);
        LifecycleCountingSupplier transformers = new LifecycleCountingSupplier();
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> prices = builder.<String, String>table("prices").transformValues(transformers);
        builder.<String, String>stream("orders").join(prices, (order, price) -> order + "@" + price).to("priced");
        Topology topology = builder.build();
        transformers.forgetCreated();
        try (KafkaStreams first = new KafkaStreams(topology, rebalancingProps(log, "state-1"));
             KafkaStreams second = new KafkaStreams(topology, rebalancingProps(log, "state-2"))) {
            first.start();
            EmbeddedLogFixture.await(() -> first.activeTaskIds().size() == 2
                && first.state() == KafkaStreams.State.RUNNING, TIMEOUT, "the first runs both tasks");
            assertEquals(Collections.nCopies(4, "init 1, close 0"), transformers.lifecycles(),
                "two transformers per task");
            second.start();
            EmbeddedLogFixture.await(() -> first.activeTaskIds().size() == 1 && second.activeTaskIds().size() == 1
                    && first.state() == KafkaStreams.State.RUNNING && second.state() == KafkaStreams.State.RUNNING,
                TIMEOUT, "one task each");
            log.produce("prices", List.of(KeyValue.pair("A", "p1"), KeyValue.pair("B", "p2")),
                Serdes.String().serializer(), Serdes.String().serializer(), 1_000L);
            log.awaitProcessed("transform-close", List.of("prices"), TIMEOUT);
            log.produce("orders", List.of(KeyValue.pair("A", "o1"), KeyValue.pair("B", "o2")),
                Serdes.String().serializer(), Serdes.String().serializer(), 2_000L);
            log.awaitProcessed("transform-close", List.of("orders"), TIMEOUT);
        }
        List<String> priced = new ArrayList<>();
        log.readAll("priced", Serdes.String().deserializer(), Serdes.String().deserializer(), false)
            .forEach(record -> priced.add(record.key() + ":" + record.value()));
        priced.sort(null);
        assertEquals(List.of("A:o1@P1", "B:o2@P2"), priced);
        List<String> lifecycles = transformers.lifecycles();
        assertTrue(lifecycles.size() >= 6, "the second instance's task created its own: " + lifecycles);
        assertEquals(Collections.nCopies(lifecycles.size(), "init 1, close 1"), lifecycles);
    }

    private static Properties rebalancingProps(EmbeddedLogFixture log, String stateDir) {
        Properties props = log.streamsProps("transform-close");
        props.put(StreamsConfig.STATE_DIR_CONFIG, log.stateDir().resolve(stateDir).toString());
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        // Standby tasks build their processors too, without initializing or closing them.
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
        return props;
    }

    private static void produce(EmbeddedLogFixture log, long timestamp, String key, String value) {
        log.produce(List.of(new ProducerRecord<>("profiles", null, timestamp, key, value)),
            Serdes.String().serializer(), Serdes.String().serializer());
        log.awaitProcessed("transform-values", List.of("profiles"), TIMEOUT);
    }
}
