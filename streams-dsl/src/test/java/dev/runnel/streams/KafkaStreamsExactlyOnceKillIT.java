package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.integration.EosCountingAppMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An exactly-once application in a forked JVM ({@link EosCountingAppMain}) is killed with SIGKILL 5 times (or
 * {@code -Dtest.kills=}) at seeded random moments while input keeps arriving; a last run completes. Read committed,
 * the output over the whole run must be exactly what one uninterrupted run produces: for each key the running counts
 * 1..n, each once, in order. Seeded: {@code -Dtest.seed=} replays the kill delays (timing still depends on the
 * machine). {@code bench/streams-eos-soak} runs it with many kills and seeds.
 */
class KafkaStreamsExactlyOnceKillIT {
    private static final long SEED = Long.getLong("test.seed", 0x454F53L);
    private static final int KILLS = Integer.getInteger("test.kills", 5);
    private static final int RECORDS_PER_ROUND = 200;
    private static final int KEYS = 7;
    private static final int SIGKILL_EXIT = 137;

    @TempDir
    Path root;
    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killLeftoverChildren() {
        children.forEach(Process::destroyForcibly);
    }

    @Test
    void repeatedlyKilledApplicationProducesExactlyTheOutputOfOneUninterruptedRun() {
        // A minute plus 20 s a kill: a hung round fails the run instead of blocking it.
        assertTimeoutPreemptively(Duration.ofSeconds(60 + 20L * KILLS), this::killRepeatedlyAndCheckTheOutput);
    }

    private void killRepeatedlyAndCheckTheOutput() throws Exception {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        log.createTopic(EosCountingAppMain.INPUT, 2);
        log.createTopic(EosCountingAppMain.OUTPUT, 2);
        SplittableRandom random = new SplittableRandom(SEED);
        Map<String, Long> expectedCounts = new TreeMap<>();
        int sequence = 0;
        for (int round = 0; round <= KILLS; round++) {
            List<KeyValue<String, String>> input = new ArrayList<>();
            for (int i = 0; i < RECORDS_PER_ROUND; i++) {
                String key = "key-" + random.nextInt(KEYS);
                input.add(KeyValue.pair(key, "event-" + sequence++));
                expectedCounts.merge(key, 1L, Long::sum);
            }
            log.produce(EosCountingAppMain.INPUT, input, Serdes.String().serializer(), Serdes.String().serializer(),
                1_000L + round);
            Process child = startChild(log, round, round == KILLS);
            if (round < KILLS) {
                long delayMs = 50 + random.nextInt(400);
                Thread.sleep(delayMs);
                child.destroyForcibly();
                assertEquals(SIGKILL_EXIT, child.waitFor(), "seed=" + SEED + " round=" + round
                    + ": the child was killed, not exited; stderr: " + stderr(round));
            } else {
                assertTrue(child.waitFor(60, TimeUnit.SECONDS), "seed=" + SEED + ": the last run finishes the input");
                assertEquals(0, child.exitValue(), "the last run exits cleanly; stderr: " + stderr(round));
                assertEquals(sequence, committedOutputs(log).size(), "seed=" + SEED + ": one output per input");
            }
        }
        int uncommitted = log.readAll(EosCountingAppMain.OUTPUT, Serdes.String().deserializer(),
            Serdes.Long().deserializer(), false).size();
        // Aborted transactions leave records that only read_uncommitted sees: evidence that kills hit mid-commit.
        System.out.println("seed=" + SEED + " committed=" + sequence + " uncommitted (incl. aborted)=" + uncommitted);
        Map<String, List<Long>> perKey = new TreeMap<>();
        for (ConsumerRecord<String, Long> record : committedOutputs(log)) {
            perKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record.value());
        }
        Map<String, List<Long>> expected = new LinkedHashMap<>();
        for (Map.Entry<String, Long> entry : expectedCounts.entrySet()) {
            List<Long> counts = new ArrayList<>();
            for (long c = 1; c <= entry.getValue(); c++) {
                counts.add(c);
            }
            expected.put(entry.getKey(), counts);
        }
        assertEquals(expected, perKey, "seed=" + SEED + ": committed output equals one uninterrupted run's");
    }

    private static List<ConsumerRecord<String, Long>> committedOutputs(EmbeddedLogFixture log) {
        return log.readAll(EosCountingAppMain.OUTPUT, Serdes.String().deserializer(), Serdes.Long().deserializer(),
            true);
    }

    private Process startChild(EmbeddedLogFixture log, int round, boolean finish) throws IOException,
        InterruptedException {
        String java = ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-cp", classPath, EosCountingAppMain.class.getName(), log.logDir().toString(), log.stateDir().toString(),
            finish ? "finish" : "run")
            .redirectError(root.resolve("child-" + round + ".stderr").toFile());
        Process child = builder.start();
        children.add(child);
        CountDownLatch running = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.equals("RUNNING")) {
                        running.countDown();
                    }
                }
            } catch (IOException e) {
                // The child was killed.
            }
        }, "child-" + round + "-stdout");
        reader.setDaemon(true);
        reader.start();
        assertTrue(running.await(30, TimeUnit.SECONDS), "child " + round + " reached RUNNING; stderr: "
            + stderr(round));
        return child;
    }

    private String stderr(int round) {
        try {
            return Files.readString(root.resolve("child-" + round + ".stderr"));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
