package dev.runnel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One in-process run of {@code runnel ARGS...}: its exit code and what it printed. */
record CommandRun(int exitCode, String out, String err) {
    /** Runs {@code runnel ARGS... --data-dir DATA_DIR} with {@code stdin} as input. */
    static CommandRun runWithInput(Path dataDir, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> argv = new ArrayList<>(Arrays.asList(args));
        argv.add("--data-dir");
        argv.add(dataDir.toString());
        int exitCode;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            StandardStreams io = new StandardStreams(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), outStream, errStream);
            exitCode = Runnel.execute(io, argv.toArray(new String[0]));
        }
        return new CommandRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static CommandRun run(Path dataDir, String... args) {
        return runWithInput(dataDir, "", args);
    }

    /** Asserts exit code 0 and no stderr, and returns stdout. */
    String ok() {
        assertEquals("", err, "stderr");
        assertEquals(0, exitCode, "exit code; stderr: " + err);
        return out;
    }

    /** Asserts a failure: the exit code and exactly one stderr line, which is returned without its newline. */
    String failed(int expectedExitCode) {
        assertEquals(expectedExitCode, exitCode, "exit code; stderr: " + err);
        String[] lines = err.split("\n");
        assertEquals(1, lines.length, "one error line, got: " + err);
        return lines[0];
    }
}
