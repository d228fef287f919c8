package dev.runnel.cli;

import static dev.runnel.cli.CommandRun.run;
import static dev.runnel.cli.CommandRun.runWithInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProduceConsumeTest {
    private static final String PROCESSED_3 = "Processed a total of 3 messages\n";

    @TempDir
    Path dataDir;

    @BeforeEach
    void createTopic() {
        run(dataDir, "topics", "--create", "--topic", "t").ok();
    }

    /** Consumes topic t from the beginning until it is idle for 200 ms; returns stdout. */
    private String consumeAll(String... flags) {
        List<String> args = new ArrayList<>(List.of("consume", "--topic", "t", "--from-beginning", "--timeout-ms",
            "200"));
        args.addAll(List.of(flags));
        CommandRun result = run(dataDir, args.toArray(new String[0]));
        assertEquals(0, result.exitCode(), result.err());
        return result.out();
    }

    @Test
    void shouldSplitKeysAtTheFirstSeparatorAndPrintThemWithOffsets() {
        runWithInput(dataDir, "a:1\nb:2:x\nc:\n", "produce", "--topic", "t", "--key-separator", ":").ok();
        CommandRun result = run(dataDir, "consume", "--topic", "t", "--from-beginning", "--print-key",
            "--print-offset", "--max-messages", "3");
        assertEquals("Offset:0\ta\t1\nOffset:1\tb\t2:x\nOffset:2\tc\t\n", result.out());
        assertEquals(PROCESSED_3, result.err());
        assertEquals(0, result.exitCode());
    }

    @Test
    void shouldPrintEveryFieldInKafkasOrder() {
        runWithInput(dataDir, "k:v\n", "produce", "--topic", "t", "--key-separator", ":").ok();
        String line = consumeAll("--print-timestamp", "--print-partition", "--print-offset", "--print-key");
        assertTrue(line.matches("CreateTime:\\d{13}\tPartition:0\tOffset:0\tk\tv\n"), line);
        assertEquals("Partition:0|k|v\n", consumeAll("--print-partition", "--print-key", "--key-separator", "|"));
        assertEquals("v\n", consumeAll());
    }

    @Test
    void shouldSendNullMarkerAsTombstoneAndPrintNull() {
        runWithInput(dataDir, "a:NULL\nNULL:b\nc:d\n", "produce", "--topic", "t", "--key-separator", ":",
            "--null-marker", "NULL").ok();
        assertEquals("a\tnull\nnull\tb\nc\td\n", consumeAll("--print-key"));
    }

    @Test
    void shouldReportALineWithoutSeparatorAndStillSendTheOthers() {
        CommandRun result = runWithInput(dataDir, "a:1\nno separator\nb:2\n", "produce", "--topic", "t",
            "--key-separator", ":");
        assertEquals(1, result.exitCode());
        assertEquals("runnel: No key separator found on line number 2; lines need KEY:VALUE with --key-separator ':'\n"
            + "runnel: 1 of 3 line(s) were not written to topic t; see the errors above\n", result.err());
        assertEquals("a\t1\nb\t2\n", consumeAll("--print-key"));
    }

    @Test
    void shouldReportAnOversizedRecordAndStillSendTheOthers() {
        run(dataDir, "topics", "--create", "--topic", "small", "--config", "max.message.bytes=200").ok();
        CommandRun result = runWithInput(dataDir, "a\n" + "x".repeat(500) + "\nb\n", "produce", "--topic", "small");
        assertEquals(1, result.exitCode());
        assertTrue(result.err().startsWith("runnel: Line 2 was not written to topic small: The message is "),
            result.err());
        CommandRun consumed = run(dataDir, "consume", "--topic", "small", "--from-beginning", "--timeout-ms", "200");
        assertEquals("a\nb\n", consumed.out());
    }

    @Test
    void shouldRefuseNullKeysOnACompactedTopic() {
        run(dataDir, "topics", "--create", "--topic", "kv", "--config", "cleanup.policy=compact").ok();
        assertEquals("runnel: Topic 'kv' is compacted (cleanup.policy=compact), so every record needs a key; give "
            + "--key-separator SEP and write KEY<SEP>VALUE lines",
            runWithInput(dataDir, "v\n", "produce", "--topic", "kv").failed(1));
        CommandRun result = runWithInput(dataDir, "a:1\n-:2\nb:3\n", "produce", "--topic", "kv", "--key-separator",
            ":", "--null-marker", "-");
        assertEquals(1, result.exitCode());
        assertTrue(result.err().startsWith("runnel: Line 2 has a null key, which compacted topic 'kv' cannot accept"),
            result.err());
        CommandRun consumed = run(dataDir, "consume", "--topic", "kv", "--from-beginning", "--max-messages", "2",
            "--print-key");
        assertEquals("a\t1\nb\t3\n", consumed.out());
    }

    @Test
    void shouldReportUnknownTopicOnceForProduceAndConsume() {
        String expected = "runnel: Topic 'nope' does not exist; create it with `runnel topics --create --topic nope`";
        assertEquals(expected, runWithInput(dataDir, "a\nb\n", "produce", "--topic", "nope").failed(1));
        assertEquals(expected, run(dataDir, "consume", "--topic", "nope").failed(1));
    }

    @Test
    void shouldSendToTheGivenPartitionAndReadOnlyIt() {
        run(dataDir, "topics", "--alter", "--topic", "t", "--partitions", "3").ok();
        runWithInput(dataDir, "x\ny\n", "produce", "--topic", "t", "--partition", "2", "--acks", "1").ok();
        assertEquals("Partition:2\tOffset:0\tx\nPartition:2\tOffset:1\ty\n",
            consumeAll("--partition", "2", "--print-partition", "--print-offset"));
        assertEquals("Offset:1\ty\n", run(dataDir, "consume", "--topic", "t", "--partition", "2", "--offset", "1",
            "--max-messages", "1", "--print-offset").out());
        assertEquals("runnel: Topic 't' has 3 partition(s), 0 to 2; --partition 3 does not exist",
            run(dataDir, "consume", "--topic", "t", "--partition", "3").failed(1));
        assertEquals("runnel: Topic 't' has 3 partition(s), 0 to 2; --partition 3 does not exist",
            runWithInput(dataDir, "x\n", "produce", "--topic", "t", "--partition", "3").failed(1));
    }

    @Test
    void shouldStopAfterMaxMessages() {
        runWithInput(dataDir, "1\n2\n3\n4\n5\n", "produce", "--topic", "t", "--compression", "lz4").ok();
        CommandRun result = run(dataDir, "consume", "--topic", "t", "--from-beginning", "--max-messages", "2");
        assertEquals("1\n2\n", result.out());
        assertEquals("Processed a total of 2 messages\n", result.err());
    }

    @Test
    void shouldStopWhenNothingArrivesWithinTimeout() {
        runWithInput(dataDir, "1\n2\n3\n", "produce", "--topic", "t").ok();
        CommandRun fromBeginning = run(dataDir, "consume", "--topic", "t", "--from-beginning", "--timeout-ms", "100");
        assertEquals("1\n2\n3\n", fromBeginning.out());
        assertEquals(PROCESSED_3, fromBeginning.err());
        CommandRun fromEnd = run(dataDir, "consume", "--topic", "t", "--timeout-ms", "100");
        assertEquals("", fromEnd.out(), "starts at the end without --from-beginning");
        assertEquals("Processed a total of 0 messages\n", fromEnd.err());
    }

    @Test
    void shouldRejectBadConsumeOptions() {
        assertEquals("runnel: --offset needs --partition N: an offset belongs to one partition; see 'runnel consume "
            + "--help'", run(dataDir, "consume", "--topic", "t", "--offset", "3").failed(2));
        assertEquals("runnel: --offset must be a non-negative number, earliest or latest, got 'first'; see 'runnel "
            + "consume --help'", run(dataDir, "consume", "--topic", "t", "--partition", "0", "--offset", "first")
            .failed(2));
        assertTrue(run(dataDir, "consume", "--topic", "t", "--max-messages", "x").failed(2)
            .startsWith("runnel: Invalid value for option '--max-messages'"));
    }

    @Test
    void shouldRejectBadProduceSettingsNamingTheValidValues() {
        // The producer's ValidString messages, as Kafka's: the valid values in the order they are defined.
        assertEquals("runnel: Invalid value 2 for configuration acks: String must be one of: all, -1, 0, 1",
            runWithInput(dataDir, "x\n", "produce", "--topic", "t", "--acks", "2").failed(1));
        assertEquals("runnel: Invalid value brotli for configuration compression.type: String must be one of: none, "
            + "gzip, snappy, lz4, zstd", runWithInput(dataDir, "x\n", "produce", "--topic", "t", "--compression",
            "brotli").failed(1));
    }

    @Test
    void shouldNameTopicPartitionAndOffsetOfACorruptBatch() throws IOException {
        runWithInput(dataDir, "a\nb\nc\n", "produce", "--topic", "t").ok();
        Path segment = dataDir.resolve("t-0").resolve("00000000000000000000.log");
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer oneByte = ByteBuffer.allocate(1);
            channel.read(oneByte, 70);
            oneByte.put(0, (byte) ~oneByte.get(0)).rewind();
            channel.write(oneByte, 70);
        }
        CommandRun result = run(dataDir, "consume", "--topic", "t", "--from-beginning", "--timeout-ms", "100");
        assertEquals(1, result.exitCode());
        assertTrue(result.err().startsWith("runnel: Record batch for partition t-0 at offset 0 is corrupt"),
            result.err());
        assertTrue(result.err().endsWith("Processed a total of 0 messages\n"), result.err());
    }
}
