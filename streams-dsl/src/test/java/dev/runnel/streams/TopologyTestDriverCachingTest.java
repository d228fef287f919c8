package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.common.header.Header;
import dev.runnel.common.header.internals.RecordHeaders;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.processor.api.Processor;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.processor.api.RecordMetadata;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.test.TestRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The driver runs stores with their record cache and commits after each input record, as Kafka's does: the updates
 * of a key that one input record causes reach downstream as one record, each input record gets its own output, and
 * a cache switched off (per store or by size 0) forwards every update.
 */
class TopologyTestDriverCachingTest {
    private static final List<String> THREE_WORDS = List.of("x", "x", "x");

    /** Splits each value into three records of its key, counted as {@code materialized} says, to "counts". */
    private static Topology countOfThree(
        UnaryOperator<Materialized<String, Long, KeyValueStore<Bytes, byte[]>>> materialized) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .flatMapValues(value -> THREE_WORDS)
            .groupByKey()
            .count(materialized.apply(Materialized.as("counts")))
            .toStream()
            .to("counts", Produced.with(Serdes.String(), Serdes.Long()));
        return builder.build();
    }

    private static List<KeyValue<String, Long>> pipeTwice(Topology topology, Properties config) {
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, config)) {
            TestInputTopic<String, String> in =
                driver.createInputTopic("in", Serdes.String().serializer(), Serdes.String().serializer());
            TestOutputTopic<String, Long> counts =
                driver.createOutputTopic("counts", Serdes.String().deserializer(), Serdes.Long().deserializer());
            in.pipeInput("a", "first");
            List<KeyValue<String, Long>> output = new ArrayList<>(counts.readKeyValuesToList());
            in.pipeInput("a", "second");
            output.addAll(counts.readKeyValuesToList());
            return output;
        }
    }

    @Test
    void shouldCollapseTheUpdatesOfOneInputRecordWhenCaching() {
        assertEquals(List.of(KeyValue.pair("a", 3L), KeyValue.pair("a", 6L)),
            pipeTwice(countOfThree(UnaryOperator.identity()), new Properties()));
    }

    @Test
    void shouldForwardEveryUpdateWithTheStoresCachingDisabled() {
        assertEquals(List.of(KeyValue.pair("a", 1L), KeyValue.pair("a", 2L), KeyValue.pair("a", 3L),
                KeyValue.pair("a", 4L), KeyValue.pair("a", 5L), KeyValue.pair("a", 6L)),
            pipeTwice(countOfThree(Materialized::withCachingDisabled), new Properties()));
    }

    @Test
    void shouldForwardEveryUpdateWithACacheOfZeroBytes() {
        Properties config = new Properties();
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
        assertEquals(List.of(KeyValue.pair("a", 1L), KeyValue.pair("a", 2L), KeyValue.pair("a", 3L),
                KeyValue.pair("a", 4L), KeyValue.pair("a", 5L), KeyValue.pair("a", 6L)),
            pipeTwice(countOfThree(UnaryOperator.identity()), config));
    }

    /** Pipes a tombstone for a key the materialized table never held, then a value; returns what the table emits. */
    private static List<KeyValue<String, String>> tombstoneOfAnAbsentKey(Properties config) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.table("in", Consumed.with(Serdes.String(), Serdes.String()), Materialized.as("table"))
            .toStream()
            .to("out", Produced.with(Serdes.String(), Serdes.String()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), config)) {
            TestInputTopic<String, String> in =
                driver.createInputTopic("in", Serdes.String().serializer(), Serdes.String().serializer());
            in.pipeInput("a", (String) null);
            in.pipeInput("a", "v");
            return driver.createOutputTopic("out", Serdes.String().deserializer(), Serdes.String().deserializer())
                .readKeyValuesToList();
        }
    }

    @Test
    void shouldForwardTheTombstoneOfAnAbsentKeyOnlyWithoutACache() {
        // A cache writes down only what changed the store, and deleting an absent key changes nothing.
        assertEquals(List.of(KeyValue.pair("a", "v")), tombstoneOfAnAbsentKey(new Properties()));
        // A cache of 0 bytes switches caching off for every store, as in Kafka Streams: the table forwards each
        // record as it comes, the tombstone too.
        Properties config = new Properties();
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
        assertEquals(List.of(KeyValue.pair("a", null), KeyValue.pair("a", "v")), tombstoneOfAnAbsentKey(config));
    }

    @Test
    void shouldForwardAFlushedEntryWithThePositionAndHeadersOfTheRecordThatMadeIt() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> table = builder.table("t", Consumed.with(Serdes.String(), Serdes.String()),
            Materialized.as("t-store"));
        List<String> seen = new ArrayList<>();
        table.toStream().process(() -> new Processor<String, String, Void, Void>() {
            private ProcessorContext<Void, Void> context;

            @Override
            public void init(ProcessorContext<Void, Void> processorContext) {
                this.context = processorContext;
            }

            @Override
            public void process(Record<String, String> record) {
                RecordMetadata metadata = context.recordMetadata().orElseThrow();
                Header header = record.headers().lastHeader("h");
                seen.add(record.value() + " from " + metadata.topic() + "@" + metadata.offset()
                    + (header == null ? "" : " h=" + new String(header.value(), StandardCharsets.UTF_8)));
            }
        });
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            TestInputTopic<String, String> in =
                driver.createInputTopic("t", Serdes.String().serializer(), Serdes.String().serializer());
            in.pipeInput("a", "v0");
            in.pipeInput(new TestRecord<>("b", "v1",
                new RecordHeaders().add("h", "x".getBytes(StandardCharsets.UTF_8)), Instant.ofEpochMilli(5L)));
        }
        // Forwarded on commit, outside processing: the position and headers are the cached entry's.
        assertEquals(List.of("v0 from t@0", "v1 from t@1 h=x"), seen);
    }
}
