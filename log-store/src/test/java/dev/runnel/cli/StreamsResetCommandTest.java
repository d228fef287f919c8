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
    private static final List<String> INTERNAL = List.of("app-counts-changelog",
        "app-KSTREAM-AGGREGATE-STATE-STORE-0000000003-repartition",
        "app-KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000006-topic",
        "app-KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-0000000014-topic");
    private static final List<String> KEPT = List.of("in", "through", "app-output", "other-counts-changelog",
        "app-changelog-notes");

    @TempDir
    Path dataDir;

    @BeforeEach
    void createTopicsAndCommit() {
        for (String topic : concat(INTERNAL, KEPT)) {
            run(dataDir, "topics", "--create", "--topic", topic).ok();
        }
        runWithInput(dataDir, "1\n2\n3\n4\n", "produce", "--topic", "in").ok();
        runWithInput(dataDir, "a\nb\n", "produce", "--topic", "through").ok();
        assertEquals(0, run(dataDir, "consume", "--topic", "in", "--group", "app", "--from-beginning",
            "--max-messages", "4").exitCode());
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
        String out = run(dataDir, "streams-reset", "--application-id", "app", "--input-topics", "in",
            "--intermediate-topics", "through").ok();

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
    }

    @Test
    void shouldOnlyPrintOnADryRun() {
        String out = run(dataDir, "streams-reset", "--application-id", "app", "--input-topics", "in",
            "--dry-run").ok();

        assertTrue(out.startsWith("----Dry run"), out);
        assertTrue(out.contains("app                            in                             0          0"), out);
        String topics = topics();
        INTERNAL.forEach(internal -> assertTrue(topics.contains(internal + "\n"), internal + " kept: " + topics));
        assertTrue(committed().matches("(?s).*app +in +0 +4 +4 +0 .*"), "in still at 4: " + committed());
    }

    @Test
    void shouldMoveInputsToTheGivenTargetAndDeleteOnlyTheNamedInternalTopics() {
        run(dataDir, "streams-reset", "--application-id", "app", "--input-topics", "in", "--shift-by", "-1",
            "--internal-topics", "app-counts-changelog").ok();

        assertTrue(committed().matches("(?s).*app +in +0 +3 +4 +1 .*"), "in moved back by one: " + committed());
        String topics = topics();
        assertTrue(!topics.contains("app-counts-changelog\n"), topics);
        assertTrue(topics.contains("app-KSTREAM-AGGREGATE-STATE-STORE-0000000003-repartition\n"), topics);
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
        assertEquals("runnel: The input topic 'missing' does not exist; check its name with 'runnel topics --list'",
            run(dataDir, "streams-reset", "--application-id", "app", "--input-topics", "in,missing").failed(1));
        assertEquals("runnel: 'app-output' is not an internal topic of application 'app'; its internal topics are "
            + INTERNAL.stream().sorted().toList(), run(dataDir, "streams-reset", "--application-id", "app",
            "--internal-topics", "app-output").failed(1));
        assertTrue(committed().matches("(?s).*app +in +0 +4 +4 +0 .*"), committed());
        assertTrue(topics().contains("app-counts-changelog\n"));
    }

    @Test
    void shouldRefuseTwoTargets() {
        String error = run(dataDir, "streams-reset", "--application-id", "app", "--to-latest", "--shift-by", "1")
            .failed(2);
        assertTrue(error.contains("give only one of --to-earliest"), error);
    }
}
