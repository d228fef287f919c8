package dev.runnel.clients.consumer;

import dev.runnel.clients.producer.KafkaProducer;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.serialization.StringSerializer;
import dev.runnel.log.RunnelLog;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh embedded log with a one-partition topic "clicks", for consumer tests. */
abstract class ClicksLogFixture {
    static final TopicPartition TP = new TopicPartition("clicks", 0);

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

    /** Returns a client configuration on the log, with {@code keyValues} (key, value, key, value...) added. */
    Map<String, Object> config(Object... keyValues) {
        Map<String, Object> config = new HashMap<>(Map.of("log.dir", dataDir.toString()));
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put((String) keyValues[i], keyValues[i + 1]);
        }
        return config;
    }

    /** Writes records ("k" + i, "v" + i) for i from {@code from} to {@code to} (exclusive), one at a time. */
    void send(int from, int to) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config("linger.ms", 0),
                new StringSerializer(), new StringSerializer())) {
            for (int i = from; i < to; i++) {
                producer.send(new ProducerRecord<>("clicks", "k" + i, "v" + i)).get();
            }
        }
    }
}
