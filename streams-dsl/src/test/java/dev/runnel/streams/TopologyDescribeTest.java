package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.errors.TopologyException;
import dev.runnel.streams.kstream.Branched;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.GlobalKTable;
import dev.runnel.streams.kstream.KStream;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Named;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.kstream.ValueTransformerWithKey;
import dev.runnel.streams.processor.ProcessorContext;
import dev.runnel.streams.processor.api.FixedKeyProcessor;
import dev.runnel.streams.processor.api.FixedKeyRecord;
import dev.runnel.streams.processor.api.Processor;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import dev.runnel.streams.state.Stores;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code Topology.describe()} against golden files, and the topology validation messages. */
class TopologyDescribeTest {
    // A method reference to a constructor: a non-capturing lambda "record -> { }" would be one shared instance,
    // which the topology rightly rejects.
    private static final ProcessorSupplier<Object, Object, Object, Object> NOOP = Noop::new;

    private static final class Noop implements Processor<Object, Object, Object, Object> {
        @Override
        public void process(dev.runnel.streams.processor.api.Record<Object, Object> record) {
        }
    }

    /** Has a toString() of its own, so the golden file shows a stable extractor. */
    private static final class ToTopicX implements dev.runnel.streams.processor.TopicNameExtractor<Object, Object> {
        @Override
        public String extract(Object key, Object value, dev.runnel.streams.processor.RecordContext recordContext) {
            return "x";
        }

        @Override
        public String toString() {
            return "to-topic-x";
        }
    }

    private static final class GlobalUpdater implements Processor<String, String, Void, Void> {
        @Override
        public void process(dev.runnel.streams.processor.api.Record<String, String> record) {
        }
    }

    private static void assertGolden(String name, Topology topology) {
        Golden.assertMatches("topology", name, topology.describe().toString());
    }

    /**
     * As in Kafka Streams, a named operation still takes the index its generated name would have had, so naming one
     * operation leaves the generated names (and so store and internal topic names) of the others as they were. A
     * table named "tbl" reads its topic with source "tbl-source" into table source "tbl".
     */
    @Test
    void shouldGiveNamedOperationsTheIndexesOfTheirGeneratedNames() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.<String, String>as("src"))  // index 0
            .filter((k, v) -> true, Named.as("keep"))              // 1
            .mapValues(v -> v)                                      // 2
            .to("out", Produced.as("sink"));                       // 3
        builder.table("t", Consumed.<String, String>as("tbl"))     // store 4, tbl-source 5, tbl 6
            .toStream()                                             // 7
            .to("out2");                                            // 8
        String description = builder.build().describe().toString();
        for (String node : List.of("Source: src (topics: [in])", "Processor: keep (stores: [])",
            "Processor: KSTREAM-MAPVALUES-0000000002 (stores: [])", "Sink: sink (topic: out)",
            "Source: tbl-source (topics: [t])", "Processor: tbl (stores: [])",
            "Processor: KTABLE-TOSTREAM-0000000007 (stores: [])", "Sink: KSTREAM-SINK-0000000008 (topic: out2)")) {
            assertTrue(description.contains(node), node + " in " + description);
        }
    }

    /**
     * Unlike other operations, Kafka Streams' process and processValues take no index when named: the source is 0,
     * named "enrich" none, processValues 1, its sink 2.
     */
    @Test
    void shouldNotNumberANamedProcessor() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .process(NOOP, Named.as("enrich"))
            .processValues(() -> new FixedKeyProcessor<Object, Object, Object>() {
                @Override
                public void process(FixedKeyRecord<Object, Object> record) {
                }
            })
            .to("out");
        String description = builder.build().describe().toString();
        for (String node : List.of("Processor: enrich (stores: [])",
            "Processor: KSTREAM-PROCESSVALUES-0000000001 (stores: [])", "Sink: KSTREAM-SINK-0000000002 (topic: out)")) {
            assertTrue(description.contains(node), node + " in " + description);
        }
    }

    /**
     * As in Kafka Streams, toTable's processor takes its index (1) before its store's name (2), and transformValues
     * with a Materialized that names no store takes no store index: it is 3, its toStream 4, the sink 5.
     */
    @Test
    void shouldNumberToTableBeforeItsStoreAndTransformValuesWithoutAStoreIndex() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream("in").toTable()
            .transformValues(() -> new ValueTransformerWithKey<String, String, String>() {
                @Override
                public void init(ProcessorContext context) {
                }

                @Override
                public String transform(String key, String value) {
                    return value;
                }

                @Override
                public void close() {
                }
            }, Materialized.with(Serdes.String(), Serdes.String()))
            .toStream().to("out");
        String description = builder.build().describe().toString();
        for (String node : List.of("Processor: KSTREAM-TOTABLE-0000000001 (stores: [])",
            "Processor: KTABLE-TRANSFORMVALUES-0000000003 (stores: [])",
            "Processor: KTABLE-TOSTREAM-0000000004 (stores: [])", "Sink: KSTREAM-SINK-0000000005 (topic: out)")) {
            assertTrue(description.contains(node), node + " in " + description);
        }
    }

    @Test
    void shouldDescribeStatelessChain() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("input", Consumed.with(Serdes.String(), Serdes.String()))
            .filter((k, v) -> v != null)
            .mapValues(v -> v.length())
            .selectKey((k, v) -> v)
            .to("output");
        assertGolden("stateless-chain", builder.build());
    }

    /**
     * Sub-topologies are numbered in the order their first node was added, as in Kafka Streams 4 (Kafka 3 sorted them
     * by source name): the ids are the task ids' first part and name the tasks' state directories.
     */
    @Test
    void shouldNumberSubtopologiesInTheOrderTheirFirstNodeWasAdded() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> orders = builder.stream("orders", Consumed.<String, String>as("zzz-orders"));
        GlobalKTable<String, String> regions = builder.globalTable("regions");
        orders.join(regions, (key, value) -> key, (order, region) -> order + region).to("out");
        builder.stream("audit", Consumed.<String, String>as("aaa-audit")).to("audit-copy");
        Map<String, Integer> subtopologyBySource = new HashMap<>();
        for (TopologyDescription.Subtopology subtopology : builder.build().describe().subtopologies()) {
            subtopology.nodes().forEach(node -> subtopologyBySource.put(node.name(), subtopology.id()));
        }
        for (TopologyDescription.GlobalStore store : builder.build().describe().globalStores()) {
            subtopologyBySource.put("global", store.id());
        }
        // zzz-orders came first (0), the global table's source next (1), aaa-audit last (2), whatever their names.
        assertEquals(Map.of("zzz-orders", 0, "global", 1, "aaa-audit", 2), Map.of(
            "zzz-orders", subtopologyBySource.get("zzz-orders"), "global", subtopologyBySource.get("global"),
            "aaa-audit", subtopologyBySource.get("aaa-audit")));
    }

    @Test
    void shouldDescribePatternAndNamedSources() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(java.util.regex.Pattern.compile("orders-.*"), Consumed.with(Serdes.String(), Serdes.String()))
            .merge(builder.stream("returns", Consumed.with(Serdes.String(), Serdes.String())))
            .to("all-orders");
        assertGolden("pattern-source", builder.build());
    }

    /**
     * A split's branches come in a HashMap, as Kafka Streams returns them, so an application that adds operations
     * while iterating over them adds them, and numbers their nodes, in the order Kafka's does: that of a HashMap of
     * the same branch names, not the order the branches were defined in.
     */
    @Test
    void shouldReturnASplitsBranchesInTheOrderOfAHashMapAsKafkaDoes() {
        StreamsBuilder builder = new StreamsBuilder();
        Map<String, KStream<String, String>> branches = builder.<String, String>stream("input").split()
            .branch((k, v) -> v.isEmpty()).branch((k, v) -> v.length() == 1).defaultBranch();
        Map<String, Object> hashed = new HashMap<>();
        branches.keySet().forEach(name -> hashed.put(name, name));
        assertEquals(List.copyOf(hashed.keySet()), List.copyOf(branches.keySet()));
        assertEquals(List.of("KSTREAM-BRANCH-00000000010", "KSTREAM-BRANCH-00000000011",
            "KSTREAM-BRANCH-00000000012"), branches.keySet().stream().sorted().toList());
    }

    @Test
    void shouldDescribeSplitAndMerge() {
        // The named split takes index 1 and each branch one (2, 3), so the peek is KSTREAM-PEEK-0000000004.
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> input = builder.stream("input");
        var branches = input.split(Named.as("split-"))
            .branch((k, v) -> v.isEmpty(), Branched.as("empty"))
            .defaultBranch(Branched.as("rest"));
        branches.get("split-empty").merge(branches.get("split-rest").peek((k, v) -> { }), Named.as("together"))
            .to("output", Produced.as("out"));
        assertGolden("split-merge", builder.build());
    }

    @Test
    void shouldDescribeSubtopologiesSplitByTopicsAndJoinedByStores() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("shared"), Serdes.String(),
            Serdes.String()));
        builder.stream("a").process(NOOP, "shared");
        builder.stream("b").process(NOOP, "shared");
        builder.stream("c").flatMapValues(v -> List.of(v)).to("d");
        builder.stream("d").foreach((k, v) -> { });
        builder.table("t").toStream().to("t-out");
        builder.globalTable("g");
        assertGolden("subtopologies", builder.build());
    }

    @Test
    void shouldDescribeProcessorApiTopologyWithGlobalStore() {
        Topology topology = new Topology()
            .addSource("source", "in-1", "in-2")
            .addProcessor("p1", NOOP, "source")
            .addProcessor("p2", NOOP, "p1")
            .addProcessor("p3", NOOP, "source")
            .addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("store"), Serdes.String(),
                Serdes.String()), "p2", "p3")
            .addSink("sink", "out", "p2", "p3")
            .addSink("dynamic", new ToTopicX(), "p1")
            .addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("global"), Serdes.String(),
                    Serdes.String()).withLoggingDisabled(), "global-source", Serdes.String().deserializer(),
                Serdes.String().deserializer(), "global-topic", "global-processor", GlobalUpdater::new);
        String description = topology.describe().toString();
        assertGolden("processor-api", topology);
        assertTrue(description.contains("Sink: dynamic (extractor class: "), description);
    }

    /**
     * Kafka Streams describes a source's topics and a processor's stores as hash sets, not in the order they were
     * given: one-letter names hash to their character code, so "a" (97) sits in bucket 1 and "b" (98) in bucket 2 of
     * a 16-bucket set, "x" (120) in bucket 8 and "y" (121) in bucket 9, and they print as [a, b] and [x, y]. A sink
     * shows its extractor as the extractor's toString().
     */
    @Test
    void shouldListTopicsAndStoresInTheOrderOfAHashSetAndShowTheExtractorsToString() {
        Topology topology = new Topology()
            .addSource("source", "b", "a")
            .addProcessor("p", NOOP, "source")
            .addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("y"), Serdes.String(),
                Serdes.String()), "p")
            .addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("x"), Serdes.String(),
                Serdes.String()), "p")
            .addSink("dynamic", new ToTopicX(), "p");
        String description = topology.describe().toString();
        assertTrue(description.contains("Source: source (topics: [a, b])"), description);
        assertTrue(description.contains("Processor: p (stores: [x, y])"), description);
        assertTrue(description.contains("Sink: dynamic (extractor class: to-topic-x)"), description);
    }

    /**
     * The misuses of the processor API fail with Kafka Streams 4.3's messages, word for word (its slips included:
     * "cannot be used a parent", "cannot be connect to"), so that a ported test comparing them still passes.
     */
    @Test
    void shouldRejectInvalidTopologiesWithKafkaMessages() {
        Topology topology = new Topology().addSource("source", "input");
        assertEquals("Invalid topology: Processor source is already added.",
            assertThrows(TopologyException.class, () -> topology.addSource("source", "other")).getMessage());
        assertEquals("Invalid topology: Topic input has already been registered by another source.",
            assertThrows(TopologyException.class, () -> topology.addSource("s2", "input")).getMessage());
        // Kafka Streams 4.3's messages: a parent is a "node", and the sink message lacks its "as"
        assertEquals("Invalid topology: Parent node missing is unknown.",
            assertThrows(TopologyException.class, () -> topology.addProcessor("p", NOOP, "missing")).getMessage());
        assertEquals("Invalid topology: Parent node p is unknown (self-reference).",
            assertThrows(TopologyException.class, () -> topology.addProcessor("p", NOOP, "p")).getMessage());
        assertEquals("Invalid topology: predecessorNames cannot be empty",
            assertThrows(TopologyException.class, () -> topology.addProcessor("p", NOOP)).getMessage());
        assertEquals("Invalid topology: predecessorNames cannot be empty",
            assertThrows(TopologyException.class, () -> topology.addSink("sink", "out")).getMessage());
        assertEquals("Invalid topology: topics cannot be empty",
            assertThrows(TopologyException.class, () -> topology.addSource("s3")).getMessage());
        assertEquals("Invalid topology: Topic twice has already been registered by another source.",
            assertThrows(TopologyException.class, () -> topology.addSource("s3", "twice", "twice")).getMessage());
        topology.addSink("sink", "out", "source");
        assertEquals("Invalid topology: Sink sink cannot be used a parent.",
            assertThrows(TopologyException.class, () -> topology.addProcessor("p", NOOP, "sink")).getMessage());
        topology.addProcessor("p", NOOP, "source");
        assertEquals("Invalid topology: StateStore nope is not added yet.",
            assertThrows(TopologyException.class, () -> topology.connectProcessorAndStateStores("p", "nope"))
                .getMessage());
        Processor<Object, Object, Object, Object> shared = record -> { };
        ProcessorSupplier<Object, Object, Object, Object> single = () -> shared;
        String supplierClass = single.getClass().getName();
        assertEquals(supplierClass + " generates single reference. " + supplierClass + "#get() must return a new"
            + " object each time it is called.", assertThrows(IllegalArgumentException.class,
                () -> topology.addProcessor("q", single, "source")).getMessage());
    }

    @Test
    void shouldDisableLoggingOfAGlobalStore() {
        // Kafka Streams 4.3 turns a global store's logging off (its topic is its changelog) instead of refusing it
        var store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("g"), Serdes.String(), Serdes.String());
        new Topology().addGlobalStore(store, "s", Serdes.String().deserializer(), Serdes.String().deserializer(), "t",
            "p", GlobalUpdater::new);
        assertFalse(store.loggingEnabled());
    }
}
