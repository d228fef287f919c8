package dev.runnel.cli;

import static dev.runnel.cli.CommandRun.run;
import static dev.runnel.cli.CommandRun.runWithInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicsCommandTest {
    @TempDir
    Path dataDir;

    @Test
    void shouldCreateAndDescribeTopicWithOverriddenConfigsOnly() {
        assertEquals("Created topic orders.\n", run(dataDir, "topics", "--create", "--topic", "orders",
            "--partitions", "2", "--config", "cleanup.policy=compact", "--config", "retention.ms=1000").ok());
        assertEquals("""
            Topic: orders\tPartitionCount: 2\tReplicationFactor: 1\tConfigs: cleanup.policy=compact,retention.ms=1000
            \tTopic: orders\tPartition: 0\tLeader: 0\tReplicas: 0\tIsr: 0
            \tTopic: orders\tPartition: 1\tLeader: 0\tReplicas: 0\tIsr: 0
            """, run(dataDir, "topics", "--describe", "--topic", "orders").ok());
    }

    @Test
    void shouldListAndDescribeEveryTopicSorted() {
        run(dataDir, "topics", "--create", "--topic", "b").ok();
        run(dataDir, "topics", "--create", "--topic", "a").ok();
        assertEquals("a\nb\n", run(dataDir, "topics", "--list").ok());
        assertEquals("""
            Topic: a\tPartitionCount: 1\tReplicationFactor: 1\tConfigs:\s
            \tTopic: a\tPartition: 0\tLeader: 0\tReplicas: 0\tIsr: 0
            Topic: b\tPartitionCount: 1\tReplicationFactor: 1\tConfigs:\s
            \tTopic: b\tPartition: 0\tLeader: 0\tReplicas: 0\tIsr: 0
            """, run(dataDir, "topics", "--describe").ok());
    }

    @Test
    void shouldRefuseDuplicateTopicUnlessIfNotExists() {
        run(dataDir, "topics", "--create", "--topic", "orders").ok();
        assertEquals("runnel: Topic 'orders' already exists; choose another name, add --if-not-exists, or change "
            + "it with --alter", run(dataDir, "topics", "--create", "--topic", "orders").failed(1));
        assertEquals("", run(dataDir, "topics", "--create", "--topic", "orders", "--if-not-exists").ok());
    }

    @Test
    void shouldStateTheRuleForAnIllegalTopicName() {
        assertEquals("runnel: Topic name \"bad/name\" is illegal: it contains '/' at position 3; only ASCII letters, "
            + "digits, '.', '_' and '-' are allowed", run(dataDir, "topics", "--create", "--topic", "bad/name")
            .failed(1));
    }

    @Test
    void shouldNameTheFixForAnUnknownTopic() {
        String expected = "runnel: Topic 'nope' does not exist; create it with `runnel topics --create --topic nope`";
        assertEquals(expected, run(dataDir, "topics", "--describe", "--topic", "nope").failed(1));
        assertEquals(expected, run(dataDir, "topics", "--delete", "--topic", "nope").failed(1));
        assertEquals(expected, run(dataDir, "topics", "--alter", "--topic", "nope", "--partitions", "2").failed(1));
        assertEquals(expected, run(dataDir, "topics", "--compact", "--topic", "nope").failed(1));
        assertEquals("", run(dataDir, "topics", "--delete", "--topic", "nope", "--if-exists").ok());
    }

    @Test
    void shouldRejectAnUnknownConfigKeyListingTheValidOnes() {
        String error = run(dataDir, "topics", "--create", "--topic", "t", "--config", "retention.mss=5").failed(1);
        assertTrue(error.startsWith("runnel: Unknown topic config 'retention.mss'; valid keys are ["), error);
        assertTrue(error.contains("retention.ms"), error);
        assertEquals("", run(dataDir, "topics", "--list").ok(), "nothing was created");
    }

    @Test
    void shouldRejectABadConfigValueNamingTheRange() {
        assertEquals("runnel: Invalid value -5 for configuration retention.ms: valid values are [-1,...]",
            run(dataDir, "topics", "--create", "--topic", "t", "--config", "retention.ms=-5").failed(1));
    }

    @Test
    void shouldGrowPartitionsAndRefuseADecrease() {
        run(dataDir, "topics", "--create", "--topic", "t", "--partitions", "3").ok();
        assertEquals("runnel: Topic 't' has 3 partition(s); the count can only grow, so --partitions 2 is refused. "
            + "To have fewer partitions, create a new topic and copy the records into it",
            run(dataDir, "topics", "--alter", "--topic", "t", "--partitions", "2").failed(1));
        assertEquals("Increased the partition count of topic t from 3 to 5.\n",
            run(dataDir, "topics", "--alter", "--topic", "t", "--partitions", "5").ok());
        assertTrue(run(dataDir, "topics", "--describe", "--topic", "t").ok().contains("PartitionCount: 5\t"));
    }

    @Test
    void shouldSetAndDeleteConfigsWithAlter() {
        run(dataDir, "topics", "--create", "--topic", "t", "--config", "cleanup.policy=compact").ok();
        assertEquals("Completed updating config for topic t.\n", run(dataDir, "topics", "--alter", "--topic", "t",
            "--config", "retention.ms=60000", "--delete-config", "cleanup.policy").ok());
        assertTrue(run(dataDir, "topics", "--describe", "--topic", "t").ok()
            .startsWith("Topic: t\tPartitionCount: 1\tReplicationFactor: 1\tConfigs: retention.ms=60000\n"));
    }

    @Test
    void shouldLeaveTopicUnchangedWhenAnAlterIsRefused() {
        run(dataDir, "topics", "--create", "--topic", "t").ok();
        run(dataDir, "topics", "--alter", "--topic", "t", "--partitions", "2", "--config", "bogus=1").failed(1);
        assertTrue(run(dataDir, "topics", "--describe", "--topic", "t").ok()
            .startsWith("Topic: t\tPartitionCount: 1\tReplicationFactor: 1\tConfigs: \n"));
    }

    @Test
    void shouldDeleteTopic() {
        run(dataDir, "topics", "--create", "--topic", "t").ok();
        assertEquals("Deleted topic t.\n", run(dataDir, "topics", "--delete", "--topic", "t").ok());
        assertEquals("", run(dataDir, "topics", "--list").ok());
    }

    @Test
    void shouldCompactACompactedTopicAndRefuseOthers() {
        run(dataDir, "topics", "--create", "--topic", "kv", "--config", "cleanup.policy=compact",
            "--config", "segment.bytes=100").ok();
        // Two one-record batches fit in a segment: offsets 0-1 and 2-3 roll, 4-5 stay in the active segment.
        runWithInput(dataDir, "a:1\nb:1\na:2\nb:2\na:3\nc:1\n", "produce", "--topic", "kv", "--key-separator", ":",
            "--producer-property", "batch.size=1").ok();
        assertEquals("Compacted topic kv: 2 segment(s) cleaned in 1 partition(s).\n",
            run(dataDir, "topics", "--compact", "--topic", "kv").ok());
        // The active segment is never cleaned, so a:3 there does not yet hide a:2 below it (as in Kafka).
        CommandRun consumed = run(dataDir, "consume", "--topic", "kv", "--from-beginning", "--print-offset",
            "--print-key", "--timeout-ms", "500");
        assertEquals("Offset:2\ta\t2\nOffset:3\tb\t2\nOffset:4\ta\t3\nOffset:5\tc\t1\n", consumed.out());
        run(dataDir, "topics", "--create", "--topic", "plain").ok();
        assertEquals("runnel: Topic 'plain' has cleanup.policy=delete; only compacted topics are compacted. Set it "
            + "with: runnel topics --alter --topic plain --config cleanup.policy=compact",
            run(dataDir, "topics", "--compact", "--topic", "plain").failed(1));
    }

    @Test
    void shouldDeleteRecordsBeforeAnOffsetLikeKafkaDeleteRecords() {
        run(dataDir, "topics", "--create", "--topic", "events").ok();
        runWithInput(dataDir, "a\nb\nc\nd\n", "produce", "--topic", "events").ok();
        assertEquals("Records delete operation completed:\npartition: events-0\tlow_watermark: 2\n",
            run(dataDir, "topics", "--delete-records", "--topic", "events", "--partition", "0", "--offset", "2").ok());
        CommandRun consumed = run(dataDir, "consume", "--topic", "events", "--from-beginning", "--max-messages", "2");
        assertEquals(0, consumed.exitCode());
        assertEquals("c\nd\n", consumed.out());
        assertEquals("runnel: Cannot delete the records of partition events-0 before offset 9: valid offsets are "
            + "[0, 4], the log end offset", run(dataDir, "topics", "--delete-records", "--topic", "events",
            "--partition", "0", "--offset", "9").failed(1));
        assertEquals("", run(dataDir, "topics", "--delete-records", "--topic", "events", "--partition", "0",
            "--offset", "9").out(), "a refused delete prints no completion header");
        assertEquals("runnel: --delete-records needs --partition P and --offset N, and they go with it only; see "
            + "'runnel topics --help'", run(dataDir, "topics", "--delete-records", "--topic", "events", "--offset",
            "1").failed(2));
    }

    @Test
    void shouldReportUsageErrorsOnOneLineWithExitCode2() {
        assertEquals("runnel: --create needs --topic TOPIC; see 'runnel topics --help'",
            run(dataDir, "topics", "--create").failed(2));
        assertEquals("runnel: --alter needs --partitions N, --config KEY=VALUE or --delete-config KEY; see 'runnel "
            + "topics --help'", run(dataDir, "topics", "--alter", "--topic", "t").failed(2));
        assertTrue(run(dataDir, "topics", "--create", "--list").failed(2).startsWith("runnel: "));
        assertTrue(run(dataDir, "topics").failed(2).startsWith("runnel: Missing required argument"));
        assertEquals("runnel: --replication-factor must be 1 and goes with --create: the embedded log keeps one "
            + "replica of each partition; see 'runnel topics --help'",
            run(dataDir, "topics", "--create", "--topic", "t", "--replication-factor", "3").failed(2));
    }

    @Test
    void shouldPrintHelpForEveryCommand() {
        String help = run(dataDir, "--help").out();
        for (String command : new String[] {"topics", "produce", "consume", "perf"}) {
            assertTrue(help.contains("  " + command + " "), help);
        }
        for (String[] command : new String[][] {{"topics"}, {"produce"}, {"consume"}, {"perf", "produce"},
            {"perf", "consume"}}) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            CommandRun result = run(dataDir, args);
            assertEquals(0, result.exitCode());
            assertTrue(result.out().startsWith("Usage: runnel " + String.join(" ", command)), result.out());
            assertTrue(result.out().contains("--data-dir"), result.out());
        }
    }
}
