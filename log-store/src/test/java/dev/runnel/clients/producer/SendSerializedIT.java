package dev.runnel.clients.producer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.admin.Admin;
import dev.runnel.clients.admin.NewTopic;
import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.consumer.KafkaConsumer;
import dev.runnel.common.Cluster;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.header.Header;
import dev.runnel.common.header.internals.RecordHeader;
import dev.runnel.common.serialization.ByteArrayDeserializer;
import dev.runnel.common.serialization.ByteArraySerializer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code KafkaProducer#sendSerializedWithCallbackOnly}, Kafka Streams' way to send records it serialized itself: the
 * fields reach the log as given, a custom partitioner sees the bytes, and errors reach the callback as for
 * {@code send}.
 */
class SendSerializedIT {
    private static final byte[] KEY = "key".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = "value".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dataDir;

    /** Sends everything to the last partition, and records the key it was given. */
    public static final class LastPartition implements Partitioner {
        static final List<Object> KEYS = new CopyOnWriteArrayList<>();

        @Override
        public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes,
            Cluster cluster) {
            KEYS.add(key);
            return cluster.partitionCountForTopic(topic) - 1;
        }
    }

    @Test
    void shouldWriteTheSerializedFieldsAsGivenAndReportThroughTheCallback() throws Exception {
        Map<String, Object> config = new HashMap<>(Map.of("log.dir", dataDir.toString()));
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic("t", 3, (short) 1))).all().get();
        }
        config.put("partitioner.class", LastPartition.class.getName());
        List<RecordMetadata> acknowledged = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        Callback callback = (metadata, exception) -> {
            synchronized (acknowledged) {
                if (exception == null) {
                    acknowledged.add(metadata);
                } else {
                    failures.add(exception);
                }
            }
        };
        Header[] headers = {new RecordHeader("h", "1".getBytes(StandardCharsets.UTF_8))};
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
            new ByteArraySerializer());
        try (producer) {
            producer.sendSerializedWithCallbackOnly("t", 0, 1_000L, KEY, VALUE, headers, callback);
            producer.sendSerializedWithCallbackOnly("t", null, 2_000L, KEY, VALUE, new Header[0], callback);
            producer.sendSerializedWithCallbackOnly("missing", null, 3_000L, KEY, VALUE, new Header[0], callback);
            assertThrows(IllegalArgumentException.class, () -> producer.sendSerializedWithCallbackOnly("t", -1, 1L,
                KEY, VALUE, new Header[0], callback), "a negative partition is refused, as ProducerRecord refuses it");
            assertThrows(IllegalArgumentException.class, () -> producer.sendSerializedWithCallbackOnly("t", 0, -1L,
                KEY, VALUE, new Header[0], callback), "and a negative timestamp");
            producer.flush();
        }
        assertEquals(List.of(0, 2), acknowledged.stream().map(RecordMetadata::partition).toList(),
            "the given partition, then the partitioner's choice");
        assertEquals(1, LastPartition.KEYS.size(), "the partitioner ran for the record without a partition");
        assertArrayEquals(KEY, (byte[]) LastPartition.KEYS.get(0), "and saw the key's bytes");
        assertEquals(1, failures.size(), "an unknown topic fails through the callback: " + failures);
        assertThrows(IllegalStateException.class, () -> producer.sendSerializedWithCallbackOnly("t", 0, 1L, KEY,
            VALUE, new Header[0], callback), "a closed producer refuses, as send does");

        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("log.dir", dataDir.toString()),
            new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition first = new TopicPartition("t", 0);
            consumer.assign(List.of(first));
            consumer.seekToBeginning(List.of(first));
            List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (read.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(read::add);
            }
            assertEquals(1, read.size());
            ConsumerRecord<byte[], byte[]> record = read.get(0);
            assertArrayEquals(KEY, record.key());
            assertArrayEquals(VALUE, record.value());
            assertEquals(1_000L, record.timestamp());
            assertTrue(record.headers().lastHeader("h") != null, "the header reached the log");
        }
    }
}
