package dev.runnel.clients.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.consumer.KafkaConsumer;
import dev.runnel.clients.consumer.OffsetOutOfRangeException;
import dev.runnel.clients.producer.KafkaProducer;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.errors.PolicyViolationException;
import dev.runnel.common.errors.UnknownTopicOrPartitionException;
import dev.runnel.common.serialization.StringDeserializer;
import dev.runnel.common.serialization.StringSerializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Admin.deleteRecords} on the embedded log, as seen by admin clients and consumers, also after a restart. */
class DeleteRecordsIT {
    private static final TopicPartition P0 = new TopicPartition("events", 0);

    @TempDir
    Path dataDir;

    @BeforeEach
    void produce() throws Exception {
        try (Admin admin = admin()) {
            // About 10 records of ~100 bytes per segment, deleted segment files removed at once.
            admin.createTopics(List.of(new NewTopic("events", 1, (short) 1).configs(Map.of("segment.bytes", "1024",
                "file.delete.delay.ms", "0")))).all().get();
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("log.dir", dataDir.toString(),
            "linger.ms", 0, "batch.size", 1), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>("events", 0, "k" + i, "v".repeat(60) + i)).get();
            }
        }
    }

    private Admin admin() {
        return Admin.create(Map.of("log.dir", dataDir.toString()));
    }

    private KafkaConsumer<String, String> consumer(String autoOffsetReset) {
        return new KafkaConsumer<>(Map.of("log.dir", dataDir.toString(), "auto.offset.reset", autoOffsetReset),
            new StringDeserializer(), new StringDeserializer());
    }

    private List<String> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dataDir.resolve("events-0"))) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".log")).sorted()
                .toList();
        }
    }

    private static long earliest(Admin admin) throws Exception {
        return admin.listOffsets(Map.of(P0, OffsetSpec.earliest())).partitionResult(P0).get().offset();
    }

    @Test
    void shouldMoveTheLowWatermarkAndRemoveTheSegmentsBelowIt() throws Exception {
        List<String> before = segmentFiles();
        assertTrue(before.size() > 5, "segments " + before);
        try (Admin admin = admin(); KafkaConsumer<String, String> consumer = consumer("earliest")) {
            DeleteRecordsResult result = admin.deleteRecords(Map.of(P0, RecordsToDelete.beforeOffset(55)));
            result.all().get();
            assertEquals(55, result.lowWatermarks().get(P0).get().lowWatermark());
            assertEquals(55, earliest(admin));
            assertEquals(Map.of(P0, 55L), consumer.beginningOffsets(List.of(P0)));
            List<String> after = segmentFiles();
            assertTrue(after.size() < before.size(), before + " then " + after);
            assertFalse(after.contains("00000000000000000000.log"), "first segment still there: " + after);
            assertTrue(Long.parseLong(after.get(0).substring(0, 20)) <= 55, "segment holding 55 is gone: " + after);
        }
    }

    @Test
    void shouldResetAConsumerPositionedBelowTheLowWatermark() throws Exception {
        try (Admin admin = admin()) {
            admin.deleteRecords(Map.of(P0, RecordsToDelete.beforeOffset(55))).all().get();
        }
        try (KafkaConsumer<String, String> earliest = consumer("earliest")) {
            earliest.assign(List.of(P0));
            earliest.seek(P0, 10);
            ConsumerRecord<String, String> first = pollOne(earliest);
            assertEquals(55, first.offset());
            assertEquals("k55", first.key());
        }
        try (KafkaConsumer<String, String> latest = consumer("latest")) {
            latest.assign(List.of(P0));
            latest.seek(P0, 10);
            assertTrue(latest.poll(Duration.ZERO).isEmpty());
            assertEquals(100, latest.position(P0));
        }
        try (KafkaConsumer<String, String> none = consumer("none")) {
            none.assign(List.of(P0));
            none.seek(P0, 10);
            OffsetOutOfRangeException e = assertThrows(OffsetOutOfRangeException.class,
                () -> none.poll(Duration.ZERO));
            assertEquals(Map.of(P0, 10L), e.offsetOutOfRangePartitions());
        }
    }

    private static ConsumerRecord<String, String> pollOne(KafkaConsumer<String, String> consumer) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        while (records.isEmpty()) {
            consumer.poll(Duration.ofMillis(50)).forEach(records::add);
        }
        return records.get(0);
    }

    @Test
    void shouldKeepTheLowWatermarkAfterARestart() throws Exception {
        try (Admin admin = admin()) {
            admin.deleteRecords(Map.of(P0, RecordsToDelete.beforeOffset(55))).all().get();
        }
        // Every client above is closed, so the log is closed too; this opens it again from disk.
        try (Admin admin = admin(); KafkaConsumer<String, String> consumer = consumer("earliest")) {
            assertEquals(55, earliest(admin));
            consumer.assign(List.of(P0));
            consumer.seekToBeginning(List.of(P0));
            assertEquals(55, pollOne(consumer).offset());
        }
    }

    @Test
    void shouldDeleteUpToTheHighWatermarkForMinusOne() throws Exception {
        try (Admin admin = admin()) {
            assertEquals(100, admin.deleteRecords(Map.of(P0, RecordsToDelete.beforeOffset(-1))).lowWatermarks()
                .get(P0).get().lowWatermark());
            assertEquals(100, earliest(admin));
        }
    }

    @Test
    void shouldFailClearlyPastTheEndOnUnknownPartitionsAndOnCompactedTopics() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("table", Optional.of(1), Optional.empty())
                .configs(Map.of("cleanup.policy", "compact")))).all().get();
            TopicPartition unknown = new TopicPartition("events", 7);
            TopicPartition compacted = new TopicPartition("table", 0);
            DeleteRecordsResult result = admin.deleteRecords(Map.of(P0, RecordsToDelete.beforeOffset(101),
                unknown, RecordsToDelete.beforeOffset(0), compacted, RecordsToDelete.beforeOffset(0)));

            Throwable pastEnd = cause(result, P0);
            assertInstanceOf(dev.runnel.common.errors.OffsetOutOfRangeException.class, pastEnd);
            assertEquals("Cannot delete the records of partition events-0 before offset 101: valid offsets are "
                + "[0, 100], the log end offset", pastEnd.getMessage());
            assertInstanceOf(UnknownTopicOrPartitionException.class, cause(result, unknown));
            Throwable policy = cause(result, compacted);
            assertInstanceOf(PolicyViolationException.class, policy);
            assertEquals("Records of partition table-0 cannot be deleted: topic 'table' has cleanup.policy=compact; "
                + "only topics with the delete policy (delete or compact,delete) allow deleting records",
                policy.getMessage());
            assertThrows(ExecutionException.class, () -> result.all().get());
            assertEquals(0, earliest(admin));
        }
    }

    private static Throwable cause(DeleteRecordsResult result, TopicPartition tp) {
        return assertThrows(ExecutionException.class, () -> result.lowWatermarks().get(tp).get()).getCause();
    }
}
