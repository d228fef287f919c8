package dev.runnel.streams.kstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.AutoOffsetReset;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.StreamsBuilder;
import dev.runnel.streams.TestInputTopic;
import dev.runnel.streams.TestOutputTopic;
import dev.runnel.streams.Topology;
import dev.runnel.streams.TopologyDescription;
import dev.runnel.streams.TopologyTestDriver;
import dev.runnel.streams.errors.TopologyException;
import dev.runnel.streams.processor.api.ContextualFixedKeyProcessor;
import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.FixedKeyRecord;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.Stores;
import dev.runnel.streams.test.TestRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each stateless KStream operation through TopologyTestDriver, checked record by record against hand-worked output. */
class KStreamStatelessTest {
    private static final Instant T0 = Instant.ofEpochMilli(1_000L);

    /** Builds with {@code topology}, pipes {@code input} into "input" and returns what "output" received. */
    private static List<KeyValue<String, String>> run(Consumer<KStream<String, String>> topology,
        List<KeyValue<String, String>> input) {
        StreamsBuilder builder = new StreamsBuilder();
        topology.accept(builder.stream("input", Consumed.with(Serdes.String(), Serdes.String())));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), stringDefaults(), T0)) {
            TestInputTopic<String, String> in =
                driver.createInputTopic("input", Serdes.String().serializer(), Serdes.String().serializer());
            TestOutputTopic<String, String> out =
                driver.createOutputTopic("output", Serdes.String().deserializer(), Serdes.String().deserializer());
            in.pipeKeyValueList(input);
            return out.readKeyValuesToList();
        }
    }

    private static final List<KeyValue<String, String>> WORDS = List.of(
        KeyValue.pair("a", "apple"), KeyValue.pair("b", "banana"), KeyValue.pair("c", "cherry"),
        KeyValue.pair("d", "date"), KeyValue.pair(null, "elderberry"));

    @Test
    void shouldKeepRecordsPassingFilter() {
        assertEquals(List.of(KeyValue.pair("b", "banana"), KeyValue.pair("c", "cherry"),
                KeyValue.pair(null, "elderberry")),
            run(s -> s.filter((k, v) -> v.length() > 5).to("output"), WORDS));
    }

    @Test
    void shouldPrintEachRecordToAFileLabelledWithTheProcessorNameOrTheGivenLabel(@TempDir Path dir)
        throws IOException {
        Path plain = dir.resolve("plain.txt");
        Path labelled = dir.resolve("labelled.txt");
        run(s -> {
            s.print(Printed.toFile(plain.toString()));
            s.print(Printed.<String, String>toFile(labelled.toString()).withLabel("fruit")
                .withKeyValueMapper((k, v) -> k + "=" + v.length()));
        }, WORDS.subList(0, 2));
        assertEquals(List.of("[KSTREAM-PRINTER-0000000001]: a, apple", "[KSTREAM-PRINTER-0000000001]: b, banana"),
            Files.readAllLines(plain));
        assertEquals(List.of("[fruit]: a=5", "[fruit]: b=6"), Files.readAllLines(labelled));
    }

    @Test
    void shouldCreateThePrintFileWhenItIsGivenAndRefuseAPathThatCannotBeWritten(@TempDir Path dir) {
        // as in Kafka Streams, Printed.toFile opens the file at once: it exists before the topology runs, and a
        // directory is refused then (the message ends with the file system's reason)
        Path file = dir.resolve("printed.txt");
        Printed.toFile(file.toString());
        assertTrue(Files.exists(file));
        TopologyException error = assertThrows(TopologyException.class, () -> Printed.toFile(dir.toString()));
        assertTrue(error.getMessage().startsWith("Invalid topology: Unable to write stream to file at [" + dir + "] "),
            error.getMessage());
    }

    @Test
    void shouldRekeyATablesUpdatesWithToStreamAndAMapper() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.table("input", Consumed.with(Serdes.String(), Serdes.String()))
            .toStream((key, value) -> key + "/" + value)
            .to("output");
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), stringDefaults(), T0)) {
            driver.createInputTopic("input", Serdes.String().serializer(), Serdes.String().serializer())
                .pipeKeyValueList(List.of(KeyValue.pair("a", "1"), KeyValue.pair("a", "2")));
            assertEquals(List.of(KeyValue.pair("a/1", "1"), KeyValue.pair("a/2", "2")),
                driver.createOutputTopic("output", Serdes.String().deserializer(), Serdes.String().deserializer())
                    .readKeyValuesToList());
        }
    }

    @Test
    void shouldKeepRecordsFailingFilterNot() {
        assertEquals(List.of(KeyValue.pair("a", "apple"), KeyValue.pair("d", "date")),
            run(s -> s.filterNot((k, v) -> v.length() > 5).to("output"), WORDS));
    }

    @Test
    void shouldReplaceKeyAndValueWithMap() {
        assertEquals(List.of(KeyValue.pair("apple", "a"), KeyValue.pair("banana", "b")),
            run(s -> s.map((k, v) -> KeyValue.pair(v, k)).to("output"), WORDS.subList(0, 2)));
    }

    @Test
    void shouldReplaceValueWithMapValues() {
        assertEquals(List.of(KeyValue.pair("a", "APPLE"), KeyValue.pair("b", "BANANA")),
            run(s -> s.mapValues(v -> v.toUpperCase(java.util.Locale.ROOT)).to("output"), WORDS.subList(0, 2)));
    }

    @Test
    void shouldSeeKeyInMapValuesWithKey() {
        assertEquals(List.of(KeyValue.pair("a", "a=apple"), KeyValue.pair("b", "b=banana")),
            run(s -> s.mapValues((k, v) -> k + "=" + v).to("output"), WORDS.subList(0, 2)));
    }

    @Test
    void shouldEmitZeroOrMorePairsWithFlatMap() {
        // "a b" becomes two records keyed by word, "" becomes none, "c" one.
        assertEquals(List.of(KeyValue.pair("a", "1"), KeyValue.pair("b", "1"), KeyValue.pair("c", "3")),
            run(s -> s.<String, String>flatMap((k, v) -> {
                List<KeyValue<String, String>> out = new ArrayList<>();
                for (String word : v.split(" ")) {
                    if (!word.isEmpty()) {
                        out.add(KeyValue.pair(word, k));
                    }
                }
                return out;
            }).to("output"), List.of(KeyValue.pair("1", "a b"), KeyValue.pair("2", ""), KeyValue.pair("3", "c"))));
    }

    @Test
    void shouldEmitOneRecordPerValueWithFlatMapValues() {
        assertEquals(List.of(KeyValue.pair("k1", "x"), KeyValue.pair("k1", "y"), KeyValue.pair("k3", "z")),
            run(s -> s.flatMapValues(v -> Arrays.asList(v.split(","))).filter((k, v) -> !v.isEmpty()).to("output"),
                List.of(KeyValue.pair("k1", "x,y"), KeyValue.pair("k2", ""), KeyValue.pair("k3", "z"))));
    }

    @Test
    void shouldSeeKeyInFlatMapValuesWithKey() {
        assertEquals(List.of(KeyValue.pair("k", "k1"), KeyValue.pair("k", "k2")),
            run(s -> s.flatMapValues((k, v) -> List.of(k + "1", k + "2")).to("output"),
                List.of(KeyValue.pair("k", "ignored"))));
    }

    @Test
    void shouldReplaceKeyWithSelectKey() {
        assertEquals(List.of(KeyValue.pair("5", "apple"), KeyValue.pair("6", "banana")),
            run(s -> s.selectKey((k, v) -> Integer.toString(v.length())).to("output"), WORDS.subList(0, 2)));
    }

    @Test
    void shouldRunPeekAndPassRecordsOn() {
        List<String> seen = new ArrayList<>();
        assertEquals(WORDS.subList(0, 2), run(s -> s.peek((k, v) -> seen.add(k + ":" + v)).to("output"),
            WORDS.subList(0, 2)));
        assertEquals(List.of("a:apple", "b:banana"), seen);
    }

    @Test
    void shouldRunForeachAsTerminalOperation() {
        List<String> seen = new ArrayList<>();
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("input", Consumed.with(Serdes.String(), Serdes.String())).foreach((k, v) -> seen.add(k + v));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), stringDefaults(), T0)) {
            driver.createInputTopic("input", Serdes.String().serializer(), Serdes.String().serializer())
                .pipeKeyValueList(WORDS.subList(0, 3));
            assertEquals(List.of("aapple", "bbanana", "ccherry"), seen);
            assertTrue(driver.producedTopicNames().isEmpty());
        }
    }

    @Test
    void shouldRunAForeachProcessorOnEachRecord() {
        List<String> seen = new ArrayList<>();
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("input", Consumed.with(Serdes.String(), Serdes.String()))
            .process(() -> new ForeachProcessor<String, String>((k, v) -> seen.add(k + "=" + v)));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), stringDefaults(), T0)) {
            driver.createInputTopic("input", Serdes.String().serializer(), Serdes.String().serializer())
                .pipeKeyValueList(WORDS.subList(0, 2));
            assertEquals(List.of("a=apple", "b=banana"), seen);
        }
    }

    @Test
    void shouldRouteEachRecordToFirstMatchingBranchOrDefault() {
        StreamsBuilder builder = new StreamsBuilder();
        Map<String, KStream<String, String>> branches = builder
            .stream("input", Consumed.with(Serdes.String(), Serdes.String()))
            .split(Named.as("fruit-"))
            .branch((k, v) -> v.startsWith("a"), Branched.as("a"))
            .branch((k, v) -> v.length() == 6, Branched.withFunction(s -> s.mapValues(v -> v + "!"), "six"))
            .branch((k, v) -> v.startsWith("d"), Branched.withConsumer(s -> s.to("d-words")))
            .defaultBranch();
        // A branch given to a consumer is not in the map, a HashMap as in Kafka (so in no particular order).
        assertEquals(Set.of("fruit-a", "fruit-six", "fruit-0"), branches.keySet());
        branches.get("fruit-a").to("a-words");
        branches.get("fruit-six").to("six-words");
        branches.get("fruit-0").to("other-words");
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), stringDefaults(), T0)) {
            // "apple" and "avocado" match the first branch; "banana" and "cherry" the second (6 letters, not 'a');
            // "date" the consumer branch; "elderberry" none, so the default.
            driver.createInputTopic("input", Serdes.String().serializer(), Serdes.String().serializer())
                .pipeKeyValueList(List.of(KeyValue.pair("1", "apple"), KeyValue.pair("2", "banana"),
                    KeyValue.pair("3", "avocado"), KeyValue.pair("4", "cherry"), KeyValue.pair("5", "date"),
                    KeyValue.pair("6", "elderberry")));
            assertEquals(List.of(KeyValue.pair("1", "apple"), KeyValue.pair("3", "avocado")), read(driver, "a-words"));
            assertEquals(List.of(KeyValue.pair("2", "banana!"), KeyValue.pair("4", "cherry!")),
                read(driver, "six-words"));
            assertEquals(List.of(KeyValue.pair("5", "date")), read(driver, "d-words"));
            assertEquals(List.of(KeyValue.pair("6", "elderberry")), read(driver, "other-words"));
        }
    }

    @Test
    void shouldDropUnmatchedRecordsWithoutDefaultBranch() {
        StreamsBuilder builder = new StreamsBuilder();
        Map<String, KStream<String, String>> branches = builder
            .stream("input", Consumed.with(Serdes.String(), Serdes.String()))
            .split()
            .branch((k, v) -> v.startsWith("a"))
            .noDefaultBranch();
        // Unnamed split: branch names are the generated split name plus the 1-based position.
        assertEquals(List.of("KSTREAM-BRANCH-00000000011"), List.copyOf(branches.keySet()));
        branches.values().iterator().next().to("output");
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), stringDefaults(), T0)) {
            driver.createInputTopic("input", Serdes.String().serializer(), Serdes.String().serializer())
                .pipeKeyValueList(WORDS);
            assertEquals(List.of(KeyValue.pair("a", "apple")), read(driver, "output"));
        }
    }

    @Test
    void shouldMergeStreamsInProcessingOrder() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> left = builder.stream("left", Consumed.with(Serdes.String(), Serdes.String()));
        KStream<String, String> right = builder.stream("right", Consumed.with(Serdes.String(), Serdes.String()));
        left.merge(right).to("output", Produced.with(Serdes.String(), Serdes.String()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), stringDefaults(), T0)) {
            TestInputTopic<String, String> l =
                driver.createInputTopic("left", Serdes.String().serializer(), Serdes.String().serializer());
            TestInputTopic<String, String> r =
                driver.createInputTopic("right", Serdes.String().serializer(), Serdes.String().serializer());
            l.pipeInput("l", "1");
            r.pipeInput("r", "2");
            l.pipeInput("l", "3");
            assertEquals(List.of(KeyValue.pair("l", "1"), KeyValue.pair("r", "2"), KeyValue.pair("l", "3")),
                read(driver, "output"));
        }
    }

    @Test
    void shouldShareOneSourceBetweenStreamsOfTheSameTopics() {
        // Kafka Streams reads a topic set once, however many streams the application makes of it: the later ones
        // become children of the first source (their own source still takes its index: the sinks are 1 and 3).
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(List.of("input", "more")).to("output");
        builder.stream(List.of("more", "input"), Consumed.as("ignored")).mapValues(v -> v + "!").to("output");
        Topology topology = builder.build();
        assertEquals(Set.of("KSTREAM-SOURCE-0000000000", "KSTREAM-SINK-0000000001", "KSTREAM-MAPVALUES-0000000003",
                "KSTREAM-SINK-0000000004"), topology.describe().subtopologies().iterator().next().nodes().stream()
            .map(TopologyDescription.Node::name).collect(Collectors.toSet()));
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, stringDefaults(), T0)) {
            driver.createInputTopic("more", Serdes.String().serializer(), Serdes.String().serializer())
                .pipeInput("k", "v");
            assertEquals(List.of(KeyValue.pair("k", "v"), KeyValue.pair("k", "v!")), read(driver, "output"));
        }
    }

    @Test
    void shouldRefuseStreamsOfOverlappingTopicsOrOfOneTopicWithTwoResetPolicies() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(List.of("a", "b"), Consumed.with(AutoOffsetReset.earliest()));
        assertEquals("Invalid topology: Two source nodes are subscribed to overlapping but not equal input topics",
            assertThrows(TopologyException.class, () -> builder.stream("a")).getMessage());
        assertEquals("Invalid topology: Can't configure different offset reset policies on the same input topic(s)",
            assertThrows(TopologyException.class, () -> builder.stream(List.of("b", "a"))).getMessage());
    }

    @Test
    void shouldWriteToTopicChosenPerRecordWithTimestampAndHeaders() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("input", Consumed.with(Serdes.String(), Serdes.String()))
            .to((key, value, context) -> "topic-" + key, Produced.with(Serdes.String(), Serdes.String()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), stringDefaults(), T0)) {
            TestInputTopic<String, String> in =
                driver.createInputTopic("input", Serdes.String().serializer(), Serdes.String().serializer());
            dev.runnel.streams.internal.runtime.StreamsHeaders headers = new dev.runnel.streams.internal.runtime
                .StreamsHeaders();
            headers.add("h", new byte[] {1});
            in.pipeInput(new TestRecord<>("x", "v1", headers, 42L));
            in.pipeInput("y", "v2", 43L);
            assertEquals(java.util.Set.of("topic-x", "topic-y"), driver.producedTopicNames());
            TestRecord<String, String> x = driver.createOutputTopic("topic-x", Serdes.String().deserializer(),
                Serdes.String().deserializer()).readRecord();
            assertEquals(new TestRecord<>("x", "v1", headers, 42L), x);
            assertEquals(KeyValue.pair("y", "v2"), read(driver, "topic-y").get(0));
        }
    }

    @Test
    void shouldSendARecordToEachPartitionThePartitionerNamesAndDropItForNone() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("input", Consumed.with(Serdes.String(), Serdes.String()))
            .to("output", Produced.with(Serdes.String(), Serdes.String(), (topic, key, value, partitions) -> {
                if (value.equals("everywhere")) {
                    return Optional.of(Set.of(0, 1, 2));
                }
                return value.equals("nowhere") ? Optional.of(Set.of()) : Optional.empty();
            }));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), stringDefaults(), T0)) {
            driver.createInputTopic("input", Serdes.String().serializer(), Serdes.String().serializer())
                .pipeKeyValueList(List.of(KeyValue.pair("a", "everywhere"), KeyValue.pair("b", "nowhere"),
                    KeyValue.pair("c", "default")));
            TestOutputTopic<String, String> out =
                driver.createOutputTopic("output", Serdes.String().deserializer(), Serdes.String().deserializer());
            assertEquals(List.of(KeyValue.pair("a", "everywhere"), KeyValue.pair("a", "everywhere"),
                KeyValue.pair("a", "everywhere"), KeyValue.pair("c", "default")), out.readKeyValuesToList());
        }
    }

    @Test
    void shouldUseProducedSerdesAndPartitioner() {
        StreamsBuilder builder = new StreamsBuilder();
        List<Integer> partitionsSeen = new ArrayList<>();
        builder.stream("input", Consumed.with(Serdes.String(), Serdes.String()))
            .mapValues(v -> (long) v.length())
            .to("lengths", Produced.with(Serdes.String(), Serdes.Long(), (topic, key, value, partitions) -> {
                partitionsSeen.add(partitions);
                return Optional.of(Set.of(0));
            }));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), stringDefaults(), T0)) {
            driver.createInputTopic("input", Serdes.String().serializer(), Serdes.String().serializer())
                .pipeInput("a", "four");
            TestOutputTopic<String, Long> out =
                driver.createOutputTopic("lengths", Serdes.String().deserializer(), Serdes.Long().deserializer());
            assertEquals(KeyValue.pair("a", 4L), out.readKeyValue());
            assertEquals(List.of(1), partitionsSeen);
        }
    }

    @Test
    void shouldRunProcessorWithConnectedStore() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("seen"), Serdes.String(),
            Serdes.Long()));
        builder.stream("input", Consumed.with(Serdes.String(), Serdes.String()))
            .process(() -> new ContextualProcessor<String, String, String, String>() {
                private KeyValueStore<String, Long> seen;

                @Override
                public void init(dev.runnel.streams.processor.api.ProcessorContext<String, String> context) {
                    super.init(context);
                    seen = context.getStateStore("seen");
                }

                @Override
                public void process(Record<String, String> record) {
                    Long count = seen.get(record.key());
                    long next = count == null ? 1 : count + 1;
                    seen.put(record.key(), next);
                    context().forward(record.withKey(record.value()).withValue(record.key() + "#" + next));
                }
            }, "seen")
            .to("output", Produced.with(Serdes.String(), Serdes.String()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), stringDefaults(), T0)) {
            driver.createInputTopic("input", Serdes.String().serializer(), Serdes.String().serializer())
                .pipeKeyValueList(List.of(KeyValue.pair("k", "x"), KeyValue.pair("j", "y"), KeyValue.pair("k", "z")));
            assertEquals(List.of(KeyValue.pair("x", "k#1"), KeyValue.pair("y", "j#1"), KeyValue.pair("z", "k#2")),
                read(driver, "output"));
            assertEquals(2L, driver.<String, Long>getKeyValueStore("seen").get("k"));
            // Each put was logged to the changelog, keyed by the store key.
            TestOutputTopic<String, Long> changelog = driver.createOutputTopic(
                "dummy-topology-test-driver-app-id-seen-changelog", Serdes.String().deserializer(),
                Serdes.Long().deserializer());
            assertEquals(List.of(KeyValue.pair("k", 1L), KeyValue.pair("j", 1L), KeyValue.pair("k", 2L)),
                changelog.readKeyValuesToList());
        }
    }

    @Test
    void shouldRunFixedKeyProcessorWithProcessValues() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("input", Consumed.with(Serdes.String(), Serdes.String()))
            .processValues(() -> new ContextualFixedKeyProcessor<String, String, String>() {
                @Override
                public void process(FixedKeyRecord<String, String> record) {
                    context().forward(record.withValue(record.value() + "@" + record.timestamp())
                        .withTimestamp(record.timestamp() + 1));
                }
            })
            .to("output", Produced.with(Serdes.String(), Serdes.String()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), stringDefaults(), T0)) {
            driver.createInputTopic("input", Serdes.String().serializer(), Serdes.String().serializer())
                .pipeInput("k", "v", 10L);
            TestRecord<String, String> out = driver.createOutputTopic("output", Serdes.String().deserializer(),
                Serdes.String().deserializer()).readRecord();
            assertEquals(new TestRecord<>("k", "v@10", null, 11L), out);
        }
    }

    @Test
    void shouldReadTableUpdatesAsStream() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.table("table", Consumed.with(Serdes.String(), Serdes.String())).toStream()
            .to("output", Produced.with(Serdes.String(), Serdes.String()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), stringDefaults(), T0)) {
            driver.createInputTopic("table", Serdes.String().serializer(), Serdes.String().serializer())
                .pipeKeyValueList(List.of(KeyValue.pair("a", "1"), KeyValue.pair("a", "2"), KeyValue.pair("b", "3"),
                    KeyValue.pair("a", null)));
            assertEquals(List.of(KeyValue.pair("a", "1"), KeyValue.pair("a", "2"), KeyValue.pair("b", "3"),
                KeyValue.pair("a", null)), read(driver, "output"));
        }
    }

    @Test
    void shouldFillGlobalTableStoreReadableFromOtherTasks() {
        StreamsBuilder builder = new StreamsBuilder();
        GlobalKTable<String, String> global = builder.globalTable("countries",
            Consumed.with(Serdes.String(), Serdes.String()));
        assertEquals(null, global.queryableStoreName());
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), stringDefaults(), T0)) {
            driver.createInputTopic("countries", Serdes.String().serializer(), Serdes.String().serializer())
                .pipeKeyValueList(List.of(KeyValue.pair("fr", "France"), KeyValue.pair("de", "Germany")));
            assertEquals("Germany", driver.<String, String>getKeyValueStore("countries-STATE-STORE-0000000000")
                .get("de"));
            assertTrue(driver.producedTopicNames().isEmpty(), "global stores have no changelog");
        }
    }

    @Test
    void shouldReprocessRecordsWrittenToTopicTheTopologyReads() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("input", Consumed.with(Serdes.String(), Serdes.String())).mapValues(v -> v + "1").to("middle");
        builder.stream("middle", Consumed.with(Serdes.String(), Serdes.String())).mapValues(v -> v + "2")
            .to("output");
        java.util.Properties props = new java.util.Properties();
        props.put("default.key.serde", Serdes.StringSerde.class);
        props.put("default.value.serde", Serdes.StringSerde.class.getName());
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props, T0)) {
            driver.createInputTopic("input", Serdes.String().serializer(), Serdes.String().serializer())
                .pipeInput("k", "v");
            assertEquals(List.of(KeyValue.pair("k", "v12")), read(driver, "output"));
            assertEquals(java.util.Set.of("middle", "output"), driver.producedTopicNames());
        }
    }

    /** Default serdes for the sinks after value- or key-changing operations, whose serdes are unknown. */
    private static java.util.Properties stringDefaults() {
        java.util.Properties props = new java.util.Properties();
        props.put("default.key.serde", Serdes.StringSerde.class);
        props.put("default.value.serde", Serdes.StringSerde.class);
        return props;
    }

    private static List<KeyValue<String, String>> read(TopologyTestDriver driver, String topic) {
        return driver.createOutputTopic(topic, Serdes.String().deserializer(), Serdes.String().deserializer())
            .readKeyValuesToList();
    }
}
