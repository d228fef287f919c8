package dev.runnel.log.crash;

import static dev.runnel.log.crash.DataDirLayout.CLEAN_SHUTDOWN_MARKER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.admin.Admin;
import dev.runnel.clients.admin.NewTopic;
import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.consumer.KafkaConsumer;
import dev.runnel.clients.producer.KafkaProducer;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.serialization.StringDeserializer;
import dev.runnel.common.serialization.StringSerializer;
import dev.runnel.log.RunnelLog;
import dev.runnel.testing.Configs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Writing and reading a one-partition topic through the public clients, for the crash tests. */
final class CrashFixtures {
    private CrashFixtures() {
    }

    static Map<String, Object> config(Path dataDir, Object... keyValues) {
        return Configs.embedded(dataDir, keyValues);
    }

    /** A topic of one partition with small segments, so that a few hundred records span several of them. */
    static void createSmallSegmentTopic(Path dataDir, String topic) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(config(dataDir))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                .configs(Map.of("segment.bytes", "4096", "index.interval.bytes", "128")))).all().get();
        }
    }

    /**
     * Creates the small-segment topic and writes {@code count} values "rec-…" to it with {@link #produce}, whose close
     * closes the log cleanly, leaving the clean-shutdown marker; returns the values, at offsets 0 on.
     */
    static List<String> writeAndCloseCleanly(Path dataDir, String topic, SplittableRandom random, int count,
        String where) throws ExecutionException, InterruptedException {
        createSmallSegmentTopic(dataDir, topic);
        List<String> written = values(random, "rec", 0, count);
        produce(dataDir, topic, written, random);
        assertTrue(Files.exists(dataDir.resolve(CLEAN_SHUTDOWN_MARKER)), where + ": a clean close leaves "
            + CLEAN_SHUTDOWN_MARKER);
        return written;
    }

    /** Values {@code <prefix>-<i>-<padding of random length>}, {@code i} counting from {@code from}. */
    static List<String> values(SplittableRandom random, String prefix, int from, int count) {
        List<String> values = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            values.add(prefix + "-" + i + "-" + "x".repeat(random.nextInt(60)));
        }
        return values;
    }

    /**
     * Sends {@code values} in groups of random size, flushing after each group so that batches have random sizes;
     * returns the offset of each value. Closes the producer, and with it the log (cleanly).
     */
    static List<Long> produce(Path dataDir, String topic, List<String> values, SplittableRandom random)
        throws ExecutionException, InterruptedException {
        List<Long> offsets = new ArrayList<>(values.size());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config(dataDir, "acks", "all",
            "linger.ms", 0), new StringSerializer(), new StringSerializer())) {
            int i = 0;
            while (i < values.size()) {
                int group = Math.min(values.size() - i, 1 + random.nextInt(25));
                List<Future<dev.runnel.clients.producer.RecordMetadata>> sent = new ArrayList<>();
                for (int j = 0; j < group; j++, i++) {
                    sent.add(producer.send(new ProducerRecord<>(topic, 0, null, values.get(i))));
                }
                producer.flush();
                for (Future<dev.runnel.clients.producer.RecordMetadata> future : sent) {
                    offsets.add(future.get().offset());
                }
            }
        }
        return offsets;
    }

    /** Reads partition 0 from offset 0 to its end; any exception, CorruptRecordException included, propagates. */
    static List<ConsumerRecord<String, String>> readAll(Path dataDir, String topic, String where) {
        TopicPartition tp = new TopicPartition(topic, 0);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config(dataDir, "auto.offset.reset",
            "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (records.size() < end) {
                assertTrue(System.nanoTime() < deadline, where + ": reading stalled at " + records.size() + " of "
                    + end);
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
            assertEquals(end, records.size(), where + ": read past the log end offset");
            return records;
        }
    }

    /** Opens the log (recovering it if needed) and checks the partition's segment and index invariants. */
    static void checkInvariants(Path dataDir, String topic) {
        try (RunnelLog log = RunnelLog.open(dataDir)) {
            log.partition(new TopicPartition(topic, 0)).checkInvariants();
        }
    }
}
