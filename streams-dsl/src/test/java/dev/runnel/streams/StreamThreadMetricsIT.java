package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.MetricName;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.KStream;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.processor.PunctuationType;
import dev.runnel.streams.processor.api.Processor;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.Record;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loop-level {@code stream-thread-metrics} Kafka Streams records at level info, moving as records flow. */
class StreamThreadMetricsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String THREAD = "thread-metrics-1-StreamThread-1";

    @TempDir
    Path root;

    @Test
    void shouldRecordTaskCreationPollAndProcessBatchesRatiosAndStartTime() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 2);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())).foreach((key, value) -> { });
        long before = System.currentTimeMillis();
        try (KafkaStreams streams = new KafkaStreams(builder.build(), log.streamsProps("thread-metrics"))) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            log.produce("in", List.of(KeyValue.pair("a", "1"), KeyValue.pair("b", "2"), KeyValue.pair("c", "3")),
                Serdes.String().serializer(), Serdes.String().serializer(), 1_000L);
            EmbeddedLogFixture.await(() -> value(streams, "process-total") == 3.0, TIMEOUT, "3 records processed");

            assertEquals(2.0, value(streams, "task-created-total"), "one task per input partition");
            assertEquals(0.0, value(streams, "task-closed-total"));
            assertTrue(value(streams, "task-created-rate") >= 0.0);
            assertTrue(value(streams, "task-closed-rate") >= 0.0);
            double polled = value(streams, "poll-records-max");
            assertTrue(polled >= 1.0 && polled <= 3.0, "poll-records-max " + polled);
            assertTrue(value(streams, "poll-records-avg") >= 1.0);
            double processed = value(streams, "process-records-max");
            assertTrue(processed >= 1.0 && processed <= 3.0, "process-records-max " + processed);
            assertTrue(value(streams, "process-records-avg") >= 1.0);
            for (String ratio : List.of("poll-ratio", "process-ratio", "punctuate-ratio", "commit-ratio")) {
                double share = value(streams, ratio);
                assertTrue(share >= 0.0 && share <= 1.0, ratio + " " + share);
            }
            long started = ((Number) streams.metrics().get(name("thread-start-time")).metricValue()).longValue();
            assertTrue(started >= before && started <= System.currentTimeMillis(), "thread-start-time " + started);
            // Each task's share of the last round that processed records: together, the whole round.
            double shares = 0.0;
            for (String task : List.of("0_0", "0_1")) {
                Map<String, String> tags = Map.of("thread-id", THREAD, "task-id", task);
                shares += (Double) streams.metrics().get(new MetricName("active-process-ratio", "stream-task-metrics",
                    "", tags)).metricValue();
                assertEquals(0.0, streams.metrics().get(new MetricName("active-buffer-count", "stream-task-metrics",
                    "", tags)).metricValue(), "all processed");
            }
            assertEquals(1.0, shares, 1e-9);
            // The thread waited in polls for the records to arrive.
            assertTrue(value(streams, "blocked-time-ns-total") > 0.0);
            // As in Kafka, only the numeric thread-state carries the process id (KIP-1091); state does not.
            assertEquals("RUNNING", streams.metrics().get(name("state")).metricValue());
        }
    }

    /**
     * As in Kafka Streams, at level info, source and terminal nodes report record-e2e-latency-avg/min/max: how long
     * after its timestamp a record reached the source, or was fully processed by the terminal node.
     */
    @Test
    void shouldRecordTheEndToEndLatencyOfSourceAndTerminalNodes() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 1);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()).withName("source"))
            .foreach((key, value) -> { }, dev.runnel.streams.kstream.Named.as("sink"));
        processOneRecordAMinuteOld(log, builder, streams -> {
            for (String node : List.of("source", "sink")) {
                double min = nodeLatency(streams, node, "record-e2e-latency-min");
                double max = nodeLatency(streams, node, "record-e2e-latency-max");
                assertTrue(min >= 60_000.0 && min == max, node + ": min " + min + ", max " + max);
                assertEquals(min, nodeLatency(streams, node, "record-e2e-latency-avg"), node);
            }
        });
    }

    /**
     * A sink is a terminal node: Kafka Streams records its end-to-end latency when the record has been sent (its
     * context records it after every terminal child it forwards to, a sink included).
     */
    @Test
    void shouldRecordTheEndToEndLatencyOfASink() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 1);
        log.createTopic("out", 1);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()).withName("source"))
            .to("out", Produced.with(Serdes.String(), Serdes.String()).withName("sink"));
        processOneRecordAMinuteOld(log, builder, streams -> {
            double max = nodeLatency(streams, "sink", "record-e2e-latency-max");
            assertTrue(max >= 60_000.0, "sink: max " + max);
        });
    }

    /** Runs {@code builder}'s application over one record of topic "in" a minute old, then {@code check}s it. */
    private static void processOneRecordAMinuteOld(EmbeddedLogFixture log, StreamsBuilder builder,
        java.util.function.Consumer<KafkaStreams> check) {
        try (KafkaStreams streams = new KafkaStreams(builder.build(), log.streamsProps("thread-metrics"))) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            long timestamp = System.currentTimeMillis() - 60_000L;
            log.produce("in", List.of(KeyValue.pair("a", "1")), Serdes.String().serializer(),
                Serdes.String().serializer(), timestamp);
            EmbeddedLogFixture.await(() -> value(streams, "process-total") == 1.0, TIMEOUT, "the record processed");
            check.accept(streams);
        }
    }

    /**
     * A record a wall-clock punctuator forwards reaches the terminal node at about the punctuation's time: Kafka
     * Streams takes the punctuation's wall-clock time, so the latency is near 0, never that of an earlier round.
     */
    @Test
    void shouldRecordTheEndToEndLatencyOfAPunctuatorsForwardByThePunctuationsTime() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 1);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()).withName("source"))
            .process(() -> new Processor<String, String, String, String>() {
                @Override
                public void init(ProcessorContext<String, String> context) {
                    context.schedule(Duration.ofMillis(10), PunctuationType.WALL_CLOCK_TIME,
                        now -> context.forward(new Record<>("tick", "t", now)));
                }

                @Override
                public void process(Record<String, String> record) {
                }
            }, dev.runnel.streams.kstream.Named.as("ticker"))
            .foreach((key, value) -> { }, dev.runnel.streams.kstream.Named.as("end"));
        try (KafkaStreams streams = new KafkaStreams(builder.build(), log.streamsProps("thread-metrics"))) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            EmbeddedLogFixture.await(() -> !Double.isNaN(nodeLatency(streams, "end", "record-e2e-latency-min")),
                TIMEOUT, "a punctuation forwarded");
            double min = nodeLatency(streams, "end", "record-e2e-latency-min");
            assertTrue(min >= 0.0, "end: min " + min);
        }
    }

    /**
     * Kafka's stream-topic-metrics: what each source consumed and each sink produced, per topic, counting a record
     * as key + value + 8 (timestamp) + 8 (offset) + 4 (partition) + the topic name's bytes + headers. A changelog
     * gets none.
     */
    @Test
    void shouldCountTheRecordsAndBytesEachSourceConsumedAndEachSinkProduced() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic("in", 1);
        log.createTopic("output", 1);
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> input = builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())
            .withName("source"));
        input.to("output", Produced.with(Serdes.String(), Serdes.String()).withName("sink"));
        input.toTable(Materialized.as("latest"));
        processOneRecordAMinuteOld(log, builder, streams -> {
            // Key "a" and value "1": 1 + 1 + 20, plus "in" (2 bytes) consumed and "output" (6 bytes) produced.
            assertEquals(1.0, topicMetric(streams, "source", "in", "records-consumed-total"));
            assertEquals(24.0, topicMetric(streams, "source", "in", "bytes-consumed-total"));
            EmbeddedLogFixture.await(() -> streams.metrics().containsKey(topicMetricName("sink", "output",
                "records-produced-total")), TIMEOUT, "the send acknowledged");
            assertEquals(1.0, topicMetric(streams, "sink", "output", "records-produced-total"));
            assertEquals(28.0, topicMetric(streams, "sink", "output", "bytes-produced-total"));
            assertTrue(streams.metrics().keySet().stream().noneMatch(name -> name.group().equals("stream-topic-metrics")
                && name.tags().get("topic").endsWith("-changelog")), "no metrics of the changelog");
        });
    }

    private static MetricName topicMetricName(String node, String topic, String metric) {
        return new MetricName(metric, "stream-topic-metrics", "", Map.of("thread-id", THREAD, "task-id", "0_0",
            "processor-node-id", node, "topic", topic));
    }

    private static double topicMetric(KafkaStreams streams, String node, String topic, String metric) {
        return ((Number) streams.metrics().get(topicMetricName(node, topic, metric)).metricValue()).doubleValue();
    }

    private static double nodeLatency(KafkaStreams streams, String node, String metric) {
        MetricName name = new MetricName(metric, "stream-processor-node-metrics", "", Map.of("thread-id", THREAD,
            "task-id", "0_0", "processor-node-id", node));
        return ((Number) streams.metrics().get(name).metricValue()).doubleValue();
    }

    private static MetricName name(String metric) {
        return new MetricName(metric, "stream-thread-metrics", "", Map.of("thread-id", THREAD));
    }

    private static double value(KafkaStreams streams, String metric) {
        return ((Number) streams.metrics().entrySet().stream()
            .filter(entry -> entry.getKey().equals(name(metric)))
            .findFirst()
            .orElseThrow(() -> new AssertionError("stream-thread-metrics " + metric + " missing from "
                + streams.metrics().keySet()))
            .getValue().metricValue()).doubleValue();
    }
}
