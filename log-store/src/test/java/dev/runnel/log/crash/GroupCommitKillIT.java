package dev.runnel.log.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.runnel.clients.consumer.ConsumerRecords;
import dev.runnel.clients.consumer.KafkaConsumer;
import dev.runnel.clients.consumer.OffsetAndMetadata;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.serialization.StringDeserializer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A forked JVM ({@link CommittingConsumerMain}) commits offsets as a group member and is killed with SIGKILL; a new
 * member of the group in this JVM resumes exactly at the last offset the child reported committed.
 */
class GroupCommitKillIT {
    private static final String TOPIC = "work";
    private static final String GROUP = "workers";
    private static final int RECORDS = 400;

    @TempDir
    Path dataDir;
    @TempDir
    Path childLogs;

    @Test
    void shouldResumeFromTheLastCommittedOffsetAfterTheMemberIsKilled() throws Exception {
        CrashFixtures.createSmallSegmentTopic(dataDir, TOPIC);
        CrashFixtures.produce(dataDir, TOPIC, CrashFixtures.values(new SplittableRandom(7), "job", 0, RECORDS),
            new SplittableRandom(8));

        String java = ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(java, "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
            classPath, CommittingConsumerMain.class.getName(), dataDir.toString(), TOPIC, GROUP)
            .redirectError(childLogs.resolve("child.stderr").toFile()).start();
        long lastCommitted = -1;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
            StandardCharsets.US_ASCII))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String line;
            // Kill it mid-stream, after some commits but before it has read everything.
            while (lastCommitted < RECORDS / 2 && (line = lines.readLine()) != null) {
                if (line.startsWith("COMMITTED ")) {
                    lastCommitted = Long.parseLong(line.split(" ")[2]);
                }
                if (System.nanoTime() > deadline) {
                    fail("the child committed only up to " + lastCommitted + " within 60 s");
                }
            }
            // Through the handle: Process.destroyForcibly() would also close the pipe we still read.
            child.toHandle().destroyForcibly();
            assertEquals(137, child.waitFor(), "killed with SIGKILL");
            // Lines written before the kill may still be in the pipe: the last of them is the latest commit.
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("COMMITTED ")) {
                    lastCommitted = Long.parseLong(line.split(" ")[2]);
                }
            }
        } finally {
            child.destroyForcibly();
        }
        assertTrue(lastCommitted >= RECORDS / 2, "committed " + lastCommitted);

        TopicPartition tp = new TopicPartition(TOPIC, 0);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("log.dir", dataDir.toString(),
            "group.id", GROUP, "enable.auto.commit", "false"), new StringDeserializer(), new StringDeserializer())) {
            OffsetAndMetadata committed = consumer.committed(Set.of(tp)).get(tp);
            assertTrue(committed.offset() >= lastCommitted, "committed " + committed + ", child reported "
                + lastCommitted);
            consumer.subscribe(List.of(TOPIC));
            ConsumerRecords<String, String> records = ConsumerRecords.empty();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (records.isEmpty() && committed.offset() < RECORDS) {
                assertTrue(System.nanoTime() < deadline, "no records after the committed offset");
                records = consumer.poll(Duration.ofMillis(100));
            }
            if (committed.offset() < RECORDS) {
                assertEquals(committed.offset(), records.iterator().next().offset(),
                    "resumes at the committed offset");
            }
        }
    }
}
