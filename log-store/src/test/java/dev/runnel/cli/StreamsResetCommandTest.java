package dev.runnel.cli;

import static dev.runnel.cli.CommandRun.run;
import static dev.runnel.cli.CommandRun.runWithInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.consumer.ConsumerConfig;
import dev.runnel.clients.consumer.KafkaConsumer;
import dev.runnel.common.serialization.StringDeserializer;
import dev.runnel.log.RunnelLogConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runnel streams-reset} over the topics of an application {@code app} (input {@code in} with 4 records, read
 * to the end; intermediate {@code through} with 2; internal topics of its own and of another application).
 */
class StreamsResetCommandTest {
    private static final String REPARTITION = "app-KSTREAM-AGGREGATE-STATE-STORE-0000000003-repartition";
    private static final List<String> INTERNAL = List.of("app-counts-changelog", REPARTITION,
        "app-KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000006-topic",
        "app-KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-0000000014-topic",
        "app-owners-subscription-registration-topic", "app-owners-subscription-response-topic");
    /** Input, intermediate and output topics, other applications' internal topics and names that only look internal. */
    private static final List<String> KEPT = List.of("in", "through", "app-output", "other-counts-changelog",
        "app-changelog-notes", "app-users-changelog", "app-2-store-changelog");

    @TempDir
    Path dataDir;

    @BeforeEach
    void createTopicsAndCommit() {
        for (String topic : concat(INTERNAL, KEPT)) {
            run(dataDir, "topics", "--create", "--topic", topic).ok();
        }
        runWithInput(dataDir, "1\n2\n3\n4\n", "produce", "--topic", "in").ok();
        runWithInput(dataDir, "a\nb\n", "produce", "--topic", "through").ok();
        runWithInput(dataDir, "x\ny\n", "produce", "--topic", REPARTITION).ok();
        consume("in", "app", 4);
        consume(REPARTITION, "app", 2);
        consume("in", "app-2", 1);
    }

    private void consume(String topic, String group, int records) {
        assertEquals(0, run(dataDir, "consume", "--topic", topic, "--group", group, "--from-beginning",
            "--max-messages", Integer.toString(records)).exitCode());
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }

    private String topics() {
        return run(dataDir, "topics", "--list").ok();
    }

    private String committed() {
        return run(dataDir, "groups", "--describe", "--group", "app").out();
    }

    @Test
    void shouldRewindInputsSkipIntermediatesAndDeleteOnlyTheApplicationsInternalTopics() {
        CommandRun reset = run(dataDir, "streams-reset", "--application-id", "app", "--input-topics",
            "in,app-users-changelog", "--intermediate-topics", "through");
        assertEquals(0, reset.exitCode(), reset.err());
        assertEquals("WARN: Keeping [app-2-store-changelog], which belong to other applications ([app-2]), whose ids "
            + "extend 'app'; name them with --internal-topics to delete them.\n", reset.err());
        String out = reset.out();

        assertTrue(out.contains("app                            in                             0          0"), out);
        assertTrue(out.contains("app                            through                        0          2"), out);
        assertTrue(out.contains("Deleting internal topics " + INTERNAL.stream().sorted().toList()), out);
        String topics = topics();
        for (String internal : INTERNAL) {
            assertTrue(!topics.contains(internal + "\n"), internal + " deleted: " + topics);
        }
        for (String kept : KEPT) {
            assertTrue(topics.contains(kept + "\n"), kept + " kept: " + topics);
        }
        String described = committed();
        assertTrue(described.matches("(?s).*app +in +0 +0 +4 +4 .*"), "in rewound to 0: " + described);
        assertTrue(described.matches("(?s).*app +through +0 +2 +2 +0 .*"), "through at its end: " + described);
        assertTrue(!described.contains(REPARTITION), "no offsets of deleted topics: " + described);
        assertTrue(out.contains("Committed the new offsets of 3 partition(s)."), out);
    }

    @Test
    void shouldOnlyPrintOnADryRun() {
        CommandRun reset = run(dataDir, "streams-reset", "--application-id", "app", "--input-topics", "in",
            "--dry-run");
        assertEquals(0, reset.exitCode(), reset.err());
        String out = reset.out();

        assertTrue(out.startsWith("----Dry run"), out);
        assertTrue(out.contains("app                            in                             0          0"), out);
        String topics = topics();
        INTERNAL.forEach(internal -> assertTrue(topics.contains(internal + "\n"), internal + " kept: " + topics));
        assertTrue(committed().matches("(?s).*app +in +0 +4 +4 +0 .*"), "in still at 4: " + committed());
    }

    @Test
    void shouldMoveInputsToTheGivenTargetAndDeleteOnlyTheNamedInternalTopics() {
        assertEquals(0, run(dataDir, "streams-reset", "--application-id", "app", "--input-topics", "in", "--shift-by",
            "-1", "--internal-topics", "app-counts-changelog,app-2-store-changelog").exitCode());

        assertTrue(committed().matches("(?s).*app +in +0 +3 +4 +1 .*"), "in moved back by one: " + committed());
        String topics = topics();
        assertTrue(!topics.contains("app-counts-changelog\n"), topics);
        assertTrue(!topics.contains("app-2-store-changelog\n"), "named, another application's topic goes");
        assertTrue(topics.contains(REPARTITION + "\n"), topics);
    }

    @Test
    void shouldRefuseAnApplicationThatStillRuns() {
        Map<String, Object> config = Map.of(RunnelLogConfig.LOG_DIR_CONFIG, dataDir.toString(),
            ConsumerConfig.GROUP_ID_CONFIG, "app", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> instance = new KafkaConsumer<>(config, new StringDeserializer(),
            new StringDeserializer())) {
            instance.subscribe(List.of("in"));
            while (instance.assignment().isEmpty()) {
                instance.poll(Duration.ofMillis(10));
            }
            String error = run(dataDir, "streams-reset", "--application-id", "app", "--input-topics", "in")
                .failed(1);
            assertEquals("runnel: Consumer group 'app' is still active with 1 member(s); stop every instance of the"
                + " application and retry", error);
        }
        assertTrue(topics().contains("app-counts-changelog\n"), "nothing deleted");
    }

    @Test
    void shouldNameAnUnknownTopicAndChangeNothing() {
        assertEquals("runnel: Unknown topics: input 'missing', intermediate 'gone'; check the names with "
            + "'runnel topics --list'", run(dataDir, "streams-reset", "--application-id", "app", "--input-topics",
            "in,missing", "--intermediate-topics", "gone").failed(1));
        // Without --input-topics, app-users-changelog looks internal; an application's topics can be named too.
        List<String> candidates = concat(INTERNAL, List.of("app-users-changelog", "app-2-store-changelog")).stream()
            .sorted().toList();
        assertEquals("runnel: 'app-output' is not an internal topic of application 'app'; its internal topics are "
            + candidates, run(dataDir, "streams-reset", "--application-id", "app", "--internal-topics", "app-output")
            .failed(1));
        assertTrue(committed().matches("(?s).*app +in +0 +4 +4 +0 .*"), committed());
        assertTrue(topics().contains("app-counts-changelog\n"));
    }

    @Test
    void shouldRefuseBadOptions() {
        String error = run(dataDir, "streams-reset", "--application-id", "app", "--to-latest", "--shift-by", "1")
            .failed(2);
        assertTrue(error.contains("give only one of --to-earliest"), error);
        assertEquals("runnel: 'in' is given as both an input and an intermediate topic; an input topic is reset to "
            + "the target, an intermediate one skipped to its end; see 'runnel streams-reset --help'",
            run(dataDir, "streams-reset", "--application-id", "app", "--input-topics", "in",
                "--intermediate-topics", "in").failed(2));
        assertEquals("runnel: --application-id must not be empty; see 'runnel streams-reset --help'",
            run(dataDir, "streams-reset", "--application-id", " ").failed(2));
        assertEquals("runnel: --by-duration '-PT1H' is negative; give how long ago, e.g. PT1H; see 'runnel "
            + "streams-reset --help'", run(dataDir, "streams-reset", "--application-id", "app", "--input-topics", "in",
            "--by-duration", "-PT1H").failed(2));
        assertTrue(committed().matches("(?s).*app +in +0 +4 +4 +0 .*"), "nothing written: " + committed());
    }
}
