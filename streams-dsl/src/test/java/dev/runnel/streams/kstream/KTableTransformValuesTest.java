package dev.runnel.streams.kstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.header.internals.RecordHeaders;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.StreamsBuilder;
import dev.runnel.streams.TestInputTopic;
import dev.runnel.streams.Topology;
import dev.runnel.streams.errors.StreamsException;
import dev.runnel.streams.errors.TopologyException;
import dev.runnel.streams.processor.ProcessorContext;
import dev.runnel.streams.processor.PunctuationType;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.Stores;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class KTableTransformValuesTest {

    /** Numbers each key's updates in the connected store "versions" and tags the value with key, version, source. */
    private static final class Versioned implements ValueTransformerWithKey<String, String, String> {
        private ProcessorContext context;
        private KeyValueStore<String, Long> versions;

        @Override
        public void init(ProcessorContext context) {
            this.context = context;
            versions = context.getStateStore("versions");
        }

        @Override
        public String transform(String key, String value) {
            if (value == null) {
                versions.delete(key);
                return null;
            }
            Long previous = versions.get(key);
            long version = previous == null ? 1 : previous + 1;
            versions.put(key, version);
            return key + "/" + value + "#" + version + " from " + context.topic() + "@" + context.offset();
        }

        @Override
        public void close() {
        }
    }

    /** Upper-cases values, and counts its calls in the value it returns; keeps no store. */
    private static final class CallCounting implements ValueTransformerWithKey<String, String, String> {
        private int calls;

        @Override
        public void init(ProcessorContext context) {
        }

        @Override
        public String transform(String key, String value) {
            calls++;
            return value == null ? null : value.toUpperCase(Locale.ROOT) + "#" + calls;
        }

        @Override
        public void close() {
        }
    }

    private static StreamsBuilder builderWithVersionsStore() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("versions"), Serdes.String(),
            Serdes.Long()));
        return builder;
    }

    @Test
    void shouldTransformEachUpdateWithTheKeyAndAConnectedStore() {
        StreamsBuilder builder = builderWithVersionsStore();
        builder.<String, String>table("t").transformValues(Versioned::new, "versions").toStream().to("out");
        try (JoinFixture f = new JoinFixture(builder.build())) {
            TestInputTopic<String, String> in = f.input("t");
            in.pipeInput("A", "a1", 1);
            assertEquals(List.of("A:A/a1#1 from t@0@1"), f.read("out"));
            in.pipeInput("A", "a2", 2);
            in.pipeInput("B", "b1", 3);
            // Only the new value is transformed: toStream reads no old values, so versions count updates exactly.
            assertEquals(List.of("A:A/a2#2 from t@1@2", "B:B/b1#1 from t@2@3"), f.read("out"));
            assertEquals(2L, f.driver.<String, Long>getKeyValueStore("versions").get("A"));
            in.pipeInput("A", null, 4);
            assertEquals(List.of("A:null@4"), f.read("out"));
            assertNull(f.driver.<String, Long>getKeyValueStore("versions").get("A"));
        }
    }

    /**
     * A transformer's context is that of the record it is given, not of the input record: the processor upstream
     * forwards the input at 5 as a record at 105 with header h=1 (keeping the key, so no repartition topic carries it),
     * so the context reads 105 and h=1 (the runtime makes a forwarded record's context only when something asks).
     */
    @Test
    void shouldSeeTheForwardedRecordsTimestampAndHeadersInItsContext() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream("in")
            .processValues(() -> new dev.runnel.streams.processor.api.FixedKeyProcessor<String, String, String>() {
                private dev.runnel.streams.processor.api.FixedKeyProcessorContext<String, String> context;

                @Override
                public void init(dev.runnel.streams.processor.api.FixedKeyProcessorContext<String, String> context) {
                    this.context = context;
                }

                @Override
                public void process(dev.runnel.streams.processor.api.FixedKeyRecord<String, String> record) {
                    context.forward(record.withTimestamp(record.timestamp() + 100)
                        .withHeaders(new RecordHeaders().add("h", "1".getBytes(StandardCharsets.UTF_8))));
                }
            })
            .toTable()
            .transformValues(() -> new ValueTransformerWithKey<String, String, String>() {
                private ProcessorContext context;

                @Override
                public void init(ProcessorContext context) {
                    this.context = context;
                }

                @Override
                public String transform(String key, String value) {
                    return value + " at " + context.timestamp() + " h="
                        + new String(context.headers().lastHeader("h").value(), StandardCharsets.UTF_8);
                }

                @Override
                public void close() {
                }
            })
            .toStream().to("out");
        try (JoinFixture f = new JoinFixture(builder.build())) {
            f.input("in").pipeInput("k", "v", 5);
            assertEquals(List.of("k:v at 105 h=1@105"), f.read("out"));
        }
    }

    @Test
    void shouldKeepAMaterializedResultQueryableAndSendItsStoredOldValue() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> tagged = builder.<String, String>table("t")
            .transformValues(CallCounting::new, Materialized.as("tagged"));
        tagged.groupBy((key, value) -> KeyValue.pair(value, value)).count(Materialized.as("counts"));
        try (JoinFixture f = new JoinFixture(builder.build())) {
            TestInputTopic<String, String> in = f.input("t");
            in.pipeInput("A", "a", 1);
            assertEquals("A#1", f.driver.<String, String>getKeyValueStore("tagged").get("A"));
            in.pipeInput("A", "b", 2);
            assertEquals("B#2", f.driver.<String, String>getKeyValueStore("tagged").get("A"));
            // The old value comes from the store: "A#1" is subtracted and the transformer ran once per update.
            KeyValueStore<String, Long> counts = f.driver.getKeyValueStore("counts");
            assertEquals(0L, counts.get("A#1"));
            assertEquals(1L, counts.get("B#2"));
            in.pipeInput("A", null, 3);
            assertNull(f.driver.<String, String>getKeyValueStore("tagged").get("A"));
            assertEquals(0L, counts.get("B#2"));
        }
    }

    /** Drops values starting with "x" (null), upper-cases the others; stateless. */
    private static final class DropX implements ValueTransformerWithKey<String, String, String> {
        @Override
        public void init(ProcessorContext context) {
        }

        @Override
        public String transform(String key, String value) {
            return value == null || value.startsWith("x") ? null : value.toUpperCase(Locale.ROOT);
        }

        @Override
        public void close() {
        }
    }

    /**
     * A cached materialized result is forwarded through its store's cache, as Kafka Streams' is: a null result for a
     * key the store does not hold is no tombstone downstream; uncached, every result is forwarded.
     */
    @Test
    void shouldForwardACachedMaterializedResultThroughItsCache() {
        Materialized<String, String, KeyValueStore<dev.runnel.common.utils.Bytes, byte[]>> store =
            Materialized.as("upper");
        assertEquals(List.of("A:OK@2", "A:null@3"), dropXOutputs(store));
        assertEquals(EVERY_RESULT, dropXOutputs(store.withCachingDisabled()));
    }

    private static final List<String> EVERY_RESULT = List.of("A:null@1", "A:OK@2", "A:null@3", "A:null@4");

    /** Returns what transformValues(DropX) materialized as {@code store} outputs for x1, ok, x2 and x3 of key A. */
    private static List<String> dropXOutputs(
        Materialized<String, String, KeyValueStore<dev.runnel.common.utils.Bytes, byte[]>> store) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>table("t").transformValues(DropX::new, store).toStream().to("out");
        try (JoinFixture f = new JoinFixture(builder.build())) {
            TestInputTopic<String, String> in = f.input("t");
            in.pipeInput("A", "x1", 1);
            in.pipeInput("A", "ok", 2);
            in.pipeInput("A", "x2", 3);
            in.pipeInput("A", "x3", 4);
            return f.read("out");
        }
    }

    /**
     * As in Kafka Streams, a result materialized without a name (Materialized.with) is no store of the user's: Kafka
     * does not materialize it and forwards every result, tombstones of keys it never held too.
     */
    @Test
    void shouldForwardEveryResultMaterializedWithoutAName() {
        assertEquals(EVERY_RESULT, dropXOutputs(Materialized.with(Serdes.String(), Serdes.String())));
    }

    /** Upper-cases values with the key; needs the connected store "seen", which it records each value in. */
    private static final class KeyedUpperCase implements ValueTransformerWithKey<String, String, String> {
        private KeyValueStore<String, String> seen;

        @Override
        public void init(ProcessorContext context) {
            seen = context.getStateStore("seen");
        }

        @Override
        public String transform(String key, String value) {
            if (value == null) {
                return null;
            }
            seen.put(key, value);
            return key + "=" + value.toUpperCase(Locale.ROOT);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void shouldJoinAgainstAnUnmaterializedResultThroughItsValueGetter() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("seen"), Serdes.String(),
            Serdes.String()));
        KTable<String, String> left = builder.table("left");
        KTable<String, String> right = builder.<String, String>table("right")
            .transformValues(KeyedUpperCase::new, "seen");
        left.join(right, (l, r) -> l + "+" + r).toStream().to("out");
        try (JoinFixture f = new JoinFixture(builder.build())) {
            f.input("right").pipeInput("A", "r1", 5);
            assertEquals(List.of(), f.read("out"));
            // The left update looks the right value up: the getter transforms the right table's current value.
            f.input("left").pipeInput("A", "l1", 3);
            assertEquals(List.of("A:l1+A=R1@5"), f.read("out"));
            f.input("right").pipeInput("A", "r2", 6);
            f.input("left").pipeInput("B", "l2", 7);
            f.input("left").pipeInput("A", "l3", 8);
            assertEquals(List.of("A:l1+A=R2@6", "A:l3+A=R2@8"), f.read("out"));
            f.input("right").pipeInput("A", null, 9);
            assertEquals(List.of("A:null@9"), f.read("out"));
        }
    }

    @Test
    void shouldCloseTheTransformersOfATableJoinsLookupsWhenTheDriverCloses() {
        StreamsBuilder builder = new StreamsBuilder();
        LifecycleCountingSupplier transformers = new LifecycleCountingSupplier();
        KTable<String, String> right = builder.<String, String>table("right").transformValues(transformers);
        builder.<String, String>table("left").join(right, (l, r) -> l + "+" + r).toStream().to("out");
        assertDriverClosesTheOperatorsAndTheLookupsTransformer(builder, transformers, "right", "left", "A:o+T@2");
    }

    @Test
    void shouldCloseTheTransformersOfAStreamTableJoinsLookupsWhenTheDriverCloses() {
        StreamsBuilder builder = new StreamsBuilder();
        LifecycleCountingSupplier transformers = new LifecycleCountingSupplier();
        // The mapValues getter wraps the transforming getter, so it must close it.
        KTable<String, String> table = builder.<String, String>table("table")
            .transformValues(transformers)
            .mapValues(value -> value + "!");
        builder.<String, String>stream("stream").join(table, (s, t) -> s + "+" + t).to("out");
        assertDriverClosesTheOperatorsAndTheLookupsTransformer(builder, transformers, "table", "stream", "A:o+T!@2");
    }

    /**
     * Joins "o" at time 2 with the table's "t" at time 1 (upper-cased by the transformer), expecting {@code joined} on
     * "out"; then, once the driver is closed, expects the driver's two transformers, one for the operator and one for
     * the join's lookups of the table, each initialized and closed once.
     */
    private static void assertDriverClosesTheOperatorsAndTheLookupsTransformer(StreamsBuilder builder,
        LifecycleCountingSupplier transformers, String tableTopic, String otherTopic, String joined) {
        Topology topology = builder.build();
        transformers.forgetCreated();
        try (JoinFixture f = new JoinFixture(topology)) {
            f.input(tableTopic).pipeInput("A", "t", 1);
            f.input(otherTopic).pipeInput("A", "o", 2);
            assertEquals(List.of(joined), f.read("out"));
        }
        assertEquals(List.of("init 1, close 1", "init 1, close 1"), transformers.lifecycles());
    }

    @Test
    void shouldRejectForwardingFromTheTransformerContext() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>table("t").transformValues(() -> new ValueTransformerWithKey<String, String, String>() {
            private ProcessorContext context;

            @Override
            public void init(ProcessorContext context) {
                this.context = context;
            }

            @Override
            public String transform(String key, String value) {
                context.forward(key, value);
                return value;
            }

            @Override
            public void close() {
            }
        }).toStream().to("out");
        try (JoinFixture f = new JoinFixture(builder.build())) {
            StreamsException error = assertThrows(StreamsException.class, () -> f.input("t").pipeInput("A", "a", 1));
            // Kafka Streams' words.
            assertTrue(messages(error).contains("ProcessorContext#forward() is not supported from this context, as the"
                + " framework must ensure the key is not changed (#forward allows changing the key on messages which"
                + " are sent). Use KStream.process() if you need to change the key."), messages(error));
            assertEquals(List.of(), f.read("out"));
        }
    }

    private static String messages(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            text.append(cause.getMessage()).append('\n');
        }
        return text.toString();
    }

    /** Tags values with how many wall-clock punctuations, scheduled in init, have run. */
    private static final class Generations implements ValueTransformerWithKey<String, String, String> {
        private int generation;

        @Override
        public void init(ProcessorContext context) {
            context.schedule(Duration.ofSeconds(10), PunctuationType.WALL_CLOCK_TIME, now -> generation++);
        }

        @Override
        public String transform(String key, String value) {
            return value == null ? null : value + "/gen" + generation;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void shouldRunPunctuationsScheduledFromInit() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>table("t").transformValues(Generations::new, Named.as("generations"))
            .toStream().to("out");
        try (JoinFixture f = new JoinFixture(builder.build())) {
            f.input("t").pipeInput("A", "a", 1);
            f.driver.advanceWallClockTime(Duration.ofSeconds(10));
            f.input("t").pipeInput("A", "b", 2);
            f.driver.advanceWallClockTime(Duration.ofSeconds(20));
            f.input("t").pipeInput("A", "c", 3);
            assertEquals(List.of("A:a/gen0@1", "A:b/gen1@2", "A:c/gen2@3"), f.read("out"));
        }
    }

    @Test
    void shouldRejectUnknownStoresAndSuppliersReturningOneInstance() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> table = builder.table("t");
        CallCounting shared = new CallCounting();
        assertThrows(IllegalArgumentException.class, () -> table.transformValues(() -> shared));
        // As in Kafka Streams, an unknown store fails the build, not the call.
        table.transformValues(CallCounting::new, "missing");
        TopologyException unknown = assertThrows(TopologyException.class, builder::build);
        assertTrue(unknown.getMessage().contains("missing"), unknown.getMessage());
    }
}
