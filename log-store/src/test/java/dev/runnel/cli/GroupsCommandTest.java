package dev.runnel.cli;

import static dev.runnel.cli.CommandRun.run;
import static dev.runnel.cli.CommandRun.runWithInput;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.clients.consumer.ConsumerConfig;
import dev.runnel.clients.consumer.KafkaConsumer;
import dev.runnel.clients.producer.KafkaProducer;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.serialization.StringDeserializer;
import dev.runnel.common.serialization.StringSerializer;
import dev.runnel.log.RunnelLogConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code runnel groups} and {@code runnel consume --group} over a topic t with 5 records in p0 and 2 in p1. */
class GroupsCommandTest {
    private static final String HEADER = "GROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  "
        + "LAG             CONSUMER-ID     HOST            CLIENT-ID\n";
    private static final String RESET_HEADER = "GROUP                          TOPIC                          "
        + "PARTITION  NEW-OFFSET\n";
    private static final String NO_MEMBERS = "Consumer group 'g' has no active members.\n";
    private static final String DRY_RUN_WARNING = "WARN: No action was performed as the --execute option is missing; "
        + "add --execute to write these offsets, or --dry-run to only print them without this warning.\n";

    @TempDir
    Path dataDir;

    @BeforeEach
    void produceFiveAndTwo() {
        run(dataDir, "topics", "--create", "--topic", "t", "--partitions", "2").ok();
        runWithInput(dataDir, "1\n2\n3\n4\n5\n", "produce", "--topic", "t", "--partition", "0").ok();
        runWithInput(dataDir, "a\nb\n", "produce", "--topic", "t", "--partition", "1").ok();
    }

    /** Runs {@code runnel consume --topic t --group GROUP FLAGS...}; asserts success and returns stdout. */
    private String consume(String group, String... flags) {
        List<String> args = new ArrayList<>(List.of("consume", "--topic", "t", "--group", group,
            "--print-partition", "--print-offset"));
        args.addAll(List.of(flags));
        CommandRun result = run(dataDir, args.toArray(new String[0]));
        assertEquals(0, result.exitCode(), result.err());
        return result.out();
    }

    /**
     * Consumes the first 3 records of p0 with group g, which commits 3 for p0 and, for p1, where nothing was printed,
     * its starting position 0.
     */
    private void consumeThreeWithGroupG() {
        assertEquals("Partition:0\tOffset:0\t1\nPartition:0\tOffset:1\t2\nPartition:0\tOffset:2\t3\n",
            consume("g", "--from-beginning", "--max-messages", "3"));
    }

    private KafkaConsumer<String, String> activeMember(String group) {
        Map<String, Object> config = Map.of(RunnelLogConfig.LOG_DIR_CONFIG, dataDir.toString(),
            ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.CLIENT_ID_CONFIG, "tester",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, String> consumer =
            new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of("t"));
        while (consumer.assignment().isEmpty()) {
            consumer.poll(Duration.ofMillis(10));
        }
        return consumer;
    }

    @Test
    void shouldListGroupsSortedOnePerLine() {
        assertEquals("", run(dataDir, "groups", "--list").ok());
        consume("beta", "--max-messages", "1", "--from-beginning");
        consume("alpha", "--max-messages", "1", "--from-beginning");
        assertEquals("alpha\nbeta\n", run(dataDir, "groups", "--list").ok());
    }

    @Test
    void shouldDescribeCommittedOffsetsLogEndAndLag() {
        consumeThreeWithGroupG();
        CommandRun described = run(dataDir, "groups", "--describe", "--group", "g");
        assertEquals(HEADER
            + "g               t               0          3               5               2               -"
            + "               -               -\n"
            + "g               t               1          0               2               2               -"
            + "               -               -\n", described.out());
        assertEquals(NO_MEMBERS, described.err());
        assertEquals(0, described.exitCode());
    }

    @Test
    void shouldContinueWhereThePreviousMemberStoppedAndCommitOnlyWhatWasPrinted() {
        consumeThreeWithGroupG();
        assertEquals("Partition:0\tOffset:3\t4\n", consume("g", "--from-beginning", "--max-messages", "1"),
            "starts after the last printed record; --from-beginning only applies without a committed offset");
        String rest = consume("g", "--from-beginning", "--timeout-ms", "200");
        assertEquals("Partition:0\tOffset:4\t5\nPartition:1\tOffset:0\ta\nPartition:1\tOffset:1\tb\n",
            sortedLines(rest));
        assertEquals("", consume("g", "--timeout-ms", "100"), "nothing is left for g");
        assertEquals(HEADER
            + "g               t               0          5               5               0               -"
            + "               -               -\n"
            + "g               t               1          2               2               0               -"
            + "               -               -\n", run(dataDir, "groups", "--describe", "--group", "g").out());
    }

    @Test
    void shouldStartANewGroupAtTheEndWithoutFromBeginning() {
        assertEquals("", consume("late", "--timeout-ms", "100"));
        runWithInput(dataDir, "6\n", "produce", "--topic", "t", "--partition", "0").ok();
        assertEquals("Partition:0\tOffset:5\t6\n", consume("late", "--max-messages", "1"));
    }

    private static String sortedLines(String text) {
        return String.join("\n", text.lines().sorted().toList()) + "\n";
    }

    @Test
    void shouldShowAnActiveMemberItsPartitionsAndTheGroupState() {
        consumeThreeWithGroupG();
        try (KafkaConsumer<String, String> member = activeMember("g")) {
            String id = member.groupMetadata().memberId();
            String pad = " ".repeat(Math.max(1, 16 - id.length()));
            String idHeader = "CONSUMER-ID" + " ".repeat(Math.max(15, id.length()) - 10);
            CommandRun described = run(dataDir, "groups", "--describe", "--group", "g");
            assertEquals("GROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG             "
                + idHeader + "HOST            CLIENT-ID\n"
                + "g               t               0          3               5               2               "
                + id + pad + "/embedded       tester\n"
                + "g               t               1          0               2               2               "
                + id + pad + "/embedded       tester\n", described.ok());
            assertEquals("GROUP           " + idHeader + "HOST            CLIENT-ID       #PARTITIONS     ASSIGNMENT\n"
                + "g               " + id + pad + "/embedded       tester          2               t:0,1\n",
                run(dataDir, "groups", "--describe", "--group", "g", "--members").ok());
            assertEquals("""
                GROUP           COORDINATOR (ID)          ASSIGNMENT-STRATEGY  STATE                #MEMBERS
                g               embedded:-1  (0)          range                Stable               1
                """, run(dataDir, "groups", "--describe", "--group", "g", "--state").ok());
        }
    }

    @Test
    void shouldDeleteAGroupButNotWhileItHasMembers() {
        consumeThreeWithGroupG();
        try (KafkaConsumer<String, String> member = activeMember("g")) {
            assertEquals("runnel: Consumer group 'g' has 1 active member(s) and cannot be deleted; stop its "
                + "consumers first", run(dataDir, "groups", "--delete", "--group", "g").failed(1));
        }
        assertEquals("Deletion of requested consumer groups ('g') was successful.\n",
            run(dataDir, "groups", "--delete", "--group", "g").ok());
        assertEquals("", run(dataDir, "groups", "--list").ok());
        assertEquals("Partition:0\tOffset:0\t1\n", consume("g", "--from-beginning", "--max-messages", "1"),
            "the deleted group's offsets are gone");
    }

    @Test
    void shouldNameAnUnknownGroup() {
        String expected = "runnel: Consumer group 'nope' does not exist; see the groups with `runnel groups --list`";
        assertEquals(expected, run(dataDir, "groups", "--describe", "--group", "nope").failed(1));
        assertEquals(expected, run(dataDir, "groups", "--describe", "--group", "nope", "--members").failed(1));
        assertEquals(expected, run(dataDir, "groups", "--delete", "--group", "nope").failed(1));
        assertEquals(expected, run(dataDir, "groups", "--reset-offsets", "--group", "nope", "--all-topics",
            "--to-earliest").failed(1));
    }

    @Test
    void shouldPrintToEarliestAndWriteItOnlyWithExecute() {
        consumeThreeWithGroupG();
        String table = RESET_HEADER
            + "g                              t                              0          0\n"
            + "g                              t                              1          0\n";
        CommandRun dryRun = run(dataDir, "groups", "--reset-offsets", "--group", "g", "--topic", "t", "--to-earliest");
        assertEquals(table, dryRun.out());
        assertEquals(DRY_RUN_WARNING, dryRun.err());
        assertEquals(table, run(dataDir, "groups", "--reset-offsets", "--group", "g", "--topic", "t", "--to-earliest",
            "--dry-run").ok());
        assertEquals("Partition:0\tOffset:3\t4\n", consume("g", "--max-messages", "1"), "a dry run changes nothing");
        assertEquals(table, run(dataDir, "groups", "--reset-offsets", "--group", "g", "--topic", "t", "--to-earliest",
            "--execute").ok());
        assertEquals("Partition:0\tOffset:0\t1\n", consume("g", "--max-messages", "1"));
    }

    @Test
    void shouldResetToLatestOnlyTheNamedPartitions() {
        consumeThreeWithGroupG();
        assertEquals(RESET_HEADER + "g                              t                              0          5\n",
            run(dataDir, "groups", "--reset-offsets", "--group", "g", "--topic", "t:0", "--to-latest", "--dry-run")
                .ok());
        assertEquals(RESET_HEADER + "g                              t                              0          5\n",
            run(dataDir, "groups", "--reset-offsets", "--group", "g", "--topic", "t:0", "--to-latest", "--execute")
                .ok());
        assertEquals("Partition:1\tOffset:0\ta\nPartition:1\tOffset:1\tb\n",
            consume("g", "--from-beginning", "--timeout-ms", "100"));
    }

    @Test
    void shouldResetToAnOffsetKeptInsideTheLog() {
        consumeThreeWithGroupG();
        assertEquals(RESET_HEADER
            + "g                              t                              0          4\n"
            + "g                              t                              1          2\n",
            run(dataDir, "groups", "--reset-offsets", "--group", "g", "--topic", "t", "--to-offset", "4",
                "--dry-run").ok(), "p1 ends at 2");
        run(dataDir, "groups", "--reset-offsets", "--group", "g", "--topic", "t", "--to-offset", "4", "--execute")
            .ok();
        assertEquals("Partition:0\tOffset:4\t5\n", consume("g", "--timeout-ms", "100"));
    }

    @Test
    void shouldShiftCommittedOffsetsClampedToTheLog() {
        consumeThreeWithGroupG();
        run(dataDir, "groups", "--reset-offsets", "--group", "g", "--topic", "t:1", "--to-offset", "1", "--execute")
            .ok();
        assertEquals(RESET_HEADER
            + "g                              t                              0          1\n"
            + "g                              t                              1          0\n",
            run(dataDir, "groups", "--reset-offsets", "--group", "g", "--all-topics", "--shift-by", "-2",
                "--dry-run").ok());
        assertEquals(RESET_HEADER
            + "g                              t                              0          5\n"
            + "g                              t                              1          2\n",
            run(dataDir, "groups", "--reset-offsets", "--group", "g", "--all-topics", "--shift-by", "10",
                "--dry-run").ok());
        run(dataDir, "groups", "--reset-offsets", "--group", "g", "--all-topics", "--shift-by", "-2", "--execute")
            .ok();
        assertEquals("Partition:0\tOffset:1\t2\nPartition:0\tOffset:2\t3\nPartition:0\tOffset:3\t4\n"
            + "Partition:0\tOffset:4\t5\nPartition:1\tOffset:0\ta\nPartition:1\tOffset:1\tb\n",
            sortedLines(consume("g", "--timeout-ms", "200")));
    }

    @Test
    void shouldRefuseToShiftAPartitionWithoutCommittedOffset() {
        run(dataDir, "groups", "--reset-offsets", "--group", "g", "--topic", "t:0", "--to-offset", "2", "--execute")
            .ok();
        assertEquals("runnel: Cannot shift partition t-1 of group 'g': the group has no committed offset there; use "
            + "--to-earliest, --to-latest or --to-offset", run(dataDir, "groups", "--reset-offsets", "--group", "g",
            "--topic", "t", "--shift-by", "1", "--execute").failed(1));
        assertEquals(RESET_HEADER + "g                              t                              0          3\n",
            run(dataDir, "groups", "--reset-offsets", "--group", "g", "--all-topics", "--shift-by", "1", "--execute")
                .ok(), "--all-topics shifts only the partitions with an offset");
    }

    @Test
    void shouldResetToTheFirstRecordAtOrAfterADatetime() {
        run(dataDir, "topics", "--create", "--topic", "timed").ok();
        Map<String, Object> config = Map.of(RunnelLogConfig.LOG_DIR_CONFIG, dataDir.toString());
        try (KafkaProducer<String, String> producer =
                 new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            // 2024-05-01T09:00Z, 10:00Z and 11:00Z.
            for (long hour = 9; hour <= 11; hour++) {
                producer.send(new ProducerRecord<>("timed", 0, 1_714_554_000_000L + (hour - 9) * 3_600_000L, null,
                    "at-" + hour));
            }
        }
        String row = "g                              timed                          0          ";
        assertEquals(RESET_HEADER + row + "1\n", run(dataDir, "groups", "--reset-offsets", "--group", "g",
            "--topic", "timed", "--to-datetime", "2024-05-01T09:30:00.000Z", "--dry-run").ok());
        assertEquals(RESET_HEADER + row + "1\n", run(dataDir, "groups", "--reset-offsets", "--group", "g",
            "--topic", "timed", "--to-datetime", "2024-05-01T12:00:00+02:00", "--dry-run").ok(), "10:00Z is 12:00+02");
        assertEquals(RESET_HEADER + row + "3\n", run(dataDir, "groups", "--reset-offsets", "--group", "g",
            "--topic", "timed", "--to-datetime", "2024-05-02T00:00:00.000Z", "--dry-run").ok(), "after every record");
        assertEquals(RESET_HEADER + row + "2\n", run(dataDir, "groups", "--reset-offsets", "--group", "g",
            "--topic", "timed", "--to-datetime", "2024-05-01T11:00:00.000Z", "--execute").ok());
        CommandRun consumed = run(dataDir, "consume", "--topic", "timed", "--group", "g", "--max-messages", "1");
        assertEquals("at-11\n", consumed.out(), "the reset created the group's offset");
    }

    @Test
    void shouldResetByADurationBeforeNow() {
        String row = "g                              t                              0          ";
        assertEquals(RESET_HEADER + row + "0\n", run(dataDir, "groups", "--reset-offsets", "--group", "g",
            "--topic", "t:0", "--by-duration", "P1D", "--dry-run").ok(), "every record is from the last day");
        assertEquals(RESET_HEADER + row + "5\n", run(dataDir, "groups", "--reset-offsets", "--group", "g",
            "--topic", "t:0", "--by-duration", "PT0S", "--dry-run").ok(), "no record is from after now");
        assertEquals("runnel: --by-duration '1 day' is not a duration; expected PnDTnHnMnS, e.g. P1D or PT1H30M; "
            + "see 'runnel groups --help'", run(dataDir, "groups", "--reset-offsets", "--group", "g", "--topic", "t",
            "--by-duration", "1 day").failed(2));
    }

    @Test
    void shouldRejectABadDatetimeShowingTheFormat() {
        assertEquals("runnel: --to-datetime '2024-05-01 09:30' is not a date and time; expected "
            + "YYYY-MM-DDTHH:mm:SS.sss[Z|±HH:MM], e.g. 2024-05-01T09:30:00.000Z or 2024-05-01T11:30:00.000+02:00; "
            + "see 'runnel groups --help'", run(dataDir, "groups", "--reset-offsets", "--group", "g", "--topic", "t",
            "--to-datetime", "2024-05-01 09:30").failed(2));
    }

    @Test
    void shouldRefuseToResetWhileTheGroupHasActiveMembers() {
        consumeThreeWithGroupG();
        try (KafkaConsumer<String, String> member = activeMember("g")) {
            for (String mode : List.of("--dry-run", "--execute")) {
                assertEquals("runnel: Assignments can only be reset if the group 'g' is inactive, but the current "
                    + "state is Stable with 1 active member(s); stop its consumers and retry",
                    run(dataDir, "groups", "--reset-offsets", "--group", "g", "--topic", "t", "--to-earliest", mode)
                        .failed(1));
            }
        }
        assertEquals(HEADER
            + "g               t               0          3               5               2               -"
            + "               -               -\n"
            + "g               t               1          0               2               2               -"
            + "               -               -\n", run(dataDir, "groups", "--describe", "--group", "g").out(),
            "nothing was reset");
    }

    @Test
    void shouldRejectBadGroupsOptions() {
        assertEquals("runnel: --describe needs --group GROUP; see 'runnel groups --help'",
            run(dataDir, "groups", "--describe").failed(2));
        assertEquals("runnel: " + OffsetReset.MISSING_SCOPE + "; see 'runnel groups --help'",
            run(dataDir, "groups", "--reset-offsets", "--group", "g", "--to-earliest").failed(2));
        assertEquals("runnel: give only one of --to-earliest, --to-latest, --to-offset, --to-datetime, --by-duration"
            + " and --shift-by; see 'runnel groups --help'", run(dataDir, "groups", "--reset-offsets", "--group", "g",
            "--all-topics", "--to-earliest", "--to-latest").failed(2));
        assertEquals("runnel: give --dry-run or --execute, not both; see 'runnel groups --help'",
            run(dataDir, "groups", "--reset-offsets", "--group", "g", "--all-topics", "--to-latest", "--dry-run",
                "--execute").failed(2));
        assertEquals("runnel: --topic, --all-topics, --to-*, --shift-by, --dry-run and --execute go with "
            + "--reset-offsets, not with --describe; see 'runnel groups --help'",
            run(dataDir, "groups", "--describe", "--group", "g", "--to-latest").failed(2));
    }

    @Test
    void shouldRejectPartitionOrOffsetWithGroup() {
        String expected = "runnel: --partition and --offset cannot be combined with --group: a group member reads "
            + "the partitions the group assigns it, from the group's committed offsets; see 'runnel consume --help'";
        assertEquals(expected, run(dataDir, "consume", "--topic", "t", "--group", "g", "--partition", "0").failed(2));
        assertEquals(expected, run(dataDir, "consume", "--topic", "t", "--group", "g", "--partition", "0",
            "--offset", "1").failed(2));
    }

    @Test
    void shouldNameAnUnknownTopicForAGroupConsumer() {
        assertEquals("runnel: Topic 'nope' does not exist; create it with `runnel topics --create --topic nope`",
            run(dataDir, "consume", "--topic", "nope", "--group", "g").failed(1));
    }
}
