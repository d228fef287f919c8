package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.common.Metric;
import dev.runnel.common.MetricName;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.kstream.Produced;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Kafka Streams' {@code process-rate} and {@code process-total} of source nodes ({@code
 * stream-processor-node-metrics}) and of their task ({@code stream-task-metrics}) under the test driver: level DEBUG,
 * present at every level but counted only at DEBUG.
 */
class ProcessorNodeMetricsTest {
    @Test
    void shouldCountTheRecordsEachSourceNodeAndItsTaskProcessedAtDebug() {
        Properties props = new Properties();
        props.put(StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG, "DEBUG");
        try (TopologyTestDriver driver = new TopologyTestDriver(streamTableJoin(), props)) {
            pipe(driver);

            // One table record reached table-source and two stream records stream-source; the task counts all three.
            assertEquals(1.0, value(driver, "stream-processor-node-metrics", "process-total",
                nodeTags("table-source")));
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
    void shouldRegisterButNotCountProcessedRecordsAtTheDefaultInfoLevel() {
        try (TopologyTestDriver driver = new TopologyTestDriver(streamTableJoin())) {
            pipe(driver);

            assertEquals(0.0, value(driver, "stream-processor-node-metrics", "process-total",
                nodeTags("stream-source")));
            assertEquals(0.0, value(driver, "stream-task-metrics", "process-total", taskTags()));
        }
    }

    private static Topology streamTableJoin() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> table = builder.table("customers",
            Consumed.with(Serdes.String(), Serdes.String()).withName("table-source"));
        builder.stream("orders", Consumed.with(Serdes.String(), Serdes.String()).withName("stream-source"))
            .join(table, (order, customer) -> order + "/" + customer)
            .to("enriched", Produced.with(Serdes.String(), Serdes.String()));
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
