package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnel.common.config.ConfigException;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.internal.graph.NoOpProcessorWrapper;
import dev.runnel.streams.kstream.Joined;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.kstream.Named;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.processor.api.ContextualFixedKeyProcessor;
import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.FixedKeyProcessor;
import dev.runnel.streams.processor.api.FixedKeyProcessorContext;
import dev.runnel.streams.processor.api.FixedKeyProcessorSupplier;
import dev.runnel.streams.processor.api.FixedKeyRecord;
import dev.runnel.streams.processor.api.Processor;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import dev.runnel.streams.processor.api.ProcessorWrapper;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.processor.api.WrappedFixedKeyProcessorSupplier;
import dev.runnel.streams.processor.api.WrappedProcessorSupplier;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.StoreBuilder;
import dev.runnel.streams.state.Stores;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code processor.wrapper.class} (KIP-1112): every processor of a topology built with the config is wrapped once,
 * under its name, and the wrapped processors are the ones that run.
 */
class ProcessorWrapperTest {
    private static final String RECORDER_CONFIG = "test.wrapper.recorder";

    /** What a {@link RecordingWrapper} saw: how often each processor was wrapped, and records each processed. */
    static final class Recorder {
        final Map<String, Integer> wrapped = new ConcurrentHashMap<>();
        final Map<String, String> kinds = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> processed = new ConcurrentHashMap<>();

        void wrapped(String name, String kind) {
            wrapped.merge(name, 1, Integer::sum);
            kinds.put(name, kind);
        }

        void processed(String name) {
            processed.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
        }

        Map<String, Integer> processedCounts() {
            return processed.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get(), (a, b) -> a, TreeMap::new));
        }
    }

    /** Wraps each processor in one that counts its records; takes its {@link Recorder} from the configs. */
    public static final class RecordingWrapper implements ProcessorWrapper {
        private Recorder recorder;

        @Override
        public void configure(Map<String, ?> configs) {
            recorder = (Recorder) configs.get(RECORDER_CONFIG);
        }

        @Override
        public <KIn, VIn, KOut, VOut> WrappedProcessorSupplier<KIn, VIn, KOut, VOut> wrapProcessorSupplier(
            String processorName, ProcessorSupplier<KIn, VIn, KOut, VOut> processorSupplier) {
            recorder.wrapped(processorName, "processor");
            return new WrappedProcessorSupplier<>() {
                @Override
                public Processor<KIn, VIn, KOut, VOut> get() {
                    Processor<KIn, VIn, KOut, VOut> inner = processorSupplier.get();
                    return new Processor<>() {
                        @Override
                        public void init(ProcessorContext<KOut, VOut> context) {
                            inner.init(context);
                        }

                        @Override
                        public void process(Record<KIn, VIn> record) {
                            recorder.processed(processorName);
                            inner.process(record);
                        }

                        @Override
                        public void close() {
                            inner.close();
                        }
                    };
                }

                @Override
                public Set<StoreBuilder<?>> stores() {
                    return processorSupplier.stores();
                }
            };
        }

        @Override
        public <KIn, VIn, VOut> WrappedFixedKeyProcessorSupplier<KIn, VIn, VOut> wrapFixedKeyProcessorSupplier(
            String processorName, FixedKeyProcessorSupplier<KIn, VIn, VOut> processorSupplier) {
            recorder.wrapped(processorName, "fixed-key");
            return new WrappedFixedKeyProcessorSupplier<>() {
                @Override
                public FixedKeyProcessor<KIn, VIn, VOut> get() {
                    FixedKeyProcessor<KIn, VIn, VOut> inner = processorSupplier.get();
                    return new FixedKeyProcessor<>() {
                        @Override
                        public void init(FixedKeyProcessorContext<KIn, VOut> context) {
                            inner.init(context);
                        }

                        @Override
                        public void process(FixedKeyRecord<KIn, VIn> record) {
                            recorder.processed(processorName);
                            inner.process(record);
                        }

                        @Override
                        public void close() {
                            inner.close();
                        }
                    };
                }

                @Override
                public Set<StoreBuilder<?>> stores() {
                    return processorSupplier.stores();
                }
            };
        }
    }

    /** Appends to each value how many values its key has had, kept in a store the supplier provides. */
    static final class SeenCounter implements ProcessorSupplier<String, String, String, String> {
        private final String storeName;

        SeenCounter(String storeName) {
            this.storeName = storeName;
        }

        @Override
        public Processor<String, String, String, String> get() {
            return new ContextualProcessor<>() {
                private KeyValueStore<String, Long> seen;

                @Override
                public void init(ProcessorContext<String, String> context) {
                    super.init(context);
                    seen = context.getStateStore(storeName);
                }

                @Override
                public void process(Record<String, String> record) {
                    Long before = seen.get(record.key());
                    long now = before == null ? 1 : before + 1;
                    seen.put(record.key(), now);
                    context().forward(record.withValue(record.value() + "#" + now));
                }
            };
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(storeName), Serdes.String(),
                Serdes.Long()));
        }
    }

    private static Properties props(Recorder recorder) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "wrapper");
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        props.put(StreamsConfig.PROCESSOR_WRAPPER_CLASS_CONFIG, RecordingWrapper.class);
        props.put(RECORDER_CONFIG, recorder);
        return props;
    }

    private static TopologyConfig topologyConfig(Properties props) {
        return new TopologyConfig(new StreamsConfig(props));
    }

    private static Set<String> describedProcessors(Topology topology) {
        Set<String> names = new TreeSet<>();
        for (TopologyDescription.Subtopology subtopology : topology.describe().subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Processor) {
                    names.add(node.name());
                }
            }
        }
        for (TopologyDescription.GlobalStore store : topology.describe().globalStores()) {
            names.add(store.processor().name());
        }
        return names;
    }

    @Test
    void wrapsEveryDslAndPapiProcessorOnceAndRunsTheWrappedOnes() {
        Recorder recorder = new Recorder();
        Properties props = props(recorder);
        StreamsBuilder builder = new StreamsBuilder(topologyConfig(props));
        KTable<String, String> users = builder.table("users");
        builder.<String, String>stream("words")
            .filter((key, value) -> !value.isEmpty(), Named.as("non-empty"))
            .mapValues(value -> value.toUpperCase(), Named.as("upper"))
            .process(new SeenCounter("seen"), Named.as("seen-counter"))
            .processValues(() -> new ContextualFixedKeyProcessor<String, String, String>() {
                @Override
                public void process(FixedKeyRecord<String, String> record) {
                    context().forward(record.withValue("<" + record.value() + ">"));
                }
            }, Named.as("brackets"))
            .join(users, (word, user) -> word + "@" + user, Joined.as("with-user"))
            .groupByKey()
            .count(Named.as("count"))
            .toStream(Named.as("counts-stream"))
            .to("counts", Produced.with(Serdes.String(), Serdes.Long()));
        Topology topology = builder.build();

        Set<String> processors = describedProcessors(topology);
        assertEquals(processors, new TreeSet<>(recorder.wrapped.keySet()));
        recorder.wrapped.forEach((name, times) -> assertEquals(1, times, name));
        assertEquals("processor", recorder.kinds.get("seen-counter"));
        assertEquals("fixed-key", recorder.kinds.get("brackets"));

        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props, Instant.EPOCH)) {
            TestInputTopic<String, String> usersIn = driver.createInputTopic("users", Serdes.String().serializer(),
                Serdes.String().serializer());
            TestInputTopic<String, String> words = driver.createInputTopic("words", Serdes.String().serializer(),
                Serdes.String().serializer());
            usersIn.pipeInput("a", "Ann");
            words.pipeInput("a", "x");
            words.pipeInput("b", "");
            words.pipeInput("a", "y");
            words.pipeInput("c", "z"); // no user c: the inner join drops it
            List<String> counts = driver.createOutputTopic("counts", Serdes.String().deserializer(),
                    Serdes.Long().deserializer()).readRecordsToList().stream()
                .map(record -> record.key() + "=" + record.value()).toList();
            assertEquals(List.of("a=1", "a=2"), counts);
            assertEquals(Long.valueOf(2), driver.<String, Long>getKeyValueStore("seen").get("a"));
        }
        // process() may change the key, so the join reads through a repartition topic behind a filter; the table's
        // own processor saw the one user
        Map<String, Integer> expected = new TreeMap<>(Map.of("KTABLE-SOURCE-0000000002", 1, "non-empty", 4,
            "upper", 3, "seen-counter", 3, "brackets", 3, "with-user-repartition-filter", 3, "with-user", 3));
        expected.putAll(Map.of("count", 2, "counts-stream", 2));
        Map<String, Integer> processed = recorder.processedCounts();
        assertEquals(expected, processed);
        assertEquals(processors, processed.keySet(), processed.toString());
    }

    @Test
    void wrapsProcessorsAddedToATopologyAndKeepsTheirStores() {
        Recorder recorder = new Recorder();
        Properties props = props(recorder);
        Topology topology = new Topology(topologyConfig(props));
        topology.addSource("source", "in");
        topology.addProcessor("seen-counter", new SeenCounter("seen"), "source");
        topology.addSink("sink", "out", "seen-counter");
        assertEquals(Map.of("seen-counter", 1), recorder.wrapped);
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props, Instant.EPOCH)) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", Serdes.String().serializer(),
                Serdes.String().serializer());
            in.pipeInput("k", "v");
            in.pipeInput("k", "w");
            assertEquals(List.of("v#1", "w#2"), driver.createOutputTopic("out", Serdes.String().deserializer(),
                Serdes.String().deserializer()).readValuesToList());
        }
        assertEquals(Map.of("seen-counter", 2), recorder.processedCounts());
    }

    @Test
    void wrapsNothingByDefault() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "wrapper");
        assertInstanceOf(NoOpProcessorWrapper.class, topologyConfig(props).processorWrapper());
    }

    @Test
    void refusesAClassThatIsNotAProcessorWrapper() {
        Properties props = props(new Recorder());
        props.put(StreamsConfig.PROCESSOR_WRAPPER_CLASS_CONFIG, String.class.getName());
        String expected = "Unable to instantiate ProcessorWrapper from value of config processor.wrapper.class."
            + " Please provide a valid class that implements the ProcessorWrapper interface.";
        TopologyConfig config = topologyConfig(props);
        assertEquals(expected, assertThrows(ConfigException.class,
            () -> new StreamsBuilder(config)).getMessage());
        assertEquals(expected, assertThrows(ConfigException.class,
            () -> new Topology(config)).getMessage());
        props.put(StreamsConfig.PROCESSOR_WRAPPER_CLASS_CONFIG, "no.such.Wrapper");
        assertThrows(ConfigException.class, () -> new StreamsConfig(props));
    }
}
