package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnel.common.serialization.Deserializer;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.serialization.Serializer;
import dev.runnel.streams.errors.TopologyException;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Grouped;
import dev.runnel.streams.kstream.KStream;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.processor.StreamPartitioner;
import dev.runnel.streams.processor.TopicNameExtractor;
import dev.runnel.streams.processor.api.Processor;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.StoreBuilder;
import dev.runnel.streams.state.Stores;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A null argument of the processor API's {@link Topology} fails at once with Kafka Streams 4.3's message, which names
 * the parameter: "name cannot be null", "topics cannot be a null array", "topic names cannot be null", "parent name
 * cannot be null"... (and, for a null processor name given to addStateStore, Kafka's "processor cannot not be null").
 */
class TopologyArgumentsTest {
    private static final Deserializer<String> STRINGS = Serdes.String().deserializer();
    private static final Serializer<String> TO_STRINGS = Serdes.String().serializer();
    private static final ProcessorSupplier<String, String, Void, Void> UPDATER = () -> new Processor<>() {
        @Override
        public void process(Record<String, String> record) {
        }
    };
    private static final TopicNameExtractor<String, String> TOPIC = (key, value, context) -> "out";

    static Stream<Arguments> nullArguments() {
        return Stream.of(
            npe("name cannot be null", () -> topology().addSource((String) null, "in2")),
            npe("topics cannot be a null array", () -> topology().addSource("s", (String[]) null)),
            npe("topic names cannot be null", () -> topology().addSource("s", "in2", null)),
            npe("topicPattern cannot be null", () -> topology().addSource("s", (Pattern) null)),
            npe("name cannot be null", () -> topology().addProcessor(null, UPDATER, "source")),
            npe("processorSupplier cannot be null", () -> topology().addProcessor("p", null, "source")),
            npe("predecessorNames cannot be a null array", () -> topology().addProcessor("p", UPDATER,
                (String[]) null)),
            npe("parent name cannot be null", () -> topology().addProcessor("p", UPDATER, "source", null)),
            npe("name cannot be null", () -> topology().addSink(null, "out", "source")),
            npe("topic cannot be null", () -> topology().addSink("k", (String) null, "source")),
            npe("topic cannot be null", () -> topology().addSink("k", (String) null, TO_STRINGS, TO_STRINGS,
                "source")),
            npe("topicExtractor cannot be null",
                () -> topology().addSink("k", (TopicNameExtractor<String, String>) null, "source")),
            npe("predecessorNames cannot be a null array", () -> topology().addSink("k", TOPIC, (String[]) null)),
            npe("parent name cannot be null", () -> topology().addSink("k", "out", (String) null)),
            npe("storeBuilder cannot be null", () -> topology().addStateStore(null)),
            npe("processor cannot not be null", () -> topology().addStateStore(store("s"), (String) null)),
            npe("processorName cannot be null", () -> topology().connectProcessorAndStateStores(null, "s")),
            npe("stateStoreNames cannot be a null array", () -> topology().connectProcessorAndStateStores("source",
                (String[]) null)),
            npe("storeBuilder cannot be null", () -> topology().addGlobalStore(null, "gs", STRINGS, STRINGS, "g",
                "gp", UPDATER)),
            npe("name cannot be null", () -> topology().addGlobalStore(store("g"), null, STRINGS, STRINGS, "g", "gp",
                UPDATER)),
            npe("topic cannot be null", () -> topology().addGlobalStore(store("g"), "gs", STRINGS, STRINGS, null,
                "gp", UPDATER)),
            npe("name cannot be null", () -> topology().addGlobalStore(store("g"), "gs", STRINGS, STRINGS, "g", null,
                UPDATER)),
            npe("stateUpdateSupplier cannot be null", () -> topology().addGlobalStore(store("g"), "gs", STRINGS,
                STRINGS, "g", "gp", null)),
            npe("storeBuilder cannot be null", () -> topology().addReadOnlyStateStore(null, "rs", STRINGS, STRINGS,
                "r", "rp", UPDATER)),
            npe("topic names cannot be null", () -> topology().addReadOnlyStateStore(store("r"), "rs", STRINGS,
                STRINGS, null, "rp", UPDATER)),
            npe("processorSupplier cannot be null", () -> topology().addReadOnlyStateStore(store("r"), "rs", STRINGS,
                STRINGS, "r", "rp", null)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("nullArguments")
    void aNullArgumentFailsWithKafkasMessage(String message, Executable call) {
        assertEquals(message, assertThrows(NullPointerException.class, call).getMessage());
    }

    @Test
    void aStoreAddedWithoutAProcessorArrayIsAddedUnconnected() {
        // Kafka Streams takes a null processor-name array as no processors
        Topology topology = topology().addProcessor("p", UPDATER, "source").addStateStore(store("s"),
            (String[]) null);
        assertDoesNotThrow(() -> topology.connectProcessorAndStateStores("p", "s"));
    }

    @Test
    void aSinkTakesATopicExtractorWithAPartitionerAndTheDefaultSerializers() {
        // Kafka Streams' addSink(name, topicExtractor, partitioner, parentNames): the partitioner naming no partition
        // drops the record, and the default serdes write it to the topic the extractor picks
        StreamPartitioner<String, String> nowhereForB = (topic, key, value, partitions) ->
            key.equals("b") ? Optional.of(Set.of()) : Optional.empty();
        Topology topology = new Topology().addSource("source", "in").addSink("sink", TOPIC, nowhereForB, "source");
        Properties props = new Properties();
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props)) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", TO_STRINGS, TO_STRINGS);
            in.pipeInput("a", "1");
            in.pipeInput("b", "2");
            assertEquals(List.of(KeyValue.pair("a", "1")),
                driver.createOutputTopic("out", STRINGS, STRINGS).readKeyValuesToList());
        }
    }

    @Test
    void aStreamOfANullTopicFailsWithTheSourcesMessage() {
        // Kafka Streams fails with this message when the topology is built, Runnel when the source is added
        assertEquals("topic names cannot be null",
            assertThrows(NullPointerException.class, () -> new StreamsBuilder().stream((String) null)).getMessage());
    }

    /** Kafka Streams 4.3's words for a store or source clash, its slips ("cannot be connect to") included. */
    @Test
    void storeAndSourceClashesFailWithKafkasMessages() {
        Topology topology = topology()
            .addProcessor("p", UPDATER, "source")
            .addSink("sink", "out", "p")
            .addStateStore(store("store"), "p")
            .addGlobalStore(store("global").withLoggingDisabled(), "global-source", STRINGS, STRINGS, "global-topic",
                "global-processor", UPDATER);
        assertClash("State stores cannot be connect to sources or sinks.",
            () -> topology.connectProcessorAndStateStores("source", "store"));
        assertClash("stateStoreNames cannot be empty", () -> topology.connectProcessorAndStateStores("p"));
        assertClash("cannot connect a state store other to a source node or a sink node.",
            () -> topology.addStateStore(store("other"), "sink"));
        assertClash("A different StateStore has already been added with the name store",
            () -> topology.addStateStore(store("store"), "p"));
        assertClash("A different GlobalStateStore has already been added with the name global",
            () -> topology.addStateStore(store("global"), "p"));
        assertClash("Pattern in.* will match a topic that has already been registered by another source.",
            () -> topology.addSource("by-pattern", Pattern.compile("in.*")));
        Topology patterned = new Topology().addSource("by-pattern", Pattern.compile("t.*"));
        assertClash("Topic topic matches a Pattern already registered by another source.",
            () -> patterned.addSource("named", "topic"));
    }

    /**
     * Kafka Streams' DSL writes its topology in build(), so a clash among DSL operations fails build(), with the first
     * clash, and the operations after it still chain; the processor API on the built topology fails at once again.
     */
    @Test
    void dslClashesFailTheBuildAsInKafkaStreams() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> stream = builder.stream("a", Consumed.as("x"));
        KStream<String, String> clashing = assertDoesNotThrow(() -> builder.<String, String>stream("b",
            Consumed.as("x")));
        clashing.filter((key, value) -> true).groupByKey().count().toStream().to("counts");
        stream.groupBy((key, value) -> value, Grouped.as("g")).count();
        stream.groupBy((key, value) -> value, Grouped.as("g")).count();
        builder.table("t", Materialized.as("store"));
        builder.table("u", Materialized.as("store")).toStream().to("out");
        assertClash("Processor x is already added.", builder::build);
        assertClash("Processor x is already added.", builder::build);

        StreamsBuilder valid = new StreamsBuilder();
        valid.stream("in").to("out");
        Topology topology = valid.build();
        assertClash("Parent node missing is unknown.", () -> topology.addProcessor("p", UPDATER, "missing"));
    }

    private static void assertClash(String message, Executable call) {
        assertEquals("Invalid topology: " + message, assertThrows(TopologyException.class, call).getMessage());
    }

    private static Topology topology() {
        return new Topology().addSource("source", "in");
    }

    private static StoreBuilder<KeyValueStore<String, String>> store(String name) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), Serdes.String());
    }

    private static Arguments npe(String message, Executable call) {
        return Arguments.of(message, call);
    }
}
