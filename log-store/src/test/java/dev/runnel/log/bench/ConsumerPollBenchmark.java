package dev.runnel.log.bench;

import dev.runnel.clients.consumer.ConsumerRecords;
import dev.runnel.clients.consumer.KafkaConsumer;
import dev.runnel.clients.producer.KafkaProducer;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.serialization.ByteArrayDeserializer;
import dev.runnel.common.serialization.ByteArraySerializer;
import dev.runnel.log.RunnelLog;
import dev.runnel.common.utils.Directories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Poll throughput over a pre-filled one-partition topic (100-byte values, 500 records per poll): a consumer with
 * {@code assign} against a group member with {@code subscribe}, without and with auto-commit (at Kafka's 5 s
 * interval). Reports polls per second; multiply by 500 for records per second. The group's per-poll cost should stay
 * within 10% of the assigned consumer's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ConsumerPollBenchmark {
    private static final String TOPIC = "bench";
    private static final int RECORDS = 200_000;

    @Param({"assigned", "subscribed", "subscribedAutoCommit"})
    public String mode;

    private Path dir;
    private RunnelLog log;
    private KafkaConsumer<byte[], byte[]> consumer;
    private final TopicPartition tp = new TopicPartition(TOPIC, 0);

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("consumer-poll-bench");
        log = RunnelLog.open(dir);
        log.createTopic(TOPIC, 1, Map.of());
        byte[] value = new byte[100];
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("log.dir", dir.toString(),
            "linger.ms", 5, "batch.size", 65536), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>(TOPIC, 0, null, value));
            }
        }
        Map<String, Object> config = new HashMap<>();
        config.put("log.dir", dir.toString());
        config.put("auto.offset.reset", "earliest");
        config.put("max.poll.records", 500);
        if (!mode.equals("assigned")) {
            config.put("group.id", "bench-group");
            config.put("enable.auto.commit", Boolean.toString(mode.equals("subscribedAutoCommit")));
        }
        consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        if (mode.equals("assigned")) {
            consumer.assign(List.of(tp));
        } else {
            consumer.subscribe(List.of(TOPIC));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(10));
            }
        }
        consumer.seekToBeginning(List.of(tp));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        consumer.close();
        log.close();
        Directories.deleteRecursively(dir);
    }

    @Benchmark
    public int poll() {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ZERO);
        if (records.isEmpty()) {
            consumer.seekToBeginning(List.of(tp));
            records = consumer.poll(Duration.ZERO);
        }
        return records.count();
    }
}
