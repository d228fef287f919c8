package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.config.ConfigException;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.EmitStrategy;
import dev.runnel.streams.kstream.JoinWindows;
import dev.runnel.streams.kstream.KStream;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.StreamJoined;
import dev.runnel.streams.state.BuiltInDslStoreSuppliers;
import dev.runnel.streams.state.DslKeyValueParams;
import dev.runnel.streams.state.DslSessionParams;
import dev.runnel.streams.state.DslStoreSuppliers;
import dev.runnel.streams.state.DslWindowParams;
import dev.runnel.streams.state.HeadersBytesStoreSupplier;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.SessionBytesStoreSupplier;
import dev.runnel.streams.state.Stores;
import dev.runnel.streams.state.WindowBytesStoreSupplier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Where the DSL takes its stores from: KIP-591 {@code default.dsl.store} and KIP-954 DslStoreSuppliers. */
class DslStoreSuppliersTest {
    private static final String COUNTING = CountingDslStoreSuppliers.class.getSimpleName();
    private static final String OTHER = CountingDslStoreSuppliers.Other.class.getSimpleName();

    @BeforeEach
    void resetCalls() {
        CountingDslStoreSuppliers.CALLS.clear();
    }

    private static Properties props(Object... keyValues) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "dsl-stores");
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return props;
    }

    private static StreamsConfig config(Object... keyValues) {
        return new StreamsConfig(props(keyValues));
    }

    @Test
    void configuredSuppliersClassGivesEveryDslStoreWithKafkasParams() {
        StreamsBuilder builder = new StreamsBuilder();
        DslStoreTopology.build(builder);
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(),
            props(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG, CountingDslStoreSuppliers.class.getName()),
            Instant.EPOCH)) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", Serdes.String().serializer(),
                Serdes.String().serializer(), Instant.EPOCH, Duration.ofSeconds(1));
            TestInputTopic<String, String> other = driver.createInputTopic("other", Serdes.String().serializer(),
                Serdes.String().serializer(), Instant.EPOCH, Duration.ofSeconds(1));
            in.pipeInput("a", "x");
            other.pipeInput("a", "y");
            in.pipeInput("a", "z");
            assertEquals(Map.of("a", 2L), driver.createOutputTopic("counts-out", Serdes.String().deserializer(),
                Serdes.Long().deserializer()).readKeyValuesToMap());
            assertEquals(List.of(KeyValue.pair("a", "x+y"), KeyValue.pair("a", "z+y")), driver.createOutputTopic(
                "join-out", Serdes.String().deserializer(), Serdes.String().deserializer()).readKeyValuesToList());
            KeyValueStore<String, Long> counts = driver.getKeyValueStore("counts");
            assertEquals(2L, counts.get("a"));
        }
        assertEquals(DslStoreTopology.STORES, CountingDslStoreSuppliers.storeNames(COUNTING));
        List<Object> params = CountingDslStoreSuppliers.CALLS.stream().map(CountingDslStoreSuppliers.Call::params)
            .distinct().toList();
        assertTrue(params.contains(new DslKeyValueParams("counts", DslStoreFormat.TIMESTAMPED)), params.toString());
        assertTrue(params.contains(new DslKeyValueParams("table", DslStoreFormat.TIMESTAMPED)), params.toString());
        assertTrue(params.contains(new DslWindowParams("windowed", Duration.ofSeconds(11), Duration.ofSeconds(10),
            false, EmitStrategy.onWindowUpdate(), false, DslStoreFormat.TIMESTAMPED)), params.toString());
        assertTrue(params.contains(new DslSessionParams("sessions", Duration.ofSeconds(7),
            EmitStrategy.onWindowUpdate(), DslStoreFormat.PLAIN)), params.toString());
        for (String join : List.of("join-this-join-store", "join-other-join-store")) {
            assertTrue(params.contains(new DslWindowParams(join, Duration.ofSeconds(6), Duration.ofSeconds(6), true,
                EmitStrategy.onWindowUpdate(), false, DslStoreFormat.PLAIN)), params.toString());
        }
    }

    @Test
    void emitStrategyAndSlidingWindowsReachTheParams() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> in = builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()));
        in.groupByKey().windowedBy(dev.runnel.streams.kstream.TimeWindows.ofSizeWithNoGrace(Duration.ofSeconds(4)))
            .emitStrategy(EmitStrategy.onWindowClose())
            .count(Materialized.as("closing"));
        in.groupByKey().windowedBy(dev.runnel.streams.kstream.SlidingWindows.ofTimeDifferenceWithNoGrace(
            Duration.ofSeconds(2))).count(Materialized.as("sliding"));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(),
            props(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG, CountingDslStoreSuppliers.class.getName()))) {
            assertTrue(driver.getAllStateStores().containsKey("closing"));
        }
        List<DslWindowParams> windows = CountingDslStoreSuppliers.CALLS.stream()
            .map(CountingDslStoreSuppliers.Call::params).filter(DslWindowParams.class::isInstance)
            .map(DslWindowParams.class::cast).distinct().toList();
        DslWindowParams closing = windows.stream().filter(p -> p.name().equals("closing")).findFirst().orElseThrow();
        assertEquals(EmitStrategy.StrategyType.ON_WINDOW_CLOSE, closing.emitStrategy().type());
        assertFalse(closing.isSlidingWindow());
        assertTrue(windows.stream().filter(p -> p.name().equals("sliding")).findFirst().orElseThrow()
            .isSlidingWindow());
    }

    @Test
    void anExplicitStoreSupplierWinsOverEverythingElse() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())).groupByKey()
            .count(Materialized.as(Stores.inMemoryKeyValueStore("explicit")));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(),
            props(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG, CountingDslStoreSuppliers.class.getName()))) {
            assertTrue(driver.getAllStateStores().containsKey("explicit"));
        }
        assertEquals(List.of(), CountingDslStoreSuppliers.CALLS);
        assertThrows(IllegalArgumentException.class, () -> Materialized.as(Stores.inMemoryKeyValueStore("s"))
            .withStoreType(Materialized.StoreType.IN_MEMORY));
    }

    @Test
    void materializedAndStreamJoinedSuppliersWinOverTheTopologyAndClientConfig() {
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(config(
            StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG, CountingDslStoreSuppliers.class.getName())));
        KStream<String, String> in = builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()));
        in.groupByKey().count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("counts")
            .withStoreType(new CountingDslStoreSuppliers.Other()));
        in.groupByKey().count(Materialized.as(new CountingDslStoreSuppliers.Other()));
        in.groupByKey().count(Materialized.as("by-topology"));
        KStream<String, String> other = builder.stream("other", Consumed.with(Serdes.String(), Serdes.String()));
        in.join(other, (a, b) -> a + b, JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofSeconds(1)),
            StreamJoined.<String, String, String>as("join")
                .withDslStoreSuppliers(new CountingDslStoreSuppliers.Other()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(),
            props(StreamsConfig.DEFAULT_DSL_STORE_CONFIG, StreamsConfig.IN_MEMORY))) {
            assertEquals(5, driver.getAllStateStores().size());
        }
        // The unnamed count's store is index 3: count(Materialized) without a store name uses up one store name
        // before generating its own (index 2), as Kafka's does for compatibility.
        assertEquals(List.of("KSTREAM-AGGREGATE-STATE-STORE-0000000003", "counts", "join-other-join-store",
            "join-this-join-store"), CountingDslStoreSuppliers.storeNames(OTHER));
        assertEquals(List.of("by-topology"), CountingDslStoreSuppliers.storeNames(COUNTING));
    }

    @Test
    void theTopologyConfigWinsOverTheClientConfig() {
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(config(
            StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG, CountingDslStoreSuppliers.Other.class.getName())));
        DslStoreTopology.build(builder);
        new TopologyTestDriver(builder.build(), props(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG,
            CountingDslStoreSuppliers.class.getName())).close();
        assertEquals(DslStoreTopology.STORES, CountingDslStoreSuppliers.storeNames(OTHER));
        assertEquals(List.of(), CountingDslStoreSuppliers.storeNames(COUNTING));
    }

    @Test
    void buildWithPropertiesAppliesTheDslStoreConfig() {
        StreamsBuilder builder = new StreamsBuilder();
        DslStoreTopology.build(builder);
        Topology topology = builder.build(props(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG,
            CountingDslStoreSuppliers.Other.class.getName()));
        new TopologyTestDriver(topology, props()).close();
        assertEquals(DslStoreTopology.STORES, CountingDslStoreSuppliers.storeNames(OTHER));
    }

    @Test
    void theSuppliersClassWinsOverTheDefaultDslStoreAndTheDefaultIsRocksDb() {
        assertInstanceOf(CountingDslStoreSuppliers.class, new TopologyConfig(config(
            StreamsConfig.DEFAULT_DSL_STORE_CONFIG, StreamsConfig.IN_MEMORY,
            StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG, CountingDslStoreSuppliers.class.getName()))
            .resolveDslStoreSuppliers().orElseThrow());
        assertSame(BuiltInDslStoreSuppliers.IN_MEMORY, new TopologyConfig(config(
            StreamsConfig.DEFAULT_DSL_STORE_CONFIG, StreamsConfig.IN_MEMORY)).resolveDslStoreSuppliers().orElseThrow());
        assertTrue(new TopologyConfig(config()).resolveDslStoreSuppliers().isEmpty());

        Topology topology = new Topology();
        assertSame(BuiltInDslStoreSuppliers.ROCKS_DB, topology.internalTopologyBuilder().dslStoreChoice()
            .suppliers(null));
        topology.internalTopologyBuilder().dslStoreChoice().configure(config(StreamsConfig.DEFAULT_DSL_STORE_CONFIG,
            StreamsConfig.IN_MEMORY));
        assertSame(BuiltInDslStoreSuppliers.IN_MEMORY, topology.internalTopologyBuilder().dslStoreChoice()
            .suppliers(null));
        assertSame(BuiltInDslStoreSuppliers.IN_MEMORY, new Topology(new TopologyConfig(config(
            StreamsConfig.DEFAULT_DSL_STORE_CONFIG, StreamsConfig.IN_MEMORY))).internalTopologyBuilder()
            .dslStoreChoice().suppliers(null));
        assertEquals(BuiltInDslStoreSuppliers.RocksDBDslStoreSuppliers.class,
            config().values().get(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG));
        assertEquals(StreamsConfig.ROCKS_DB, config().getString(StreamsConfig.DEFAULT_DSL_STORE_CONFIG));
    }

    @Test
    void storeTypesAreTheBuiltInSuppliers() {
        DslKeyValueParams params = new DslKeyValueParams("s", DslStoreFormat.TIMESTAMPED);
        assertEquals("s", Materialized.StoreType.IN_MEMORY.keyValueStore(params).name());
        assertEquals("s", Materialized.StoreType.ROCKS_DB.keyValueStore(params).name());
        assertEquals(5_000L, BuiltInDslStoreSuppliers.ROCKS_DB.sessionStore(new DslSessionParams("s",
            Duration.ofSeconds(5), EmitStrategy.onWindowUpdate(), DslStoreFormat.PLAIN)).retentionPeriod());
        assertTrue(BuiltInDslStoreSuppliers.IN_MEMORY.windowStore(new DslWindowParams("w", Duration.ofSeconds(5),
            Duration.ofSeconds(1), true, EmitStrategy.onWindowUpdate(), false, DslStoreFormat.PLAIN))
            .retainDuplicates());
    }

    @Test
    void builtInSuppliersMarkTheHeadersFormatOnly() {
        for (DslStoreSuppliers suppliers : List.of(BuiltInDslStoreSuppliers.ROCKS_DB,
            BuiltInDslStoreSuppliers.IN_MEMORY)) {
            for (DslStoreFormat format : DslStoreFormat.values()) {
                boolean headers = format == DslStoreFormat.HEADERS;
                String what = suppliers.getClass().getSimpleName() + " " + format;
                assertEquals(headers, suppliers.keyValueStore(new DslKeyValueParams("kv", format))
                    instanceof HeadersBytesStoreSupplier, what);
                WindowBytesStoreSupplier window = suppliers.windowStore(new DslWindowParams("w",
                    Duration.ofSeconds(5), Duration.ofSeconds(1), true, EmitStrategy.onWindowUpdate(), false, format));
                assertEquals(headers, window instanceof HeadersBytesStoreSupplier, what);
                assertEquals(5_000L, window.retentionPeriod(), what);
                assertTrue(window.retainDuplicates(), what);
                SessionBytesStoreSupplier session = suppliers.sessionStore(new DslSessionParams("s",
                    Duration.ofSeconds(7), EmitStrategy.onWindowUpdate(), format));
                assertEquals(headers, session instanceof HeadersBytesStoreSupplier, what);
                assertEquals(7_000L, session.retentionPeriod(), what);
            }
        }
    }

    @Test
    @SuppressWarnings("deprecation")
    void deprecatedTimestampFlagsStandForThePlainAndTimestampedFormats() {
        assertEquals(new DslKeyValueParams("kv", DslStoreFormat.TIMESTAMPED), new DslKeyValueParams("kv", true));
        assertEquals(DslStoreFormat.PLAIN, new DslKeyValueParams("kv", false).dslStoreFormat());
        assertFalse(new DslKeyValueParams("kv", DslStoreFormat.HEADERS).isTimestamped(),
            "as in Kafka, only TIMESTAMPED is timestamped");
        assertEquals(DslStoreFormat.TIMESTAMPED, new DslWindowParams("w", Duration.ofSeconds(5),
            Duration.ofSeconds(1), false, EmitStrategy.onWindowUpdate(), false, true).dslStoreFormat());
        assertFalse(new DslWindowParams("w", Duration.ofSeconds(5), Duration.ofSeconds(1), false,
            EmitStrategy.onWindowUpdate(), false, DslStoreFormat.HEADERS).isTimestamped());
        assertEquals(DslStoreFormat.PLAIN, new DslSessionParams("s", Duration.ofSeconds(5),
            EmitStrategy.onWindowUpdate()).storeFormat());
    }

    @Test
    void invalidDslStoreConfigsFailWithKafkasErrors() {
        ConfigException badType = assertThrows(ConfigException.class,
            () -> config(StreamsConfig.DEFAULT_DSL_STORE_CONFIG, "lmdb"));
        assertEquals("Invalid value lmdb for configuration default.dsl.store: String must be one of: rocksDB,"
            + " in_memory", badType.getMessage());
        ConfigException missing = assertThrows(ConfigException.class,
            () -> config(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG, "com.example.NoSuchSuppliers"));
        assertEquals("Invalid value com.example.NoSuchSuppliers for configuration dsl.store.suppliers.class: Class"
            + " com.example.NoSuchSuppliers could not be found.", missing.getMessage());
        ConfigException wrongClass = assertThrows(ConfigException.class,
            () -> config(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG, String.class));
        assertEquals("Invalid value java.lang.String for configuration dsl.store.suppliers.class: java.lang.String"
            + " is not an instance of dev.runnel.streams.state.DslStoreSuppliers", wrongClass.getMessage());
        Properties badOverride = new Properties();
        badOverride.put(StreamsConfig.DEFAULT_DSL_STORE_CONFIG, "lmdb");
        assertThrows(ConfigException.class,
            () -> new TopologyConfig("named", config(), badOverride));
    }

    @Test
    void topologyConfigCopiesTheTopologyLevelConfigs() {
        StreamsConfig app = config(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, 7,
            StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0, StreamsConfig.BUFFERED_RECORDS_PER_PARTITION_CONFIG, 3);
        TopologyConfig unnamed = new TopologyConfig(app);
        assertEquals(7L, unnamed.maxTaskIdleMs);
        assertEquals(0L, unnamed.cacheSize);
        assertEquals(3, unnamed.maxBufferedSize);
        assertEquals(StreamsConfig.ROCKS_DB, unnamed.storeType);
        assertEquals(BuiltInDslStoreSuppliers.RocksDBDslStoreSuppliers.class, unnamed.dslStoreSuppliers);
        assertInstanceOf(dev.runnel.streams.processor.FailOnInvalidTimestamp.class,
            unnamed.timestampExtractorSupplier.get());
        assertInstanceOf(dev.runnel.streams.errors.LogAndFailExceptionHandler.class,
            unnamed.deserializationExceptionHandlerSupplier.get());

        Properties overrides = new Properties();
        overrides.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "9");
        overrides.put(StreamsConfig.DEFAULT_DSL_STORE_CONFIG, StreamsConfig.IN_MEMORY);
        // As in Kafka Streams, only a named topology's overrides count.
        assertEquals(7L, new TopologyConfig(null, app, overrides).maxTaskIdleMs);
        TopologyConfig named = new TopologyConfig("named", app, overrides);
        assertEquals(9L, named.maxTaskIdleMs);
        assertEquals(StreamsConfig.IN_MEMORY, named.storeType);
        assertSame(BuiltInDslStoreSuppliers.IN_MEMORY, named.resolveDslStoreSuppliers().orElseThrow());
    }
}
