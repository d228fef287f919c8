package dev.runnel.log.txn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.consumer.KafkaConsumer;
import dev.runnel.clients.producer.KafkaProducer;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.serialization.StringDeserializer;
import dev.runnel.common.serialization.StringSerializer;
import dev.runnel.log.RunnelLog;
import dev.runnel.testing.Configs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transactional producers in a forked JVM ({@link TransactionalCopierMain}) killed with SIGKILL: an open transaction
 * is aborted after its timeout, and a read-process-write loop killed {@value #DEFAULT_KILLS} times (seeded,
 * {@code -Dtest.seed=}, {@code -Dtest.kills=}) still copies every input record exactly once.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TransactionalProducerKillIT {
    static final long SEED = Long.getLong("test.seed", 0x74786eL);
    private static final int DEFAULT_KILLS = 12;
    private static final int KILLS = Integer.getInteger("test.kills", DEFAULT_KILLS);
    private static final int INPUT_PER_PARTITION = 20_000;
    private static final List<TopicPartition> OUTPUT = List.of(new TopicPartition("out", 0),
        new TopicPartition("out", 1));

    @TempDir
    Path dataDir;
    @TempDir
    Path childLogs;
    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killLeftoverChildren() throws InterruptedException {
        for (Process child : children) {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Map<String, Object> config(Object... keyValues) {
        Map<String, Object> defaults = Configs.embedded(dataDir,
            "transaction.abort.timed.out.transaction.cleanup.interval.ms", 50);
        return Configs.with(defaults, keyValues);
    }

    @Test
    void shouldAbortTheOpenTransactionOfAKilledProducerAfterItsTimeout() throws Exception {
        try (RunnelLog log = RunnelLog.open(dataDir)) {
            log.createTopic("out", 2, Map.of());
        }
        List<String> lines = new CopyOnWriteArrayList<>();
        Process child = start("hang", 0, lines);
        awaitLine(child, lines, "OPEN", "seed=" + SEED);
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));

        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config("isolation.level", "read_committed",
                 "auto.offset.reset", "earliest"), new StringDeserializer(), new StringDeserializer());
             KafkaProducer<String, String> producer = new KafkaProducer<>(config("linger.ms", 0),
                 new StringSerializer(), new StringSerializer())) {
            consumer.assign(OUTPUT);
            assertEquals(0L, consumer.endOffsets(OUTPUT).get(OUTPUT.get(0)), "the open transaction pins the LSO");
            producer.send(new ProducerRecord<>("out", 0, null, "after")).get();
            List<String> seen = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!seen.contains("after")) {
                assertTrue(System.nanoTime() < deadline, "read_committed never moved past the crashed transaction");
                consumer.poll(Duration.ofMillis(100)).forEach(record -> seen.add(record.value()));
            }
            assertEquals(List.of("after"), seen, "data of the aborted transaction was returned");
        }
    }

    @Test
    void shouldCopyEveryInputRecordExactlyOnceThroughRepeatedSigkill() throws Exception {
        SplittableRandom random = new SplittableRandom(SEED);
        Set<String> input = new HashSet<>();
        try (RunnelLog log = RunnelLog.open(dataDir)) {
            log.createTopic("in", 2, Map.of());
            log.createTopic("out", 2, Map.of("segment.bytes", "16384"));
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config("linger.ms", 5),
            new StringSerializer(), new StringSerializer())) {
            for (int p = 0; p < 2; p++) {
                for (int i = 0; i < INPUT_PER_PARTITION; i++) {
                    String value = "in-" + p + "-" + i;
                    input.add(value);
                    producer.send(new ProducerRecord<>("in", p, null, value));
                }
            }
        }
        for (int run = 0; run < KILLS; run++) {
            String where = "seed=" + SEED + " run=" + run;
            List<String> lines = new CopyOnWriteArrayList<>();
            Process child = start("copy", run, lines);
            awaitLine(child, lines, "COMMIT", where);
            int delayMs = random.nextInt(200);
            Thread.sleep(delayMs);
            assertTrue(child.isAlive(), where + ": the child finished the input before kill " + run
                + "; raise INPUT_PER_PARTITION");
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), where + ": the child did not die");
        }
        List<String> lines = new CopyOnWriteArrayList<>();
        Process last = start("copy", KILLS, lines);
        // A liveness bound, generous: on a busy machine each of the ~2,000 transactions waits for five fsyncs.
        assertTrue(last.waitFor(180, TimeUnit.SECONDS), "the last run did not finish");
        assertTrue(lines.contains("DONE"), "the last run did not finish the input: " + lines);

        List<String> output = readCommitted();
        Set<String> distinct = new HashSet<>(output);
        assertEquals(output.size(), distinct.size(), "seed=" + SEED + ": records copied twice");
        assertEquals(input, distinct, "seed=" + SEED + ": records lost");
        try (RunnelLog log = RunnelLog.open(dataDir)) {
            log.partitions().values().forEach(partition -> partition.checkInvariants());
        }
    }

    private List<String> readCommitted() {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config("isolation.level", "read_committed",
            "auto.offset.reset", "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(OUTPUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(OUTPUT);
            while (OUTPUT.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }

    private Process start(String mode, int run, List<String> lines) throws IOException {
        String java = ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path stderr = childLogs.resolve(mode + "-" + run + ".stderr");
        Process process = new ProcessBuilder(java, "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-cp", classPath, TransactionalCopierMain.class.getName(), dataDir.toString(), mode,
            Long.toString(SEED + run))
            .redirectError(stderr.toFile())
            .start();
        children.add(process);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("READ-ERROR " + e);
            }
        }, "child-" + process.pid() + "-stdout");
        reader.setDaemon(true);
        reader.start();
        return process;
    }

    private void awaitLine(Process child, List<String> lines, String prefix, String where) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (lines.stream().noneMatch(line -> line.startsWith(prefix))) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                Path[] logs;
                try (var files = Files.list(childLogs)) {
                    logs = files.toArray(Path[]::new);
                }
                StringBuilder errors = new StringBuilder();
                for (Path file : logs) {
                    errors.append(Files.readString(file));
                }
                fail(where + ": no " + prefix + " line from the child (alive=" + child.isAlive() + "): " + lines
                    + " stderr: " + errors);
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }
}
