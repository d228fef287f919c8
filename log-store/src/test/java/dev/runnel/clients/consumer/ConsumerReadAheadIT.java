package dev.runnel.clients.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.producer.KafkaProducer;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.serialization.ByteArrayDeserializer;
import dev.runnel.common.serialization.StringDeserializer;
import dev.runnel.common.serialization.StringSerializer;
import dev.runnel.log.RunnelLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A byte-array consumer reads its next records on a background thread while the application processes a poll's
 * records, several polls' worth at a time: each poll must still return what a consumer reading at that poll would.
 */
class ConsumerReadAheadIT {
    private static final TopicPartition TP = new TopicPartition("clicks", 0);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_POLL_RECORDS = 10;

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
        Map<String, Object> config = new HashMap<>(Map.of("log.dir", dataDir.toString()));
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put((String) keyValues[i], keyValues[i + 1]);
        }
        return config;
    }

    private KafkaConsumer<byte[], byte[]> consumer(Object... keyValues) {
        Map<String, Object> config = config(keyValues);
        config.put("auto.offset.reset", "earliest");
        config.put("max.poll.records", MAX_POLL_RECORDS);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
        consumer.assign(List.of(TP));
        return consumer;
    }

    private void send(int from, int to) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config("linger.ms", 0),
                new StringSerializer(), new StringSerializer())) {
            for (int i = from; i < to; i++) {
                producer.send(new ProducerRecord<>("clicks", "k" + i, "v" + i)).get();
            }
        }
    }

    /** Polls until a poll returns records; returns their values. */
    private static List<String> pollValues(KafkaConsumer<byte[], byte[]> consumer) {
        List<String> values = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(TIMEOUT)) {
            values.add(new String(record.value(), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static List<String> values(int from, int to) {
        List<String> values = new ArrayList<>();
        for (int i = from; i < to; i++) {
            values.add("v" + i);
        }
        return values;
    }

    @Test
    void shouldReturnEveryRecordOnceInOrderWithThePositionAfterEachPoll() throws Exception {
        send(0, 95);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<String> all = new ArrayList<>();
            while (all.size() < 95) {
                List<String> polled = pollValues(consumer);
                assertTrue(polled.size() <= MAX_POLL_RECORDS, "at most max.poll.records: " + polled.size());
                all.addAll(polled);
                assertEquals(all.size(), consumer.position(TP), "the position follows what was returned");
            }
            assertEquals(values(0, 95), all);
            assertTrue(consumer.poll(Duration.ofMillis(50)).isEmpty(), "nothing is returned twice");
        }
    }

    @Test
    void shouldReadFromASeekBehindOrAtTheRecordsReadAhead() throws Exception {
        send(0, 100);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            assertEquals(values(0, 10), pollValues(consumer));
            consumer.seek(TP, 5);
            assertEquals(values(5, 15), pollValues(consumer));
            // Seeking to the position itself returns the same records as not seeking.
            consumer.seek(TP, consumer.position(TP));
            assertEquals(values(15, 25), pollValues(consumer));
            consumer.seek(TP, 90);
            assertEquals(values(90, 100), pollValues(consumer));
        }
    }

    @Test
    void shouldApplyAResetRequestedWhileRecordsWereReadAhead() throws Exception {
        send(0, 60);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            assertEquals(values(0, 10), pollValues(consumer));
            consumer.seekToBeginning(List.of(TP));
            assertEquals(values(0, 10), pollValues(consumer));
            consumer.seekToEnd(List.of(TP));
            assertEquals(60, consumer.position(TP));
        }
    }

    @Test
    void shouldReturnNothingOfAPausedPartitionAndContinueAtItsPositionOnResume() throws Exception {
        send(0, 50);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            assertEquals(values(0, 10), pollValues(consumer));
            consumer.pause(List.of(TP));
            assertTrue(consumer.poll(Duration.ZERO).isEmpty());
            consumer.resume(List.of(TP));
            assertEquals(values(10, 20), pollValues(consumer));
        }
    }

    @Test
    void shouldReturnRecordsAppendedAfterAReadAheadReachedTheEnd() throws Exception {
        send(0, 5);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            assertEquals(values(0, 5), pollValues(consumer));
            send(5, 12);
            List<String> rest = new ArrayList<>();
            while (rest.size() < 7) {
                rest.addAll(pollValues(consumer));
            }
            assertEquals(values(5, 12), rest);
        }
    }

    @Test
    void shouldCommitThePositionOfWhatWasReturnedNotOfWhatWasReadAhead() throws Exception {
        send(0, 50);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer("group.id", "readers", "enable.auto.commit", false)) {
            assertEquals(values(0, 10), pollValues(consumer));
            consumer.commitSync();
            assertEquals(10, consumer.committed(Set.of(TP)).get(TP).offset());
        }
        try (KafkaConsumer<byte[], byte[]> next = consumer("group.id", "readers", "enable.auto.commit", false)) {
            assertEquals(values(10, 20), pollValues(next));
        }
    }

    @Test
    void shouldReadAheadOnlyForByteArrayDeserializersAndStopItsThreadOnClose() throws Exception {
        send(0, 30);
        Map<String, Object> config = config("auto.offset.reset", "earliest", "max.poll.records", MAX_POLL_RECORDS,
            "client.id", "strings");
        try (KafkaConsumer<String, String> strings = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            strings.assign(List.of(TP));
            assertEquals(MAX_POLL_RECORDS, strings.poll(TIMEOUT).count());
            assertFalse(readerThreadAlive("strings"));
        }
        KafkaConsumer<byte[], byte[]> bytes = consumer("client.id", "bytes");
        assertEquals(values(0, 10), pollValues(bytes));
        assertTrue(readerThreadAlive("bytes"));
        bytes.close();
        Await.until(() -> !readerThreadAlive("bytes"), 5_000, () -> "the read-ahead thread ends with its consumer");
    }

    private static boolean readerThreadAlive(String clientId) {
        return Thread.getAllStackTraces().keySet().stream()
            .anyMatch(thread -> thread.isAlive() && thread.getName().equals("runnel-consumer-prefetch | " + clientId));
    }
}
