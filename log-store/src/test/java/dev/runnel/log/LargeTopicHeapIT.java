package dev.runnel.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.clients.admin.Admin;
import dev.runnel.clients.admin.NewTopic;
import dev.runnel.clients.consumer.KafkaConsumer;
import dev.runnel.clients.producer.KafkaProducer;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.serialization.ByteArrayDeserializer;
import dev.runnel.common.serialization.ByteArraySerializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consumer holds only its fetch buffers, never a whole segment: a JVM with a 32 MiB heap reads a 600 MB topic
 * stored in one segment. ({@code README.md} gives the 10 GB version as a separate soak command.)
 */
class LargeTopicHeapIT {
    private static final int RECORDS = 6_000_000;
    private static final int VALUE_BYTES = 100;

    @TempDir
    Path dataDir;

    @Test
    void shouldConsumeATopicManyTimesLargerThanTheHeap() throws Exception {
        Map<String, Object> config = Map.of("log.dir", dataDir.toString(), "acks", "1", "batch.size", 65536);
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic("big", 1, (short) 1))).all().get();
        }
        byte[] value = new byte[VALUE_BYTES];
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>("big", value));
            }
        }
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx32m", "-cp", System.getProperty("java.class.path"), HeapBoundedConsumer.class.getName(),
            dataDir.toString()).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        child.waitFor(5, TimeUnit.MINUTES);
        assertEquals(0, child.exitValue(), output);
        assertEquals("consumed " + RECORDS, output.lines().filter(l -> l.startsWith("consumed")).findFirst()
            .orElse(output));
    }

    /** Reads the whole topic in a JVM whose heap is far smaller than the topic. */
    public static final class HeapBoundedConsumer {
        public static void main(String[] args) throws IOException {
            Map<String, Object> config = Map.of("log.dir", args[0], "auto.offset.reset", "earliest");
            long count = 0;
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer.assign(List.of(new TopicPartition("big", 0)));
                int empty = 0;
                while (empty < 3) {
                    int polled = consumer.poll(Duration.ofMillis(200)).count();
                    count += polled;
                    empty = polled == 0 ? empty + 1 : 0;
                }
            }
            System.out.println("consumed " + count);
        }
    }
}
