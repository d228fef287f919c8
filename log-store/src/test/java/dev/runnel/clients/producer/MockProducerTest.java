package dev.runnel.clients.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.consumer.ConsumerGroupMetadata;
import dev.runnel.clients.consumer.OffsetAndMetadata;
import dev.runnel.common.KafkaException;
import dev.runnel.common.MetricName;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.errors.ProducerFencedException;
import dev.runnel.common.Uuid;
import dev.runnel.common.metrics.Gauge;
import dev.runnel.common.metrics.KafkaMetric;
import dev.runnel.common.metrics.MetricConfig;
import dev.runnel.common.serialization.StringSerializer;
import dev.runnel.common.utils.Time;
import dev.runnel.testing.Clusters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MockProducerTest {
    private static final ProducerRecord<String, String> HOME = new ProducerRecord<>("clicks", "alice", "/home");
    private static final ProducerRecord<String, String> CART = new ProducerRecord<>("clicks", "bob", "/cart");

    @Test
    void shouldCompleteAtOnceWithAutoCompleteAndCountOffsetsPerPartition() throws Exception {
        MockProducer<String, String> producer = new MockProducer<>(true, null, new StringSerializer(),
            new StringSerializer());
        List<Long> acked = new ArrayList<>();
        assertEquals(0, producer.send(HOME, (m, e) -> acked.add(m.offset())).get().offset());
        assertEquals(1, producer.send(CART).get().offset());
        assertEquals(0, producer.send(new ProducerRecord<>("other", "x")).get().offset());
        assertEquals(List.of(0L), acked);
        assertEquals(List.of(HOME, CART, new ProducerRecord<>("other", "x")), producer.history());
        producer.clear();
        assertEquals(List.of(), producer.history());
    }

    @Test
    void shouldHoldSendsUntilTheTestCompletesOrFailsThem() {
        MockProducer<String, String> producer = new MockProducer<>();
        List<Exception> outcomes = new ArrayList<>();
        Future<RecordMetadata> first = producer.send(HOME, (m, e) -> outcomes.add(e));
        Future<RecordMetadata> second = producer.send(CART, (m, e) -> outcomes.add(e));
        assertFalse(first.isDone());
        assertTrue(producer.completeNext());
        assertTrue(first.isDone());
        RuntimeException boom = new IllegalStateException("boom");
        assertTrue(producer.errorNext(boom));
        assertFalse(producer.errorNext(boom));
        assertSame(boom, assertThrows(ExecutionException.class, second::get).getCause());
        assertEquals(java.util.Arrays.asList(null, boom), outcomes);
    }

    @Test
    void shouldPartitionLikeTheProducerWhenTheClusterKnowsTheTopic() throws Exception {
        MockProducer<String, String> producer = new MockProducer<>(Clusters.of("clicks", 6), true, null,
            new StringSerializer(), new StringSerializer());
        // murmur2 of "abc" is partition 3 of 6 (see BuiltInPartitionerTest).
        assertEquals(3, producer.send(new ProducerRecord<>("clicks", "abc", "v")).get().partition());
        assertEquals(0, producer.send(new ProducerRecord<>("unknown", "abc", "v")).get().partition());
        Partitioner last = (topic, key, keyBytes, value, valueBytes, cluster) ->
            cluster.partitionCountForTopic(topic) - 1;
        MockProducer<String, String> custom = new MockProducer<>(Clusters.of("clicks", 6), true, last,
            new StringSerializer(), new StringSerializer());
        assertEquals(5, custom.send(HOME).get().partition());
        assertEquals(6, custom.partitionsFor("clicks").size());
    }

    @Test
    void shouldKeepTransactionalSendsOutOfTheHistoryUntilCommit() {
        MockProducer<String, String> producer = new MockProducer<>(true, null, null, null);
        assertThrows(IllegalStateException.class, producer::beginTransaction);
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(HOME);
        producer.sendOffsetsToTransaction(Map.of(new TopicPartition("in", 0), new OffsetAndMetadata(7)),
            new ConsumerGroupMetadata("readers"));
        assertEquals(List.of(), producer.history());
        assertEquals(List.of(HOME), producer.uncommittedRecords());
        producer.commitTransaction();
        assertEquals(List.of(HOME), producer.history());
        assertEquals(List.of(Map.of("readers", Map.of(new TopicPartition("in", 0), new OffsetAndMetadata(7)))),
            producer.consumerGroupOffsetsHistory());
        assertTrue(producer.transactionCommitted());
        assertEquals(1, producer.commitCount());

        producer.beginTransaction();
        producer.send(CART);
        producer.abortTransaction();
        assertTrue(producer.transactionAborted());
        assertEquals(List.of(HOME), producer.history());
        assertEquals(List.of(), producer.uncommittedRecords());
    }

    @Test
    void shouldFailLikeAFencedProducerAndThrowConfiguredExceptions() {
        MockProducer<String, String> producer = new MockProducer<>(true, null, null, null);
        producer.initTransactions();
        producer.fenceProducer();
        assertThrows(ProducerFencedException.class, producer::beginTransaction);
        assertInstanceOf(ProducerFencedException.class, assertThrows(KafkaException.class,
            () -> producer.send(HOME)).getCause());

        MockProducer<String, String> failing = new MockProducer<>();
        failing.sendException = new KafkaException("send fails");
        assertSame(failing.sendException, assertThrows(KafkaException.class, () -> failing.send(HOME)));
        failing.close();
        assertTrue(failing.closed());
        assertThrows(IllegalStateException.class, () -> failing.flush());
    }

    @Test
    void shouldCompleteEverythingPendingOnFlush() {
        MockProducer<String, String> producer = new MockProducer<>();
        Future<RecordMetadata> future = producer.send(HOME);
        producer.flush();
        assertTrue(future.isDone());
        assertTrue(producer.flushed());
        assertFalse(producer.completeNext());
        assertEquals(List.of(), producer.partitionsFor("clicks"), "the default cluster is empty");
    }

    @Test
    void shouldReturnTheClientInstanceIdATestSets() {
        MockProducer<String, String> producer = new MockProducer<>();
        assertThrows(UnsupportedOperationException.class, () -> producer.clientInstanceId(Duration.ZERO));
        Uuid id = Uuid.randomUuid();
        producer.setClientInstanceId(id);
        assertEquals(id, producer.clientInstanceId(Duration.ZERO));
    }

    @Test
    void shouldReportTheMetricsATestSetsAndKeepThoseRegisteredForSubscription() {
        MockProducer<String, String> producer = new MockProducer<>(true, null, new StringSerializer(),
            new StringSerializer());
        KafkaMetric metric = new KafkaMetric(new Object(), new MetricName("m", "g", "", Map.of()),
            (Gauge<Double>) (config, now) -> 1.0, new MetricConfig(), Time.SYSTEM);
        assertEquals(Map.of(), producer.metrics());

        producer.setMockMetrics(metric.metricName(), metric);
        producer.registerMetricForSubscription(metric);

        assertEquals(Map.of(metric.metricName(), metric), producer.metrics());
        assertEquals(List.of(metric), producer.addedMetrics());
        producer.unregisterMetricFromSubscription(metric);
        assertEquals(List.of(), producer.addedMetrics());
    }
}
