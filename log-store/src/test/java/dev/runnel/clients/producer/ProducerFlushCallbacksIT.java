package dev.runnel.clients.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.clients.admin.Admin;
import dev.runnel.clients.admin.NewTopic;
import dev.runnel.common.serialization.StringSerializer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * As in Kafka, a flush returns only once the callbacks of the records it waited for have run, failed sends included:
 * Kafka Streams reads send errors, and sends the dead letters they ask for, right after a flush.
 */
class ProducerFlushCallbacksIT {
    @TempDir
    Path dataDir;

    @Test
    void flushWaitsForTheCallbacksOfWrittenAndFailedRecords() throws Exception {
        Map<String, Object> config = Map.of("log.dir", dataDir.toString());
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic("small", 1, (short) 1)
                .configs(Map.of("max.message.bytes", "512")))).all().get();
        }
        AtomicInteger written = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
            new StringSerializer())) {
            for (String value : List.of("fits", "x".repeat(2_000))) {
                producer.send(new ProducerRecord<>("small", value), (metadata, exception) -> {
                    // Slow callbacks: a flush that only waited for the write would return before them.
                    sleep();
                    (exception == null ? written : failed).incrementAndGet();
                });
                producer.flush();
            }
            assertEquals(1, written.get());
            assertEquals(1, failed.get());
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
