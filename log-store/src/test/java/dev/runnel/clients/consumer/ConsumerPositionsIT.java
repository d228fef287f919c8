package dev.runnel.clients.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.producer.KafkaProducer;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.serialization.StringDeserializer;
import dev.runnel.common.serialization.StringSerializer;
import dev.runnel.log.RunnelLog;
import dev.runnel.testing.Configs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Positions, lag and next offsets of the consumer on one embedded log, and its timeout overloads. */
class ConsumerPositionsIT {
    private static final TopicPartition TP = new TopicPartition("clicks", 0);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dataDir;
    private RunnelLog log;

    @BeforeEach
    void openLog() {
        log = RunnelLog.open(dataDir);
        log.createTopic("clicks", 1, Map.of());
    }

    @AfterEach
    void closeLog() {
        log.close();
    }

    private Map<String, Object> config(Object... keyValues) {
        return Configs.embedded(dataDir, keyValues);
    }

    private KafkaConsumer<String, String> consumer(Object... keyValues) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config(keyValues), new StringDeserializer(),
            new StringDeserializer());
        consumer.assign(List.of(TP));
        return consumer;
    }

    private void send(int count) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config("linger.ms", 0),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>("clicks", "k" + i, "v" + i)).get();
            }
        }
    }

    @Test
    void shouldReportLagFromThePositionToTheEndOffset() throws Exception {
        send(10);
        try (KafkaConsumer<String, String> consumer = consumer("auto.offset.reset", "earliest",
                "max.poll.records", 4)) {
            assertEquals(OptionalLong.empty(), consumer.currentLag(TP));
            consumer.seek(TP, new OffsetAndMetadata(3, "ignored"));
            assertEquals(OptionalLong.of(7), consumer.currentLag(TP));
            ConsumerRecords<String, String> polled = consumer.poll(TIMEOUT);
            assertEquals(3, polled.iterator().next().offset());
            assertEquals(OptionalLong.of(3), consumer.currentLag(TP));
            consumer.seekToEnd(List.of());
            assertEquals(OptionalLong.empty(), consumer.currentLag(TP));
            assertEquals(10, consumer.position(TP, TIMEOUT));
            assertEquals(OptionalLong.of(0), consumer.currentLag(TP));
            assertThrows(IllegalStateException.class, () -> consumer.currentLag(new TopicPartition("clicks", 9)));
        }
    }

    @Test
    void shouldReturnTheNextOffsetOfEveryPartitionAPollAdvanced() throws Exception {
        send(5);
        try (KafkaConsumer<String, String> consumer = consumer("auto.offset.reset", "earliest",
                "max.poll.records", 3)) {
            assertEquals(Map.of(TP, new OffsetAndMetadata(3)), consumer.poll(TIMEOUT).nextOffsets());
            assertEquals(Map.of(TP, new OffsetAndMetadata(5)), consumer.poll(TIMEOUT).nextOffsets());
            assertEquals(Map.of(), consumer.poll(Duration.ZERO).nextOffsets());
        }
    }

    /** A poll that only skips an aborted transaction returns no records but the offset past it, as in Kafka 4. */
    @Test
    void shouldReturnTheNextOffsetPastAnAbortedTransactionWithoutRecords() throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config("linger.ms", 0,
                "transactional.id", "tx"), new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("clicks", "k", "aborted"));
            producer.abortTransaction();
        }
        try (KafkaConsumer<String, String> consumer = consumer("auto.offset.reset", "earliest",
                "isolation.level", "read_committed")) {
            ConsumerRecords<String, String> polled = consumer.poll(TIMEOUT);
            assertTrue(polled.isEmpty());
            assertEquals(Map.of(TP, new OffsetAndMetadata(2)), polled.nextOffsets());
        }
    }

    @Test
    void shouldAnswerTheTimeoutOverloadsAsTheirPlainTwins() throws Exception {
        send(3);
        try (KafkaConsumer<String, String> consumer = consumer()) {
            assertEquals(consumer.partitionsFor("clicks"), consumer.partitionsFor("clicks", TIMEOUT));
            assertEquals(consumer.listTopics(), consumer.listTopics(TIMEOUT));
            assertEquals(Map.of(TP, 0L), consumer.beginningOffsets(Set.of(TP), TIMEOUT));
            assertEquals(Map.of(TP, 3L), consumer.endOffsets(Set.of(TP), TIMEOUT));
            assertEquals(consumer.offsetsForTimes(Map.of(TP, 0L)), consumer.offsetsForTimes(Map.of(TP, 0L), TIMEOUT));
            assertEquals(0, consumer.offsetsForTimes(Map.of(TP, 0L), TIMEOUT).get(TP).offset());
            assertThrows(IllegalStateException.class, () -> consumer.clientInstanceId(TIMEOUT));
        }
    }
}
