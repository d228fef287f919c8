package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.Metric;
import dev.runnel.common.MetricName;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.KStream;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.processor.PunctuationType;
import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.Record;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * A task's {@code stream-task-metrics} and its nodes' {@code stream-processor-node-metrics} under the test driver, as
 * Kafka Streams names and records them: {@code process-rate/total} of source nodes and of their task, and the task's
 * {@code record-lateness-*}, {@code process-latency-*} and {@code punctuate-*}, at level DEBUG (present at every
 * level but recorded only at DEBUG), {@code record-e2e-latency-*} and {@code dropped-records-*} at INFO.
 */
class TaskMetricsTest {
    @Test
    void shouldCountTheRecordsEachSourceNodeAndItsTaskProcessedAtDebug() {
        Properties props = new Properties();
        props.put(StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG, "DEBUG");
        try (TopologyTestDriver driver = new TopologyTestDriver(streamTableJoin(), props)) {
            pipe(driver);

            // One table record reached the table's source node (a table named table-source reads its topic through
            // source table-source-source, as in Kafka) and two stream records stream-source; the task counts all three.
            assertEquals(1.0, value(driver, "stream-processor-node-metrics", "process-total",
                nodeTags("table-source-source")));
            assertEquals(2.0, value(driver, "stream-processor-node-metrics", "process-total",
                nodeTags("stream-source")));
            assertEquals(3.0, value(driver, "stream-task-metrics", "process-total", taskTags()));
            // The driver's clock stands still: 3 records over the rate's minimum window of 30 s.
            assertEquals(3 / 30.0, value(driver, "stream-task-metrics", "process-rate", taskTags()));
            assertEquals(2 / 30.0, value(driver, "stream-processor-node-metrics", "process-rate",
                nodeTags("stream-source")));
        }
    }

    @Test
    void shouldRecordTheTasksRecordLatenessAndProcessLatencyAtDebug() {
        Properties props = new Properties();
        props.put(StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG, "DEBUG");
        try (TopologyTestDriver driver = new TopologyTestDriver(streamTableJoin(), props)) {
            pipe(driver);
            driver.createInputTopic("orders", Serdes.String().serializer(), Serdes.String().serializer())
                .pipeInput("carol", "late", 1L);

            // The records at 1, 2 and 3 ms each advanced the task's stream time (lateness 0); the one at 1 ms came
            // when it stood at 3: 2 ms late.
            assertEquals((0 + 0 + 0 + 2) / 4.0, value(driver, "stream-task-metrics", "record-lateness-avg",
                taskTags()));
            assertEquals(2.0, value(driver, "stream-task-metrics", "record-lateness-max", taskTags()));
            // Measured by the task's clock, which is the driver's: it stands still.
            assertEquals(0.0, value(driver, "stream-task-metrics", "process-latency-max", taskTags()));
        }
    }

    @Test
    void shouldCountTheTasksPunctuationsAtDebug() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("ticks", Consumed.with(Serdes.String(), Serdes.String()))
            .process(() -> new ContextualProcessor<String, String, String, String>() {
                @Override
                public void init(ProcessorContext<String, String> context) {
                    super.init(context);
                    context.schedule(Duration.ofMillis(10), PunctuationType.STREAM_TIME, timestamp -> { });
                }

                @Override
                public void process(Record<String, String> record) {
                }
            });
        Properties props = new Properties();
        props.put(StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG, "DEBUG");
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            TestInputTopic<String, String> ticks =
                driver.createInputTopic("ticks", Serdes.String().serializer(), Serdes.String().serializer());
            ticks.pipeInput("a", "x", 0L);
            ticks.pipeInput("a", "x", 10L);
            ticks.pipeInput("a", "x", 25L);

            // A stream-time schedule of 10 ms fires when stream time reaches 0, 10 and 20 (at the record at 25 ms,
            // once): three punctuations.
            assertEquals(3.0, value(driver, "stream-task-metrics", "punctuate-total", taskTags()));
            assertEquals(0.0, value(driver, "stream-task-metrics", "punctuate-latency-max", taskTags()),
                "by the driver's clock, which stands still");
        }
    }

    @Test
    void shouldRegisterButNotCountProcessedRecordsAtTheDefaultInfoLevel() {
        try (TopologyTestDriver driver = new TopologyTestDriver(streamTableJoin())) {
            pipe(driver);

            assertEquals(0.0, value(driver, "stream-processor-node-metrics", "process-total",
                nodeTags("stream-source")));
            assertEquals(0.0, value(driver, "stream-task-metrics", "process-total", taskTags()));
            assertEquals(Double.NaN, value(driver, "stream-task-metrics", "record-lateness-avg", taskTags()));
        }
    }

    @Test
    void shouldRecordTheEndToEndLatencyOfSourceAndTerminalNodesAndTheDroppedRecordsAtInfo() {
        try (TopologyTestDriver driver = new TopologyTestDriver(streamTableJoin(), Instant.ofEpochMilli(100L))) {
            pipe(driver);
            driver.createInputTopic("orders", Serdes.String().serializer(), Serdes.String().serializer())
                .pipeInput(null, "no key", 4L);

            // The driver's wall clock stands at 100 ms. stream-source had orders at 2, 3 and 4 ms: 98, 97, 96 ms.
            String group = "stream-processor-node-metrics";
            assertEquals(97.0, value(driver, group, "record-e2e-latency-avg", nodeTags("stream-source")));
            assertEquals(96.0, value(driver, group, "record-e2e-latency-min", nodeTags("stream-source")));
            assertEquals(98.0, value(driver, group, "record-e2e-latency-max", nodeTags("stream-source")));
            assertEquals(99.0, value(driver, group, "record-e2e-latency-max", nodeTags("table-source-source")));
            // Only alice's order (at 2 ms) has a customer to join, and reaches the sink.
            assertEquals(98.0, value(driver, group, "record-e2e-latency-avg", nodeTags("sink")));
            // An inner join drops a stream record without a key.
            assertEquals(1.0, value(driver, "stream-task-metrics", "dropped-records-total", taskTags()));
            // Read at once, as Kafka's Rate reads its first event: over one full 30-second sample window.
            assertEquals(1.0 / 30, value(driver, "stream-task-metrics", "dropped-records-rate", taskTags()));
        }
    }

    @Test
    void shouldReportTheBytesOfTheTasksRecordCacheAtDebugAndRegisterThemAtEveryLevel() {
        // Kafka Streams 4.3 reports cache-size-bytes-total per task (stream-task-metrics), recorded at DEBUG only.
        for (String level : new String[] {"INFO", "DEBUG"}) {
            StreamsBuilder builder = new StreamsBuilder();
            KStream<String, String> clicks = builder.stream("clicks", Consumed.with(Serdes.String(), Serdes.String()));
            // A cached count, then a processor that reads the metric while the count's update is still cached.
            clicks.groupByKey().count(Materialized.as("counts"));
            List<Double> seen = new ArrayList<>();
            clicks.process(() -> new ContextualProcessor<String, String, String, String>() {
                @Override
                public void process(Record<String, String> record) {
                    seen.add((Double) context().metrics().metrics().get(new MetricName("cache-size-bytes-total",
                        "stream-task-metrics", "", taskTags())).metricValue());
                }
            });
            Properties props = new Properties();
            props.put(StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG, level);
            try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
                driver.createInputTopic("clicks", Serdes.String().serializer(), Serdes.String().serializer())
                    .pipeInput("alice", "/home");

                assertEquals(1, seen.size());
                if (level.equals("INFO")) {
                    assertEquals(0.0, seen.get(0), "registered, but not recorded below DEBUG");
                } else {
                    assertTrue(seen.get(0) > 0.0, "alice's count is in the cache: " + seen);
                }
            }
        }
    }

    private static Topology streamTableJoin() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> table = builder.table("customers",
            Consumed.with(Serdes.String(), Serdes.String()).withName("table-source"));
        builder.stream("orders", Consumed.with(Serdes.String(), Serdes.String()).withName("stream-source"))
            .join(table, (order, customer) -> order + "/" + customer)
            .to("enriched", Produced.with(Serdes.String(), Serdes.String()).withName("sink"));
        return builder.build();
    }

    private static void pipe(TopologyTestDriver driver) {
        driver.createInputTopic("customers", Serdes.String().serializer(), Serdes.String().serializer())
            .pipeInput("alice", "gold", 1L);
        TestInputTopic<String, String> orders =
            driver.createInputTopic("orders", Serdes.String().serializer(), Serdes.String().serializer());
        orders.pipeInput("alice", "book", 2L);
        orders.pipeInput("bob", "pen", 3L);
    }

    private static Map<String, String> taskTags() {
        return Map.of("thread-id", Thread.currentThread().getName(), "task-id", "0_0");
    }

    private static Map<String, String> nodeTags(String node) {
        return Map.of("thread-id", Thread.currentThread().getName(), "task-id", "0_0", "processor-node-id", node);
    }

    private static Object value(TopologyTestDriver driver, String group, String name, Map<String, String> tags) {
        Metric metric = driver.metrics().get(new MetricName(name, group, "", tags));
        if (metric == null) {
            throw new AssertionError("No metric " + name + " in " + group + " with " + tags + " among "
                + driver.metrics().keySet());
        }
        return metric.metricValue();
    }
}
