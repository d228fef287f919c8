package dev.runnel.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.admin.Admin;
import dev.runnel.clients.admin.NewTopic;
import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.consumer.KafkaConsumer;
import dev.runnel.clients.producer.KafkaProducer;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.clients.producer.RecordMetadata;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.serialization.ByteArrayDeserializer;
import dev.runnel.common.serialization.ByteArraySerializer;
import dev.runnel.common.serialization.StringDeserializer;
import dev.runnel.common.serialization.StringSerializer;
import dev.runnel.testing.Configs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProducerConsumerIT {
    @TempDir
    Path dataDir;

    private Map<String, Object> config(Object... keyValues) {
        return Configs.embedded(dataDir, keyValues);
    }

    @Test
    void shouldReadBackEverySentRecordInOrder() throws Exception {
        try (Admin admin = Admin.create(config())) {
            admin.createTopics(List.of(new NewTopic("clicks", 1, (short) 1))).all().get();
        }
        List<RecordMetadata> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config("linger.ms", 0),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 1000; i++) {
                sent.add(producer.send(new ProducerRecord<>("clicks", "k" + i, "v" + i)).get());
            }
        }
        assertEquals(999, sent.get(999).offset());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config("auto.offset.reset", "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition("clicks", 0)));
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            while (received.size() < 1000) {
                consumer.poll(Duration.ofSeconds(5)).forEach(received::add);
            }
            for (int i = 0; i < 1000; i++) {
                assertEquals(i, received.get(i).offset());
                assertEquals("v" + i, received.get(i).value());
            }
            assertTrue(consumer.poll(Duration.ofMillis(10)).isEmpty());
        }
    }

    @Test
    void shouldKeepSendOrderWithinAPartitionWhileBatchesFillAndLingerExpires() throws Exception {
        try (Admin admin = Admin.create(config())) {
            admin.createTopics(List.of(new NewTopic("ordered", 1, (short) 1))).all().get();
        }
        int count = 200_000;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config("linger.ms", 0, "batch.size", 512,
                "acks", "1"), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>("ordered", Integer.toString(i)));
            }
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config("auto.offset.reset", "earliest",
                "max.poll.records", 10_000), new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition("ordered", 0)));
            int expected = 0;
            while (expected < count) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(5))) {
                    assertEquals(Integer.toString(expected), record.value(), "offset " + record.offset());
                    expected++;
                }
            }
        }
    }

    @Test
    void shouldKeepReturnedRecordsIntactWhileLaterFetchesReuseTheFetchBuffer() throws Exception {
        try (Admin admin = Admin.create(config())) {
            admin.createTopics(List.of(new NewTopic("reused", 2, (short) 1))).all().get();
        }
        int perPartition = 20_000;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config("batch.size", 1024),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < perPartition; i++) {
                for (int partition = 0; partition < 2; partition++) {
                    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("reused", partition,
                        utf8("k" + partition + "-" + i), utf8("v" + partition + "-" + i));
                    record.headers().add("h", utf8("h" + i));
                    producer.send(record);
                }
            }
        }
        // Small fetches: every poll reads the two partitions in turn, each into the buffer the other just emptied.
        List<ConsumerRecord<byte[], byte[]>> received = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config("auto.offset.reset", "earliest",
                "max.partition.fetch.bytes", 4096, "max.poll.records", 100), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(new TopicPartition("reused", 0), new TopicPartition("reused", 1)));
            while (received.size() < 2 * perPartition) {
                consumer.poll(Duration.ofSeconds(5)).forEach(received::add);
            }
        }
        int[] next = new int[2];
        for (ConsumerRecord<byte[], byte[]> record : received) {
            int i = next[record.partition()]++;
            assertEquals(i, record.offset());
            assertEquals("k" + record.partition() + "-" + i, new String(record.key(), StandardCharsets.UTF_8));
            assertEquals("v" + record.partition() + "-" + i, new String(record.value(), StandardCharsets.UTF_8));
            assertEquals("h" + i, new String(record.headers().lastHeader("h").value(), StandardCharsets.UTF_8));
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
