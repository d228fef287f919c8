package dev.runnel.cli;

import static dev.runnel.cli.CommandRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerfCommandIT {
    private static final String PRODUCE_SUMMARY = "2000 records sent, [\\d.]+ records/sec \\([\\d.]+ MB/sec\\), "
        + "[\\d.]+ ms avg latency, [\\d.]+ ms max latency, \\d+ ms 50th, \\d+ ms 95th, \\d+ ms 99th, \\d+ ms 99.9th.";

    @TempDir
    Path dataDir;

    @Test
    void shouldCreateTopicProduceAndReportLatencyThenConsumeEverything() {
        CommandRun produced = run(dataDir, "perf", "produce", "--topic", "perf", "--records", "2000", "--record-size",
            "100", "--acks", "1", "--partitions", "2");
        assertEquals(0, produced.exitCode(), produced.err());
        assertEquals("Created topic perf with 2 partition(s).\n", produced.err());
        String[] lines = produced.out().split("\n");
        assertEquals(2, lines.length, produced.out());
        assertTrue(lines[0].matches(PRODUCE_SUMMARY), lines[0]);
        assertTrue(lines[1].matches("perf produce: \\d+ records/s, [\\d.]+ MB/s \\(2000 records of 100 bytes\\)"),
            lines[1]);
        assertTrue(run(dataDir, "topics", "--describe", "--topic", "perf").ok().contains("PartitionCount: 2\t"));

        CommandRun consumed = run(dataDir, "perf", "consume", "--topic", "perf");
        assertEquals(0, consumed.exitCode(), consumed.err());
        lines = consumed.out().split("\n");
        assertEquals("start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec", lines[0]);
        String date = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d:\\d{3}";
        assertTrue(lines[1].matches(date + ", " + date + ", 0\\.1907, [\\d.]+, 2000, [\\d.]+"), lines[1]);
        assertTrue(lines[2].matches("perf consume: \\d+ records/s, [\\d.]+ MB/s \\(2000 records\\)"), lines[2]);
    }

    @Test
    void shouldReuseAnExistingTopicAndHonourAcksAllAndCompression() {
        run(dataDir, "topics", "--create", "--topic", "perf").ok();
        CommandRun produced = run(dataDir, "perf", "produce", "--topic", "perf", "--records", "2000", "--record-size",
            "100", "--acks", "all", "--compression", "lz4", "--batch-size", "65536", "--linger-ms", "1",
            "--throughput", "100000");
        assertEquals(0, produced.exitCode(), produced.err());
        assertEquals("", produced.err());
        assertTrue(produced.out().split("\n")[0].matches(PRODUCE_SUMMARY), produced.out());
        CommandRun consumed = run(dataDir, "perf", "consume", "--topic", "perf", "--records", "500");
        assertTrue(consumed.out().contains(", 500, "), consumed.out());
    }

    @Test
    void shouldWarnWhenFewerRecordsArriveThanAskedFor() {
        run(dataDir, "topics", "--create", "--topic", "perf").ok();
        CommandRun consumed = run(dataDir, "perf", "consume", "--topic", "perf", "--records", "10", "--timeout-ms",
            "100");
        assertEquals(1, consumed.exitCode());
        assertTrue(consumed.err().startsWith("WARNING: Exiting before consuming the expected number of messages"),
            consumed.err());
    }
}
