package dev.runnel.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.admin.Admin;
import dev.runnel.clients.admin.NewTopic;
import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.consumer.ConsumerRecords;
import dev.runnel.clients.consumer.KafkaConsumer;
import dev.runnel.clients.consumer.NoOffsetForPartitionException;
import dev.runnel.clients.producer.KafkaProducer;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.clients.producer.RecordMetadata;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.errors.InvalidRecordException;
import dev.runnel.common.errors.RecordTooLargeException;
import dev.runnel.common.errors.UnknownTopicOrPartitionException;
import dev.runnel.common.record.CompressionType;
import dev.runnel.common.record.TimestampType;
import dev.runnel.common.serialization.StringDeserializer;
import dev.runnel.common.serialization.StringSerializer;
import dev.runnel.log.RunnelLog;
import dev.runnel.log.internal.record.Batches;
import dev.runnel.log.internal.record.RecordBatch;
import dev.runnel.testing.Configs;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each producer and consumer config of the foundation issue, shown to change what a user observes. */
class ClientConfigsIT {
    private static final TopicPartition TP = new TopicPartition("t", 0);

    @TempDir
    Path dataDir;

    private Map<String, Object> config(Object... keyValues) {
        return Configs.embedded(dataDir, keyValues);
    }

    private void createTopic(String name, Map<String, String> configs) throws Exception {
        try (Admin admin = Admin.create(config())) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1).configs(configs))).all().get();
        }
    }

    private KafkaProducer<String, String> producer(Object... keyValues) {
        return new KafkaProducer<>(config(keyValues), new StringSerializer(), new StringSerializer());
    }

    private KafkaConsumer<String, String> consumer(Object... keyValues) {
        return new KafkaConsumer<>(config(keyValues), new StringDeserializer(), new StringDeserializer());
    }

    /** The stored batches of partition t-0, read raw from the log. */
    private List<ByteBuffer> storedBatches() {
        try (RunnelLog log = RunnelLog.open(dataDir)) {
            ByteBuffer all = log.partition(TP).read(0, Integer.MAX_VALUE).records();
            List<ByteBuffer> batches = new ArrayList<>();
            Batches iterator = new Batches(all);
            while (iterator.next()) {
                RecordBatch batch = iterator.batch();
                batches.add(all.duplicate().position(batch.position()).limit(batch.position() + batch.sizeInBytes())
                    .slice());
            }
            return batches;
        }
    }

    private List<ConsumerRecord<String, String>> readAll(int expected) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer("auto.offset.reset", "earliest")) {
            consumer.assign(List.of(TP));
            while (records.size() < expected) {
                ConsumerRecords<String, String> polled = consumer.poll(Duration.ofSeconds(10));
                assertFalse(polled.isEmpty(), "expected " + expected + " records, got " + records.size());
                polled.forEach(records::add);
            }
        }
        return records;
    }

    @Test
    void acksZeroReportsNoOffsetWhileAcksOneAndAllDo() throws Exception {
        createTopic("t", Map.of());
        try (KafkaProducer<String, String> none = producer("acks", "0", "linger.ms", 0);
             KafkaProducer<String, String> leader = producer("acks", "1", "linger.ms", 0);
             KafkaProducer<String, String> all = producer("acks", "all", "linger.ms", 0)) {
            assertEquals(-1, none.send(new ProducerRecord<>("t", "a")).get().offset());
            assertEquals(1, leader.send(new ProducerRecord<>("t", "b")).get().offset());
            assertEquals(2, all.send(new ProducerRecord<>("t", "c")).get().offset());
        }
    }

    @Test
    void acksAllAcknowledgesOnlyFsyncedRecords() throws Exception {
        createTopic("t", Map.of());
        try (RunnelLog log = RunnelLog.open(dataDir);
             KafkaProducer<String, String> leader = producer("acks", "1", "linger.ms", 0);
             KafkaProducer<String, String> all = producer("acks", "all", "linger.ms", 0)) {
            leader.send(new ProducerRecord<>("t", "unsynced")).get();
            assertEquals(0, log.partition(TP).recoveryPoint(), "acks=1 does not fsync");
            RecordMetadata synced = all.send(new ProducerRecord<>("t", "synced")).get();
            assertTrue(log.partition(TP).recoveryPoint() > synced.offset(), "acks=all returns after the fsync");
        }
    }

    @Test
    void lingerMsHoldsABatchUntilItExpiresOrIsFlushed() throws Exception {
        createTopic("t", Map.of());
        try (KafkaProducer<String, String> lingering = producer("linger.ms", 600_000)) {
            Future<RecordMetadata> future = lingering.send(new ProducerRecord<>("t", "waits"));
            assertFalse(future.isDone(), "a 10-minute linger keeps the record buffered");
            lingering.flush();
            assertTrue(future.isDone());
        }
        try (KafkaProducer<String, String> eager = producer("linger.ms", 0)) {
            assertEquals(1, eager.send(new ProducerRecord<>("t", "now")).get().offset(), "linger 0 needs no flush");
        }
    }

    @Test
    void batchSizeBoundsTheRecordsPerStoredBatch() throws Exception {
        createTopic("t", Map.of());
        String value = "x".repeat(100);
        try (KafkaProducer<String, String> small = producer("batch.size", 1000, "linger.ms", 600_000)) {
            for (int i = 0; i < 100; i++) {
                small.send(new ProducerRecord<>("t", value));
            }
            small.flush();
        }
        List<ByteBuffer> smallBatches = storedBatches();
        assertTrue(smallBatches.size() >= 10, "1000-byte batches hold at most 9 records: " + smallBatches.size());
        smallBatches.forEach(batch -> assertTrue(batch.remaining() <= 1000, "batch of " + batch.remaining()));
        try (KafkaProducer<String, String> large = producer("batch.size", 1 << 20, "linger.ms", 600_000)) {
            for (int i = 0; i < 100; i++) {
                large.send(new ProducerRecord<>("t", value));
            }
            large.flush();
        }
        assertEquals(smallBatches.size() + 1, storedBatches().size(), "one 1 MiB batch holds all 100 records");
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void compressionTypeIsStoredInEachBatchAndTransparentToConsumers(CompressionType codec) throws Exception {
        createTopic("t", Map.of());
        try (KafkaProducer<String, String> producer = producer("compression.type", codec.name, "linger.ms", 100)) {
            for (int i = 0; i < 200; i++) {
                producer.send(new ProducerRecord<>("t", "key" + i, "value " + i + " ".repeat(50)));
            }
            producer.flush();
        }
        int storedBytes = 0;
        for (ByteBuffer batch : storedBatches()) {
            assertEquals(codec, RecordBatch.of(batch).compressionType());
            storedBytes += batch.remaining();
        }
        if (codec != CompressionType.NONE) {
            assertTrue(storedBytes < 200 * 50, codec + " should shrink repetitive values: " + storedBytes);
        }
        List<ConsumerRecord<String, String>> records = readAll(200);
        assertEquals("value 199" + " ".repeat(50), records.get(199).value());
    }

    @Test
    void topicCompressionTypeReencodesBatchesInTheTopicsCodec() throws Exception {
        createTopic("t", Map.of("compression.type", "zstd"));
        try (KafkaProducer<String, String> producer = producer("compression.type", "gzip", "linger.ms", 100)) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>("t", "key" + i, "value " + i));
            }
            assertEquals(99, producer.send(new ProducerRecord<>("t", "last")).get().offset() - 1);
        }
        storedBatches().forEach(batch -> assertEquals(CompressionType.ZSTD, RecordBatch.of(batch).compressionType()));
        assertEquals("value 99", readAll(101).get(99).value());
    }

    @Test
    void aPartitionWithoutPositionThrowsBeforeAnyOtherPartitionsRecordsAreTaken() throws Exception {
        createTopic("t", Map.of());
        createTopic("u", Map.of());
        TopicPartition other = new TopicPartition("u", 0);
        try (KafkaProducer<String, String> producer = producer("linger.ms", 0);
             KafkaConsumer<String, String> none = consumer("auto.offset.reset", "none")) {
            producer.send(new ProducerRecord<>("t", "first")).get();
            producer.send(new ProducerRecord<>("u", "other")).get();
            none.assign(List.of(TP, other));
            none.seek(TP, 0);
            for (int poll = 0; poll < 3; poll++) {
                // Whichever partition a poll visits first, the unpositioned one fails it before any record is taken.
                assertThrows(NoOffsetForPartitionException.class, () -> none.poll(Duration.ofMillis(10)));
            }
            none.seek(other, 0);
            List<String> values = new ArrayList<>();
            for (int poll = 0; poll < 10 && values.size() < 2; poll++) {
                none.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
            }
            assertEquals(List.of("first", "other"), values.stream().sorted().toList());
        }
    }

    @Test
    void autoOffsetResetChoosesWhereAnUnpositionedConsumerStarts() throws Exception {
        createTopic("t", Map.of());
        try (KafkaProducer<String, String> producer = producer("linger.ms", 0)) {
            producer.send(new ProducerRecord<>("t", "old")).get();
            try (KafkaConsumer<String, String> latest = consumer();
                 KafkaConsumer<String, String> earliest = consumer("auto.offset.reset", "earliest");
                 KafkaConsumer<String, String> none = consumer("auto.offset.reset", "none")) {
                latest.assign(List.of(TP));
                earliest.assign(List.of(TP));
                none.assign(List.of(TP));
                assertEquals(1, latest.position(TP), "latest is the default and starts at the log end");
                producer.send(new ProducerRecord<>("t", "new")).get();
                assertEquals("new", latest.poll(Duration.ofSeconds(5)).iterator().next().value());
                assertEquals("old", earliest.poll(Duration.ofSeconds(5)).iterator().next().value());
                assertThrows(NoOffsetForPartitionException.class, () -> none.poll(Duration.ofMillis(10)));
                none.seek(TP, 1);
                assertEquals("new", none.poll(Duration.ofSeconds(5)).iterator().next().value());
            }
        }
    }

    @Test
    void autoOffsetResetByDurationStartsAtTheFirstRecordThatRecentElseAtTheEnd() throws Exception {
        createTopic("t", Map.of());
        long now = System.currentTimeMillis();
        try (KafkaProducer<String, String> producer = producer("linger.ms", 0)) {
            producer.send(new ProducerRecord<>("t", 0, now - Duration.ofHours(3).toMillis(), null, "3h ago")).get();
            producer.send(new ProducerRecord<>("t", 0, now - Duration.ofMinutes(30).toMillis(), null, "30m ago"))
                .get();
        }
        // Kafka's by_duration: the first record no older than the duration; the end when every record is older.
        try (KafkaConsumer<String, String> lastHour = consumer("auto.offset.reset", "by_duration:PT1H");
             KafkaConsumer<String, String> lastMinute = consumer("auto.offset.reset", "by_duration:PT1M")) {
            lastHour.assign(List.of(TP));
            lastMinute.assign(List.of(TP));
            assertEquals(1, lastHour.position(TP));
            assertEquals(2, lastMinute.position(TP));
        }
    }

    @Test
    void maxMessageBytesRefusesALargerRecordButSplitsSmallOnesIntoFittingBatches() throws Exception {
        createTopic("t", Map.of("max.message.bytes", "2000"));
        try (KafkaProducer<String, String> producer = producer("linger.ms", 600_000)) {
            List<Future<RecordMetadata>> small = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                small.add(producer.send(new ProducerRecord<>("t", "y".repeat(100))));
            }
            Future<RecordMetadata> large = producer.send(new ProducerRecord<>("t", "z".repeat(5000)));
            producer.flush();
            for (Future<RecordMetadata> future : small) {
                future.get();
            }
            ExecutionException error = assertThrows(ExecutionException.class, large::get);
            assertInstanceOf(RecordTooLargeException.class, error.getCause());
            assertTrue(error.getCause().getMessage().contains("max.message.bytes"), error.getCause().getMessage());
        }
        storedBatches().forEach(batch -> assertTrue(batch.remaining() <= 2000));
    }

    @Test
    void logAppendTimeTopicsStampRecordsWithTheAppendTime() throws Exception {
        createTopic("t", Map.of("message.timestamp.type", "LogAppendTime"));
        long createTime = 1_000L;
        try (KafkaProducer<String, String> producer = producer("linger.ms", 0)) {
            RecordMetadata metadata = producer.send(new ProducerRecord<>("t", null, createTime, null, "v")).get();
            assertTrue(metadata.timestamp() > createTime, "the metadata carries the append time");
            ConsumerRecord<String, String> record = readAll(1).get(0);
            assertEquals(TimestampType.LOG_APPEND_TIME, record.timestampType());
            assertEquals(metadata.timestamp(), record.timestamp());
        }
    }

    @Test
    void compactedTopicsRefuseRecordsWithoutAKey() throws Exception {
        createTopic("t", Map.of("cleanup.policy", "compact"));
        try (KafkaProducer<String, String> producer = producer("linger.ms", 0)) {
            assertEquals(0, producer.send(new ProducerRecord<>("t", "k", "v")).get().offset());
            ExecutionException error = assertThrows(ExecutionException.class,
                () -> producer.send(new ProducerRecord<>("t", null, "no key")).get());
            assertInstanceOf(InvalidRecordException.class, error.getCause());
            assertTrue(error.getCause().getMessage().contains("key"), error.getCause().getMessage());
            assertEquals(1, producer.send(new ProducerRecord<>("t", "k", null)).get().offset(), "tombstones are fine");
        }
    }

    @Test
    void unknownTopicsFailTheSendWithTheFix() {
        try (KafkaProducer<String, String> producer = producer()) {
            ExecutionException error = assertThrows(ExecutionException.class,
                () -> producer.send(new ProducerRecord<>("nope", "v")).get());
            assertInstanceOf(UnknownTopicOrPartitionException.class, error.getCause());
            assertTrue(error.getCause().getMessage().contains("runnel topics --create"), error.getCause().getMessage());
        }
    }

    @Test
    void offsetsForTimesFindsTheFirstRecordAtOrAfterATimestamp() throws Exception {
        createTopic("t", Map.of());
        try (KafkaProducer<String, String> producer = producer("linger.ms", 0);
             KafkaConsumer<String, String> consumer = consumer()) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>("t", null, 1_000L + i * 10, null, "v" + i)).get();
            }
            consumer.assign(List.of(TP));
            assertEquals(50, consumer.offsetsForTimes(Map.of(TP, 1_500L)).get(TP).offset());
            assertEquals(51, consumer.offsetsForTimes(Map.of(TP, 1_501L)).get(TP).offset());
            assertEquals(0, consumer.offsetsForTimes(Map.of(TP, 0L)).get(TP).offset());
            assertNull(consumer.offsetsForTimes(Map.of(TP, 5_000L)).get(TP));
        }
    }
}
