package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.header.Headers;
import dev.runnel.common.header.internals.RecordHeaders;
import dev.runnel.common.metrics.Sensor;
import dev.runnel.common.record.TimestampType;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.ManualTime;
import dev.runnel.streams.internal.graph.InternalTopologyBuilder;
import dev.runnel.streams.internal.metrics.StreamsMetricsRegistry;
import dev.runnel.streams.internal.runtime.RecordCollector;
import dev.runnel.streams.internal.runtime.StreamTask;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.processor.TaskId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * A task reading two partitions idles as Kafka Streams' does (KIP-695): it waits while one is empty and may still hold
 * unfetched records, waits max.task.idle.ms for one known to be caught up, and then processes ("enforced"); with
 * records on both it takes the older first.
 */
class StreamTaskIdlingTest {
    private static final TopicPartition LEFT = new TopicPartition("left", 0);
    private static final TopicPartition RIGHT = new TopicPartition("right", 0);

    private final List<String> processed = new ArrayList<>();
    private long offset;

    private StreamTask task(long maxTaskIdleMs) {
        StreamsBuilder builder = new StreamsBuilder();
        Consumed<String, String> strings = Consumed.with(Serdes.String(), Serdes.String());
        builder.stream("left", strings).merge(builder.stream("right", strings))
            .foreach((key, value) -> processed.add(value));
        InternalTopologyBuilder internal = builder.build().internalTopologyBuilder();
        internal.setApplicationId("idling-test");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "idling-test");
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, maxTaskIdleMs);
        ManualTime time = new ManualTime(0L);
        RecordCollector discarding = new RecordCollector() {
            @Override
            public void send(String topic, Integer partition, long timestamp, byte[] key, byte[] value,
                Headers headers, String processorNodeId) {
            }

            @Override
            public int partitionsFor(String topic) {
                return 1;
            }
        };
        StreamTask task = new StreamTask(new TaskId(0, 0), internal.buildSubtopology(0), new StreamsConfig(props),
            time, discarding, name -> null,
            new StreamsMetricsRegistry(time, Sensor.RecordingLevel.INFO, false).streamsMetrics());
        task.initializeStateStores();
        task.initializeTopology();
        task.addInputPartition(LEFT);
        task.addInputPartition(RIGHT);
        return task;
    }

    private void add(StreamTask task, TopicPartition partition, String value, long timestamp) {
        byte[] raw = value.getBytes(StandardCharsets.UTF_8);
        task.addRecords(partition, List.of(new ConsumerRecord<>(partition.topic(), 0, offset++, timestamp,
            TimestampType.CREATE_TIME, raw.length, raw.length, raw, raw, new RecordHeaders(), Optional.empty())));
    }

    @Test
    void waitsForAPartitionWithUnfetchedRecordsWhateverTheTime() {
        StreamTask task = task(0L);
        add(task, LEFT, "l1", 10);
        assertFalse(task.process(0L), "the right partition's lag is not known yet");
        task.updateFetchedLag(RIGHT, OptionalLong.of(3));
        assertFalse(task.process(1_000_000L), "the right partition has unfetched records");
        assertTrue(task.isIdling());
        assertEquals(0L, task.idlingSince());

        add(task, RIGHT, "r1", 5);
        task.updateFetchedLag(RIGHT, OptionalLong.of(2));
        assertTrue(task.process(1_000_001L));
        assertEquals(List.of("r1"), processed, "the older record first");
        assertFalse(task.isIdling());
        assertFalse(task.process(1_000_001L), "the right partition is empty again and not caught up");
    }

    @Test
    void waitsMaxTaskIdleMsForACaughtUpPartitionThenEnforcesProcessing() {
        StreamTask task = task(1_000L);
        add(task, LEFT, "l1", 10);
        add(task, LEFT, "l2", 11);
        task.updateFetchedLag(LEFT, OptionalLong.of(0));
        task.updateFetchedLag(RIGHT, OptionalLong.of(0));
        assertFalse(task.process(5_000L));
        assertFalse(task.process(5_999L));
        assertEquals(5_000L, task.idlingSince());
        assertTrue(task.process(6_000L), "max.task.idle.ms passed");
        assertTrue(task.process(6_000L));
        assertEquals(List.of("l1", "l2"), processed);
        assertEquals(2L, task.enforcedProcessing());
        assertFalse(task.isIdling());
    }

    @Test
    void processesAtOnceWhenTheCaughtUpPartitionMayNotWaitOrIdlingIsDisabled() {
        StreamTask waitsNot = task(0L);
        add(waitsNot, LEFT, "l1", 10);
        waitsNot.updateFetchedLag(RIGHT, OptionalLong.of(0));
        assertTrue(waitsNot.process(0L));
        assertEquals(1L, waitsNot.enforcedProcessing());

        StreamTask neverIdles = task(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        add(neverIdles, LEFT, "l2", 10);
        assertTrue(neverIdles.process(0L), "-1 never waits, even for unknown lags");
        assertEquals(List.of("l1", "l2"), processed);
    }
}
