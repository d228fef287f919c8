package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.Metric;
import dev.runnel.common.MetricName;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.SessionWindows;
import dev.runnel.streams.kstream.Suppressed;
import dev.runnel.streams.kstream.TimeWindows;
import dev.runnel.streams.state.KeyValueIterator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The {@code stream-state-metrics} of key-value, window and session stores and of suppression buffers, and the {@code
 * stream-record-cache-metrics} of their caches, under the test driver, as Kafka Streams names and records them: {@code
 * <op>-rate}, {@code <op>-latency-avg/max} and {@code hit-ratio-avg/min/max} at level DEBUG, {@code
 * record-e2e-latency-avg/min/max} at TRACE, all present at every level but recorded only at theirs, and {@code
 * num-keys} at INFO.
 *
 * <p>Rates: the driver's clock stands still, and a rate divides the count of its window by at least one sample
 * window, 30 s; so n calls read n / 30 per second.
 */
class StateStoreMetricsTest {
    private static final String GROUP = "stream-state-metrics";
    private static final List<String> KEY_VALUE_OPERATIONS = List.of("put", "put-if-absent", "put-all", "get",
        "delete", "range", "all", "prefix-scan", "flush", "commit", "restore");

    @Test
    void shouldRecordAKeyValueStoresOperationsAtDebug() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("words", Consumed.with(Serdes.String(), Serdes.String())).groupByKey()
            .count(Materialized.as("counts"));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), level("DEBUG"))) {
            pipe(driver, "words", "a", "a", "b");

            Map<String, String> tags = storeTags("in-memory-state-id", "counts");
            Set<String> names = namesTagged(driver, tags);
            for (String operation : KEY_VALUE_OPERATIONS) {
                assertTrue(names.containsAll(Set.of(operation + "-rate", operation + "-latency-avg",
                    operation + "-latency-max")), operation + " among " + names);
            }
            assertTrue(names.containsAll(Set.of("iterator-duration-avg", "iterator-duration-max",
                "record-e2e-latency-avg", "record-e2e-latency-min", "record-e2e-latency-max")), names.toString());
            // count() reads each key's count, then writes the new one: 3 gets and 3 puts, no deletes.
            assertEquals(3 / 30.0, value(driver, "get-rate", tags));
            assertEquals(3 / 30.0, value(driver, "put-rate", tags));
            assertEquals(0.0, value(driver, "delete-rate", tags));
            double putLatency = (Double) value(driver, "put-latency-avg", tags);
            assertTrue(putLatency >= 0.0, "put-latency-avg " + putLatency);
            // The driver commits its task after each record; a commit commits the stores.
            assertEquals(3 / 30.0, value(driver, "commit-rate", tags));
            assertEquals(Double.NaN, value(driver, "record-e2e-latency-avg", tags), "TRACE: not recorded");
            // num-keys (INFO) counts the store's entries when read: a and b.
            assertEquals(2L, value(driver, "num-keys", tags));
        }
    }

    @Test
    void shouldRegisterButNotRecordStoreMetricsAtTheDefaultInfoLevel() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("words", Consumed.with(Serdes.String(), Serdes.String())).groupByKey()
            .count(Materialized.as("counts"));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            pipe(driver, "words", "a", "a", "b");

            Map<String, String> tags = storeTags("in-memory-state-id", "counts");
            assertEquals(0.0, value(driver, "put-rate", tags));
            assertEquals(Double.NaN, value(driver, "put-latency-avg", tags));
            assertEquals(0.0, value(driver, "get-rate", tags));
        }
    }

    @Test
    void shouldRecordAWindowStoresPutsAndFetchesAtDebug() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("clicks", Consumed.with(Serdes.String(), Serdes.String())).groupByKey()
            .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMinutes(1))).count(Materialized.as("per-minute"));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), level("DEBUG"))) {
            pipe(driver, "clicks", "a", "a", "b");

            Map<String, String> tags = storeTags("in-memory-window-state-id", "per-minute");
            assertEquals(Set.of("put-rate", "put-latency-avg", "put-latency-max", "fetch-rate", "fetch-latency-avg",
                "fetch-latency-max", "flush-rate", "flush-latency-avg", "flush-latency-max", "commit-rate",
                "commit-latency-avg", "commit-latency-max", "restore-rate", "restore-latency-avg",
                "restore-latency-max", "iterator-duration-avg", "iterator-duration-max", "record-e2e-latency-avg",
                "record-e2e-latency-min", "record-e2e-latency-max", "num-keys", "num-open-iterators",
                "oldest-iterator-open-since-ms"), namesTagged(driver, tags));
            // All three records fall in one tumbling window each: a fetch of its count, then a put.
            assertEquals(3 / 30.0, value(driver, "fetch-rate", tags));
            assertEquals(3 / 30.0, value(driver, "put-rate", tags));
            // Two windows hold counts: a's and b's first minute.
            assertEquals(2L, value(driver, "num-keys", tags));
        }
    }

    @Test
    void shouldRecordASessionStoresPutsFetchesAndRemovesAtDebugAndItsEndToEndLatencyAtTrace() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("clicks", Consumed.with(Serdes.String(), Serdes.String())).groupByKey()
            .windowedBy(SessionWindows.ofInactivityGapWithNoGrace(Duration.ofMillis(10)))
            .count(Materialized.as("sessions"));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), level("TRACE"))) {
            TestInputTopic<String, String> clicks =
                driver.createInputTopic("clicks", Serdes.String().serializer(), Serdes.String().serializer());
            clicks.pipeInput("a", "x", 1L);
            clicks.pipeInput("a", "x", 5L);
            clicks.pipeInput("b", "x", 8L);

            Map<String, String> tags = storeTags("in-memory-session-state-id", "sessions");
            assertTrue(namesTagged(driver, tags).containsAll(Set.of("remove-rate", "remove-latency-avg",
                "remove-latency-max")));
            // Each record looks for sessions to merge with (3 fetches) and puts its session (3 puts); a@5 merges
            // with a's session [1,1], which is removed for [1,5].
            assertEquals(3 / 30.0, value(driver, "fetch-rate", tags));
            assertEquals(3 / 30.0, value(driver, "put-rate", tags));
            assertEquals(1 / 30.0, value(driver, "remove-rate", tags));
            // Two sessions: a's [1,5] and b's [8,8], both within the store's retention (the gap, 10 ms).
            assertEquals(2L, value(driver, "num-keys", tags));
            double iteratorDuration = (Double) value(driver, "iterator-duration-max", tags);
            assertTrue(iteratorDuration >= 0.0, "the fetches' iterators were closed: " + iteratorDuration);
            // Wall clock minus the timestamp of the record written, and the records date from 1970.
            double endToEnd = (Double) value(driver, "record-e2e-latency-min", tags);
            assertTrue(endToEnd > Instant.parse("2020-01-01T00:00:00Z").toEpochMilli(), "e2e " + endToEnd);
        }
    }

    /** KIP-989, at every recording level: the store's iterators opened and not yet closed, and the oldest's age. */
    @Test
    void shouldCountOpenIteratorsAndTellWhenTheOldestOpened() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("words", Consumed.with(Serdes.String(), Serdes.String())).groupByKey()
            .count(Materialized.as("counts"));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            pipe(driver, "words", "a", "b");
            Map<String, String> tags = storeTags("in-memory-state-id", "counts");
            assertEquals(0L, value(driver, "num-open-iterators", tags));
            assertNull(value(driver, "oldest-iterator-open-since-ms", tags), "none open");

            long before = System.currentTimeMillis();
            KeyValueIterator<String, Long> first = driver.<String, Long>getKeyValueStore("counts").all();
            KeyValueIterator<String, Long> second = driver.<String, Long>getKeyValueStore("counts").range("a", "b");
            long after = System.currentTimeMillis();
            assertEquals(2L, value(driver, "num-open-iterators", tags));
            long oldest = (Long) value(driver, "oldest-iterator-open-since-ms", tags);
            assertTrue(oldest >= before && oldest <= after, "opened at " + oldest);

            first.close();
            first.close();
            assertEquals(1L, value(driver, "num-open-iterators", tags), "a second close counts once");
            second.close();
            assertEquals(0L, value(driver, "num-open-iterators", tags));
            assertNull(value(driver, "oldest-iterator-open-since-ms", tags));
        }
    }

    @Test
    void shouldRecordTheRecordCachesHitRatioAtEachHitAtDebug() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("words", Consumed.with(Serdes.String(), Serdes.String())).groupByKey()
            .count(Materialized.as("counts"));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), level("DEBUG"))) {
            pipe(driver, "words", "a", "a", "b");

            // count() reads each key from the cache, and the driver commits after each record, which writes the
            // dirty entry down: the cache counts a write-down as a hit, as Kafka's does, and records hits / reads at
            // each hit. a: miss (0 of 1), written down: hit, 1/2. a: hit, 2/3 (kept cached after the write-down);
            // written down: 3/4. b: miss (3 of 5); written down: 4/6.
            Map<String, String> tags = Map.of("thread-id", Thread.currentThread().getName(), "task-id", "0_0",
                "record-cache-id", "counts");
            String group = "stream-record-cache-metrics";
            assertEquals((1 / 2.0 + 2 / 3.0 + 3 / 4.0 + 4 / 6.0) / 4, (Double) value(driver, group, "hit-ratio-avg",
                tags), 1e-9);
            assertEquals(1 / 2.0, value(driver, group, "hit-ratio-min", tags));
            assertEquals(3 / 4.0, value(driver, group, "hit-ratio-max", tags));
        }
    }

    @Test
    void shouldRegisterButNotRecordTheHitRatioAtTheDefaultInfoLevel() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("words", Consumed.with(Serdes.String(), Serdes.String())).groupByKey()
            .count(Materialized.as("counts"));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            pipe(driver, "words", "a", "a", "b");

            assertEquals(Double.NaN, value(driver, "stream-record-cache-metrics", "hit-ratio-avg", Map.of(
                "thread-id", Thread.currentThread().getName(), "task-id", "0_0", "record-cache-id", "counts")));
        }
    }

    @Test
    void shouldRecordASuppressionsBufferAndEmitsAtDebug() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("clicks", Consumed.with(Serdes.String(), Serdes.String())).groupByKey()
            .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10))).count()
            .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()).withName("final"));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), level("DEBUG"))) {
            TestInputTopic<String, String> clicks =
                driver.createInputTopic("clicks", Serdes.String().serializer(), Serdes.String().serializer());
            clicks.pipeInput("a", "x", 1L);
            clicks.pipeInput("a", "x", 2L);
            clicks.pipeInput("b", "x", 3L);
            clicks.pipeInput("a", "x", 30L);

            // The buffer's record count at init (0), after each update of the windows [0,10) of a, a again, b, then
            // a's [30,40) (1, 1, 2, 3), and once stream time 30 closed a's and b's [0,10) and emitted them (1).
            Map<String, String> tags = storeTags("in-memory-suppression-state-id", "final-store");
            assertEquals((0 + 1 + 1 + 2 + 3 + 1) / 6.0, value(driver, "suppression-buffer-count-avg", tags));
            assertEquals(3.0, value(driver, "suppression-buffer-count-max", tags));
            assertTrue(namesTagged(driver, tags).containsAll(Set.of("suppression-buffer-size-avg",
                "suppression-buffer-size-max")));
            assertEquals(2.0, value(driver, "stream-processor-node-metrics", "suppression-emit-total",
                Map.of("thread-id", Thread.currentThread().getName(), "task-id", "0_0", "processor-node-id", "final")));
        }
    }

    private static Properties level(String level) {
        Properties props = new Properties();
        props.put(StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG, level);
        return props;
    }

    private static void pipe(TopologyTestDriver driver, String topic, String... keys) {
        TestInputTopic<String, String> input =
            driver.createInputTopic(topic, Serdes.String().serializer(), Serdes.String().serializer());
        long time = 0L;
        for (String key : keys) {
            input.pipeInput(key, "x", time++);
        }
    }

    private static Map<String, String> storeTags(String scopeTag, String store) {
        return Map.of("thread-id", Thread.currentThread().getName(), "task-id", "0_0", scopeTag, store);
    }

    private static Set<String> namesTagged(TopologyTestDriver driver, Map<String, String> tags) {
        Set<String> names = new TreeSet<>();
        for (MetricName name : driver.metrics().keySet()) {
            if (name.group().equals(GROUP) && name.tags().equals(tags)) {
                names.add(name.name());
            }
        }
        return names;
    }

    private static Object value(TopologyTestDriver driver, String name, Map<String, String> tags) {
        return value(driver, GROUP, name, tags);
    }

    private static Object value(TopologyTestDriver driver, String group, String name, Map<String, String> tags) {
        Metric metric = driver.metrics().get(new MetricName(name, group, "", tags));
        if (metric == null) {
            throw new AssertionError("No metric " + name + " with " + tags + " among " + driver.metrics().keySet());
        }
        return metric.metricValue();
    }
}
