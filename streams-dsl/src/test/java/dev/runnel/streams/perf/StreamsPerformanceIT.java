package dev.runnel.streams.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code runnel perf streams} end to end on small inputs: each workload runs through a real application on a real log
 * to the end of its input and reports its rate (what is timed is not asserted: the machines are shared).
 */
class StreamsPerformanceIT {
    private static final Pattern RATE = Pattern.compile("^(\\S+) \\((\\S+), 1 thread\\(s\\), 1 partition\\(s\\)\\):"
        + " ([0-9,]+) input records in [0-9.]+ s = [0-9,]+ records/s$", Pattern.MULTILINE);

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"wordcount, wordcount, at_least_once", "window, windowed-count, at_least_once",
        "join, join, at_least_once", "wordcount, wordcount, exactly_once_v2",
        "wordcount-split, wordcount-split, at_least_once", "wordcount-shuffle, wordcount-shuffle, at_least_once"})
    void shouldRunAWorkloadToTheEndOfItsInputAndReportItsRate(String topology, String name, String guarantee) {
        String out = run("--topology", topology, "--records", "20000", "--guarantee", guarantee,
            "--data-dir", dir.toString());
        Matcher rate = RATE.matcher(out);
        assertTrue(rate.find(), out);
        assertEquals(name, rate.group(1));
        assertEquals(guarantee, rate.group(2));
        assertEquals("20,000", rate.group(3), "the join's table records are not counted");
        assertTrue(out.contains("stream thread CPU: "), out);
    }

    @Test
    void shouldReportTheHeapOfTheMemoryWorkloadsStore() {
        String out = run("--topology", "memory", "--records", "20000", "--data-dir", dir.toString());
        assertTrue(out.matches("(?s).*store heap: [0-9.]+ MB for 20,000 keys.*"), out);
    }

    @Test
    void shouldDrawTheWordsFromAsManyDistinctWordsAsKeysSays() {
        run("--topology", "wordcount", "--records", "2000", "--keys", "7", "--data-dir", dir.toString());
        Map<String, Long> latest = new HashMap<>();
        new EmbeddedLogFixture(dir).readAll("word-counts", Serdes.String().deserializer(),
            Serdes.Long().deserializer(), false).forEach(record -> latest.put(record.key(), record.value()));
        assertEquals(7, latest.size(), "the counts of 7 distinct words: " + latest.keySet());
        assertEquals(2000L * Workloads.WORDS_PER_LINE, latest.values().stream().mapToLong(Long::longValue).sum());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> run("--topology", "wordcount", "--records", "10", "--keys", "0"));
        assertTrue(e.getMessage().contains("--keys"), e.getMessage());
    }

    @Test
    void shouldRejectAnUnknownWorkloadNamingTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> run("--topology", "nope", "--records", "10"));
        assertTrue(e.getMessage().contains("wordcount"), e.getMessage());
    }

    private static String run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertEquals(0, StreamsPerformance.run(args, out));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
