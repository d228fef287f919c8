package dev.runnel.log.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.consumer.KafkaConsumer;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.errors.KafkaStorageException;
import dev.runnel.common.serialization.StringDeserializer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A forked JVM ({@link AckingProducerMain}) producing with {@code acks=all} is killed with SIGKILL at random moments,
 * {@value #DEFAULT_KILLS} times by default: after each kill the log is reopened in this JVM, which recovers it, and
 * every acknowledged record must be there exactly once, at its acknowledged offset, in order, in batches that pass
 * their CRC check; the next child's appends continue at the log end offset that recovery left.
 *
 * <p>Seeded: {@code -Dtest.seed=} replays the kill delays of a failure, {@code -Dtest.kills=} changes the count. The
 * seed is in every assertion message. Kill timing still depends on the machine, so a replay is close, not exact.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ProducerKillIT {
    static final long SEED = Long.getLong("test.seed", 0x6B696C6CL);
    private static final int DEFAULT_KILLS = 20;
    private static final int KILLS = Integer.getInteger("test.kills", DEFAULT_KILLS);
    private static final String TOPIC = "ledger";
    private static final int PARTITIONS = 2;
    /** Exit status the JDK reports for a process ended by signal 9: 128 + 9. */
    private static final int SIGKILL_EXIT = 137;
    private static final Pattern ACK = Pattern.compile("ACK (\\d+) (\\d+) (run-(\\d+)-seq-(\\d+))");
    private static final Pattern VALUE = Pattern.compile("run-(\\d+)-seq-(\\d+)");

    @TempDir
    Path dataDir;
    @TempDir
    Path childLogs;

    private final List<Child> children = new ArrayList<>();

    @AfterEach
    void killLeftoverChildren() throws InterruptedException {
        for (Child child : children) {
            child.process.destroyForcibly();
            child.process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyAcknowledgedRecordSurvivesRepeatedSigkillExactlyOnceInOrder() throws Exception {
        SplittableRandom random = new SplittableRandom(SEED);
        // Every (partition, offset) ever acknowledged, with its value; checked again after every later kill.
        List<TreeMap<Long, String>> acked = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            acked.add(new TreeMap<>());
        }
        long[] endAfterRecovery = new long[PARTITIONS];
        int totalAcks = 0;
        for (int run = 0; run < KILLS; run++) {
            String where = "seed=" + SEED + " run=" + run;
            Child child = startChild(run);
            child.awaitAckOnEveryPartition(where);
            int delayMs = 50 + random.nextInt(351);
            Thread.sleep(delayMs);
            where += " killedAfterMs=" + delayMs;
            assertTrue(child.process.isAlive(), where + ": the child exited before it was killed; " + child.stderr());
            child.process.destroyForcibly();
            assertTrue(child.process.waitFor(30, TimeUnit.SECONDS), where + ": the child did not die");
            assertEquals(SIGKILL_EXIT, child.process.exitValue(), where + ": the child was not ended by SIGKILL");
            child.reader.join(10_000);

            List<String> fails = child.lines.stream().filter(l -> l.startsWith("FAIL")).toList();
            assertEquals(List.of(), fails, where + ": sends failed before the kill");
            long[] lastAckOffset = new long[PARTITIONS];
            java.util.Arrays.fill(lastAckOffset, -1);
            for (String line : child.lines) {
                Matcher ack = ACK.matcher(line);
                if (!ack.matches()) {
                    continue;
                }
                int partition = Integer.parseInt(ack.group(1));
                long offset = Long.parseLong(ack.group(2));
                assertEquals(run, Integer.parseInt(ack.group(4)), where + ": " + line);
                if (lastAckOffset[partition] < 0) {
                    assertEquals(endAfterRecovery[partition], offset, where + ": the first append to partition "
                        + partition + " after the restart is not at the log end offset recovery left");
                } else {
                    assertTrue(offset > lastAckOffset[partition], where + ": acks of partition " + partition
                        + " go backwards: " + offset + " after " + lastAckOffset[partition]);
                }
                lastAckOffset[partition] = offset;
                String previous = acked.get(partition).put(offset, ack.group(3));
                assertNull(previous, where + ": offset " + offset + " of partition " + partition
                    + " was acknowledged twice, as " + previous + " and " + ack.group(3));
                totalAcks++;
            }
            endAfterRecovery = verifyLog(where, acked);
            System.out.printf("%s: %d lines, log end offsets after recovery %s%n", where, child.lines.size(),
                java.util.Arrays.toString(endAfterRecovery));
        }
        assertTrue(totalAcks >= KILLS, "seed=" + SEED + ": only " + totalAcks + " acks in " + KILLS + " runs");
    }

    @Test
    void openingTheDataDirWhileTheChildOwnsItFailsNamingTheChildsPid() throws Exception {
        String where = "seed=" + SEED;
        Child child = startChild(0);
        child.awaitAckOnEveryPartition(where);
        String pid = Long.toString(child.process.pid());
        assertEquals(pid, Files.readString(dataDir.resolve(DataDirLayout.LOCK_FILE)).trim(), where
            + ": the lock file does not hold the owner's pid");

        KafkaStorageException error = assertThrows(KafkaStorageException.class,
            () -> new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), new StringDeserializer()).close(),
            where);
        assertTrue(error.getMessage().contains("process " + pid), where + ": " + error.getMessage());
        assertTrue(child.process.isAlive(), where + ": the child died: " + child.stderr());

        child.process.destroyForcibly();
        assertEquals(SIGKILL_EXIT, child.process.waitFor(), where);
        // The OS drops the lock with the process: the folder opens now, and the refused attempt left it intact.
        verifyLog(where, List.of(new TreeMap<>(), new TreeMap<>()));
    }

    /**
     * Opens the log in this JVM (recovering it), reads every partition from offset 0 to its end, checks it against
     * the acknowledged records, closes it (releasing the lock) and returns the log end offsets.
     */
    private long[] verifyLog(String where, List<TreeMap<Long, String>> acked) {
        long[] ends = new long[PARTITIONS];
        Set<String> values = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
            new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(TOPIC, p));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> endOffsets = consumer.endOffsets(partitions);
            Map<TopicPartition, List<ConsumerRecord<String, String>>> read = new HashMap<>();
            partitions.forEach(tp -> read.put(tp, new ArrayList<>()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (partitions.stream().anyMatch(tp -> read.get(tp).size() < endOffsets.get(tp))) {
                assertTrue(System.nanoTime() < deadline, where + ": reading stalled at " + read.values().stream()
                    .map(List::size).toList() + " of " + endOffsets);
                // A batch that fails its CRC check makes poll throw CorruptRecordException, failing the test here.
                consumer.poll(Duration.ofMillis(100)).forEach(r -> read.get(new TopicPartition(r.topic(),
                    r.partition())).add(r));
            }
            for (TopicPartition tp : partitions) {
                List<ConsumerRecord<String, String>> records = read.get(tp);
                assertEquals(endOffsets.get(tp).longValue(), records.size(), where + ": " + tp + " was over-read");
                long previousRun = -1;
                long previousSeq = -1;
                for (int i = 0; i < records.size(); i++) {
                    ConsumerRecord<String, String> record = records.get(i);
                    assertEquals(i, record.offset(), where + ": offsets of " + tp + " are not dense from 0");
                    Matcher value = VALUE.matcher(String.valueOf(record.value()));
                    assertTrue(value.matches(), where + ": " + tp + " offset " + i + " holds " + record.value());
                    long run = Long.parseLong(value.group(1));
                    long seq = Long.parseLong(value.group(2));
                    assertTrue(run > previousRun || (run == previousRun && seq > previousSeq), where + ": " + tp
                        + " offset " + i + " holds " + record.value() + " after run-" + previousRun + "-seq-"
                        + previousSeq + ": out of send order");
                    previousRun = run;
                    previousSeq = seq;
                    assertTrue(values.add(record.value()), where + ": " + record.value() + " is in the log twice");
                }
                TreeMap<Long, String> ackedHere = acked.get(tp.partition());
                for (Map.Entry<Long, String> ack : ackedHere.entrySet()) {
                    long offset = ack.getKey();
                    if (offset >= records.size()) {
                        fail(where + ": acknowledged " + ack.getValue() + " at " + tp + " offset " + offset
                            + " is lost; the log ends at " + records.size() + " (" + ackedHere.tailMap(offset).size()
                            + " acknowledged records lost)");
                    }
                    assertEquals(ack.getValue(), records.get((int) offset).value(), where + ": " + tp + " offset "
                        + offset + " does not hold the acknowledged record");
                }
                ends[tp.partition()] = endOffsets.get(tp);
            }
        }
        return ends;
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put("log.dir", dataDir.toString());
        config.put("auto.offset.reset", "earliest");
        return config;
    }

    private Child startChild(int run) throws IOException {
        String java = ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Under surefire java.class.path may be a manifest-only booter jar; the full test class path is here.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path stderr = childLogs.resolve("child-" + run + ".stderr");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-cp", classPath, AckingProducerMain.class.getName(), dataDir.toString(), TOPIC,
            Integer.toString(PARTITIONS), Integer.toString(run))
            .redirectError(stderr.toFile())
            .redirectInput(ProcessBuilder.Redirect.PIPE);
        Child child = new Child(builder.start(), stderr);
        children.add(child);
        return child;
    }

    /** A running child and the complete lines it has printed. */
    private static final class Child {
        final Process process;
        final Path stderrFile;
        final List<String> lines = new CopyOnWriteArrayList<>();
        final CountDownLatch ackedOnEveryPartition = new CountDownLatch(PARTITIONS);
        final Thread reader;

        Child(Process process, Path stderrFile) {
            this.process = process;
            this.stderrFile = stderrFile;
            this.reader = new Thread(this::readLines, "child-" + process.pid() + "-stdout");
            this.reader.setDaemon(true);
            this.reader.start();
        }

        /** Keeps only lines ended by a newline: a kill can cut the last line short. */
        private void readLines() {
            boolean[] seen = new boolean[PARTITIONS];
            StringBuilder line = new StringBuilder();
            byte[] buffer = new byte[1 << 16];
            try (InputStream in = process.getInputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    for (int i = 0; i < n; i++) {
                        char c = (char) (buffer[i] & 0xFF);
                        if (c != '\n') {
                            line.append(c);
                            continue;
                        }
                        String complete = line.toString();
                        line.setLength(0);
                        lines.add(complete);
                        Matcher ack = ACK.matcher(complete);
                        if (ack.matches()) {
                            int partition = Integer.parseInt(ack.group(1));
                            if (!seen[partition]) {
                                seen[partition] = true;
                                ackedOnEveryPartition.countDown();
                            }
                        }
                    }
                }
            } catch (IOException e) {
                lines.add("READ-ERROR " + e);
            }
        }

        void awaitAckOnEveryPartition(String where) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!ackedOnEveryPartition.await(50, TimeUnit.MILLISECONDS)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    fail(where + ": the child " + (process.isAlive() ? "acknowledged nothing within 60 s"
                        : "exited with " + process.exitValue()) + "; stderr: " + stderr());
                }
            }
        }

        String stderr() {
            try {
                String text = Files.readString(stderrFile, StandardCharsets.UTF_8);
                return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
            } catch (IOException e) {
                return "(cannot read " + stderrFile + ": " + e + ")";
            }
        }
    }
}
