package dev.runnel.streams.kstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.Metric;
import dev.runnel.common.MetricName;
import dev.runnel.common.serialization.Serde;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.StreamsBuilder;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.TestInputTopic;
import dev.runnel.streams.TestOutputTopic;
import dev.runnel.streams.Topology;
import dev.runnel.streams.TopologyTestDriver;
import dev.runnel.streams.test.TestRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code emitStrategy(onWindowClose)} as Kafka Streams runs it: the aggregation itself emits each closed window once,
 * reading them from its store, with no node or store of its own, at most once per emit interval of wall-clock time.
 * Timestamps in ms; "a@7" is key a at time 7.
 */
class EmitOnWindowCloseTest {
    private static final Serde<Windowed<String>> TIME_WINDOWED_10 =
        WindowedSerdes.timeWindowedSerdeFrom(String.class, 10);

    private static Topology tumblingCount(Duration grace) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("events", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey()
            .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(10), grace))
            .emitStrategy(EmitStrategy.onWindowClose())
            .count()
            .toStream()
            .to("out", Produced.with(TIME_WINDOWED_10, Serdes.Long()));
        return builder.build();
    }

    private static Properties props(long cacheBytes) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "emit-test");
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, cacheBytes);
        props.put(StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG, "DEBUG");
        return props;
    }

    private static KeyValue<Windowed<String>, Long> window(String key, long start, long count) {
        return KeyValue.pair(new Windowed<>(key, new TimeWindow(start, start + 10)), count);
    }

    @Test
    void theAggregationEmitsItselfWithNoNodeOrStoreOfItsOwn() {
        Topology topology = tumblingCount(Duration.ofMillis(5));
        String described = topology.describe().toString();
        // As in Kafka: the aggregation's child is the table's toStream, with the next generated index.
        assertTrue(described.contains("Processor: KSTREAM-AGGREGATE-0000000002 (stores: "
            + "[KSTREAM-AGGREGATE-STATE-STORE-0000000001])\n      --> KTABLE-TOSTREAM-0000000003"), described);
        assertFalse(described.contains("SUPPRESS"), described);
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props(10_000_000L))) {
            TestInputTopic<String, String> in = driver.createInputTopic("events", Serdes.String().serializer(),
                Serdes.String().serializer());
            in.pipeInput("a", "v", 1);
            in.pipeInput("a", "v", 16);
            assertEquals(Set.of("KSTREAM-AGGREGATE-STATE-STORE-0000000001"), driver.getAllStateStores().keySet());
            assertEquals(Set.of("emit-test-KSTREAM-AGGREGATE-STATE-STORE-0000000001-changelog", "out"),
                driver.producedTopicNames());
        }
    }

    @Test
    void everyClosedWindowIsEmittedOnceWithTheRecordCacheOnOrOff() {
        for (long cacheBytes : new long[] {10_000_000L, 0L}) {
            try (TopologyTestDriver driver = new TopologyTestDriver(tumblingCount(Duration.ZERO),
                props(cacheBytes))) {
                TestInputTopic<String, String> in = driver.createInputTopic("events", Serdes.String().serializer(),
                    Serdes.String().serializer());
                TestOutputTopic<Windowed<String>, Long> out = driver.createOutputTopic("out",
                    TIME_WINDOWED_10.deserializer(), Serdes.Long().deserializer());
                for (long t = 0; t <= 30; t++) {
                    in.pipeInput("a", "v", t);
                }
                // With no grace, a@10 closes [0,10) (ten records, 0-9), a@20 closes [10,20) and a@30 [20,30);
                // [30,40) stays open. Each window comes once, though every record reads the closed range.
                List<TestRecord<Windowed<String>, Long>> emitted = out.readRecordsToList();
                assertEquals(List.of(window("a", 0, 10), window("a", 10, 10), window("a", 20, 10)),
                    emitted.stream().map(record -> KeyValue.pair(record.key(), record.value())).toList(),
                    "cache " + cacheBytes);
                // A window's result carries its aggregate's timestamp, that of its latest record.
                assertEquals(List.of(9L, 19L, 29L), emitted.stream().map(TestRecord::timestamp).toList());
                assertEquals(3.0, finalEmitTotal(driver.metrics()), "window-aggregate-final-emit-total");
            }
        }
    }

    private static double finalEmitTotal(Map<MetricName, ? extends Metric> metrics) {
        return metrics.entrySet().stream()
            .filter(entry -> entry.getKey().name().equals("window-aggregate-final-emit-total")
                && "KSTREAM-AGGREGATE-0000000002".equals(entry.getKey().tags().get("processor-node-id")))
            .mapToDouble(entry -> ((Number) entry.getValue().metricValue()).doubleValue())
            .findFirst().orElseThrow();
    }

    @Test
    void closedWindowsAreReadAtMostOncePerEmitIntervalOfWallClockTime() {
        Properties props = props(10_000_000L);
        props.put(StreamsConfig.InternalConfig.EMIT_INTERVAL_MS_KSTREAMS_WINDOWED_AGGREGATION, 1000L);
        try (TopologyTestDriver driver = new TopologyTestDriver(tumblingCount(Duration.ZERO), props,
            Instant.ofEpochMilli(0))) {
            TestInputTopic<String, String> in = driver.createInputTopic("events", Serdes.String().serializer(),
                Serdes.String().serializer());
            TestOutputTopic<Windowed<String>, Long> out = driver.createOutputTopic("out",
                TIME_WINDOWED_10.deserializer(), Serdes.Long().deserializer());
            in.pipeInput("a", "v", 1); // the first record's try, at wall-clock 0, makes the next due at 1000
            in.pipeInput("a", "v", 12); // closes [0,10), but within the interval
            driver.advanceWallClockTime(Duration.ofMillis(999));
            in.pipeInput("b", "v", 13);
            assertEquals(List.of(), out.readKeyValuesToList());
            driver.advanceWallClockTime(Duration.ofMillis(1));
            in.pipeInput("b", "v", 14);
            assertEquals(List.of(window("a", 0, 1)), out.readKeyValuesToList(), "due at wall-clock 1000");
        }
    }

    @Test
    void closedSessionsComeByEndThenStartThenKey() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("events", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey()
            .windowedBy(SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(5), Duration.ZERO))
            .emitStrategy(EmitStrategy.onWindowClose())
            .count()
            .toStream((window, count) -> window.key() + "@" + window.window().start() + "/" + window.window().end())
            .to("out", Produced.with(Serdes.String(), Serdes.Long()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props(10_000_000L))) {
            TestInputTopic<String, String> in = driver.createInputTopic("events", Serdes.String().serializer(),
                Serdes.String().serializer());
            TestOutputTopic<String, Long> out = driver.createOutputTopic("out", Serdes.String().deserializer(),
                Serdes.Long().deserializer());
            in.pipeInput("c", "v", 0);
            in.pipeInput("c", "v", 3);
            in.pipeInput("b", "v", 3);
            in.pipeInput("a", "v", 3);
            // x@9 closes the sessions ending before 9 - 5: c's [0,3], then a's and b's [3,3] (same end and start).
            in.pipeInput("x", "v", 9);
            assertEquals(List.of(KeyValue.pair("c@0/3", 2L), KeyValue.pair("a@3/3", 1L), KeyValue.pair("b@3/3", 1L)),
                out.readKeyValuesToList());
        }
    }

    @Test
    void unlimitedWindowsCannotEmitOnClose() {
        TimeWindowedKStream<String, String> windowed = new StreamsBuilder().<String, String>stream("events")
            .groupByKey().windowedBy(UnlimitedWindows.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> windowed.emitStrategy(EmitStrategy.onWindowClose()));
        assertEquals("ON_WINDOW_CLOSE emit strategy cannot be used for UnlimitedWindows", e.getMessage());
    }
}
