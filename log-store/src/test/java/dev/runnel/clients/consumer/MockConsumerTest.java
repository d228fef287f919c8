package dev.runnel.clients.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.KafkaException;
import dev.runnel.common.MetricName;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.metrics.Gauge;
import dev.runnel.common.metrics.KafkaMetric;
import dev.runnel.common.metrics.MetricConfig;
import dev.runnel.common.Uuid;
import dev.runnel.common.errors.WakeupException;
import dev.runnel.common.header.internals.RecordHeaders;
import dev.runnel.common.record.TimestampType;
import dev.runnel.common.utils.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MockConsumerTest {
    private static final TopicPartition CLICKS = new TopicPartition("clicks", 0);

    private static ConsumerRecord<String, String> record(long offset, String value) {
        return new ConsumerRecord<>("clicks", 0, offset, "k", value);
    }

    private static List<String> values(ConsumerRecords<String, String> records) {
        List<String> values = new ArrayList<>();
        records.forEach(r -> values.add(r.value()));
        return values;
    }

    @Test
    void shouldReturnAddedRecordsFromThePositionOnAndAdvanceIt() {
        MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
        assertThrows(IllegalStateException.class, () -> consumer.addRecord(record(0, "a")));
        consumer.assign(List.of(CLICKS));
        consumer.updateBeginningOffsets(Map.of(CLICKS, 1L));
        consumer.addRecord(record(0, "before the beginning"));
        consumer.addRecord(record(1, "a"));
        consumer.addRecord(record(2, "b"));
        consumer.addRecord(record(3, "c"));
        consumer.setMaxPollRecords(2);
        assertEquals(List.of("a", "b"), values(consumer.poll(Duration.ofMillis(10))));
        assertEquals(3, consumer.position(CLICKS));
        assertEquals(List.of("c"), values(consumer.poll(Duration.ZERO)));
        assertTrue(consumer.poll(Duration.ZERO).isEmpty());
        assertEquals(Duration.ZERO, consumer.lastPollTimeout());
        consumer.seek(CLICKS, 1);
        assertTrue(consumer.poll(Duration.ZERO).isEmpty(), "records once returned are gone, as in Kafka's mock");
    }

    @Test
    void shouldFindTheEarliestAddedRecordAtOrAfterATimestampEvenOncePolled() {
        MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
        consumer.assign(List.of(CLICKS));
        consumer.updateBeginningOffsets(Map.of(CLICKS, 0L));
        consumer.addRecord(new ConsumerRecord<>("clicks", 0, 0L, 100L, TimestampType.CREATE_TIME, 1, 1, "k", "a",
            new RecordHeaders(), Optional.empty()));
        consumer.addRecord(new ConsumerRecord<>("clicks", 0, 1L, 300L, TimestampType.CREATE_TIME, 1, 1, "k", "b",
            new RecordHeaders(), Optional.empty()));
        consumer.addRecord(new ConsumerRecord<>("clicks", 0, 2L, 200L, TimestampType.CREATE_TIME, 1, 1, "k", "c",
            new RecordHeaders(), Optional.empty()));
        consumer.poll(Duration.ZERO);

        assertEquals(new OffsetAndTimestamp(1L, 300L), consumer.offsetsForTimes(Map.of(CLICKS, 250L)).get(CLICKS));
        assertEquals(new OffsetAndTimestamp(1L, 300L), consumer.offsetsForTimes(Map.of(CLICKS, 150L)).get(CLICKS),
            "the earliest offset whose timestamp is late enough, not the closest timestamp");
        assertEquals(new OffsetAndTimestamp(0L, 100L), consumer.offsetsForTimes(Map.of(CLICKS, 0L)).get(CLICKS));
        Map<TopicPartition, OffsetAndTimestamp> none = consumer.offsetsForTimes(Map.of(CLICKS, 301L));
        assertTrue(none.containsKey(CLICKS) && none.get(CLICKS) == null, "no record that late: null, as in Kafka");
        assertThrows(IllegalArgumentException.class, () -> consumer.offsetsForTimes(Map.of(CLICKS, -1L)));
    }

    @Test
    void shouldReportNextOffsetsLagAndTheClientInstanceIdItWasGiven() {
        MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
        consumer.assign(List.of(CLICKS));
        consumer.updateBeginningOffsets(Map.of(CLICKS, 0L));
        assertEquals(OptionalLong.empty(), consumer.currentLag(CLICKS));
        consumer.updateEndOffsets(Map.of(CLICKS, 4L));
        consumer.seek(CLICKS, new OffsetAndMetadata(1));
        consumer.addRecord(record(1, "a"));
        consumer.addRecord(record(2, "b"));
        assertEquals(Map.of(CLICKS, new OffsetAndMetadata(3)), consumer.poll(Duration.ZERO).nextOffsets());
        assertEquals(OptionalLong.of(1), consumer.currentLag(CLICKS));
        assertThrows(UnsupportedOperationException.class, () -> consumer.clientInstanceId(Duration.ZERO));
        Uuid id = Uuid.randomUuid();
        consumer.setClientInstanceId(id);
        assertEquals(id, consumer.clientInstanceId(Duration.ZERO));
    }

    @Test
    void shouldStartFromTheCommittedOffsetElseTheResetStrategy() {
        MockConsumer<String, String> consumer = new MockConsumer<>(OffsetResetStrategy.LATEST);
        consumer.assign(List.of(CLICKS));
        assertThrows(IllegalStateException.class, () -> consumer.position(CLICKS));
        consumer.updateEndOffsets(Map.of(CLICKS, 5L));
        assertEquals(5, consumer.position(CLICKS));
        consumer.commitSync(Map.of(CLICKS, new OffsetAndMetadata(2)));
        assertEquals(Map.of(CLICKS, new OffsetAndMetadata(2)), consumer.committed(java.util.Set.of(CLICKS)));
        consumer.updateBeginningOffsets(Map.of(CLICKS, 0L));
        consumer.seekToBeginning(List.of());
        assertEquals(0, consumer.position(CLICKS));
        assertEquals(Map.of(CLICKS, 0L), consumer.beginningOffsets(List.of(CLICKS)));
        assertEquals(Map.of(CLICKS, 5L), consumer.endOffsets(List.of(CLICKS)));

        MockConsumer<String, String> none = new MockConsumer<>("none");
        none.assign(List.of(CLICKS));
        assertThrows(NoOffsetForPartitionException.class, () -> none.poll(Duration.ZERO));
    }

    @Test
    void shouldRunOnePollTaskPerPollAndHonourWakeupAndInjectedErrors() {
        MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
        consumer.assign(List.of(CLICKS));
        consumer.updateBeginningOffsets(Map.of(CLICKS, 0L));
        consumer.schedulePollTask(() -> consumer.addRecord(record(0, "a")));
        consumer.scheduleNopPollTask();
        consumer.schedulePollTask(consumer::wakeup);
        assertEquals(List.of("a"), values(consumer.poll(Duration.ZERO)));
        assertTrue(consumer.poll(Duration.ZERO).isEmpty());
        assertThrows(WakeupException.class, () -> consumer.poll(Duration.ZERO));
        KafkaException injected = new KafkaException("poll fails");
        consumer.setPollException(injected);
        assertSame(injected, assertThrows(KafkaException.class, () -> consumer.poll(Duration.ZERO)));
        assertTrue(consumer.poll(Duration.ZERO).isEmpty(), "the injected exception is thrown once");
        consumer.setOffsetsException(injected);
        assertSame(injected, assertThrows(KafkaException.class, () -> consumer.endOffsets(List.of(CLICKS))));
    }

    @Test
    void shouldPlayRebalancesThroughTheListener() {
        MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
        List<String> calls = new ArrayList<>();
        consumer.subscribe(List.of("clicks"), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(java.util.Collection<TopicPartition> partitions) {
                calls.add("revoked " + partitions);
            }

            @Override
            public void onPartitionsAssigned(java.util.Collection<TopicPartition> partitions) {
                calls.add("assigned " + partitions);
            }
        });
        assertEquals(java.util.Set.of(), consumer.assignment());
        TopicPartition other = new TopicPartition("clicks", 1);
        consumer.rebalance(List.of(CLICKS));
        consumer.rebalance(List.of(other));
        assertEquals(List.of("assigned [clicks-0]", "revoked [clicks-0]", "assigned [clicks-1]"), calls);
        assertEquals(java.util.Set.of(other), consumer.assignment());
        consumer.enforceRebalance();
        assertTrue(consumer.shouldRebalance());
        consumer.close();
        assertTrue(consumer.closed());
        assertThrows(IllegalStateException.class, () -> consumer.poll(Duration.ZERO));
    }

    @Test
    void shouldReportTheMetricsATestSetsAndKeepThoseRegisteredForSubscription() {
        MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
        KafkaMetric metric = new KafkaMetric(new Object(), new MetricName("m", "g", "", Map.of()),
            (Gauge<Double>) (config, now) -> 1.0, new MetricConfig(), Time.SYSTEM);
        assertEquals(Map.of(), consumer.metrics());

        consumer.setMockMetrics(metric.metricName(), metric);
        consumer.registerMetricForSubscription(metric);

        assertEquals(Map.of(metric.metricName(), metric), consumer.metrics());
        assertEquals(List.of(metric), consumer.addedMetrics());
        consumer.unregisterMetricFromSubscription(metric);
        assertEquals(List.of(), consumer.addedMetrics());
    }
}
