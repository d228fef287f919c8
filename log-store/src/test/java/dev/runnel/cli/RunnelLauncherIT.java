package dev.runnel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real {@code ./runnel} launcher script as a subprocess, end to end. */
class RunnelLauncherIT {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path LAUNCHER = MODULE.getParent().resolve("runnel");

    @TempDir
    Path work;

    /**
     * Surefire runs after this build compiled {@code target/classes}; if the runtime jars are already in
     * {@code target/lib}, marks the build current so that the launcher does not start a second Maven on the same
     * target folder. Otherwise the launcher builds the module itself.
     */
    @BeforeAll
    static void markBuildCurrent() throws IOException {
        Path lib = MODULE.resolve("target/lib");
        try (var jars = Files.exists(lib) ? Files.list(lib) : java.util.stream.Stream.<Path>empty()) {
            if (jars.anyMatch(jar -> jar.getFileName().toString().startsWith("picocli-"))) {
                Path stamp = lib.resolve(".runnel-built");
                if (!Files.exists(stamp)) {
                    Files.createFile(stamp);
                }
                Files.setLastModifiedTime(stamp, FileTime.fromMillis(System.currentTimeMillis()));
            }
        }
    }

    private record Result(int exitCode, String out, String err) {
    }

    private Result runnel(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        command.add("--data-dir");
        command.add(work.resolve("data").toString());
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Process process = new ProcessBuilder(command).directory(work.toFile())
            .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "runnel " + args[0] + " did not finish");
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err).replaceAll(
            "runnel: building \\(first use or sources changed\\)\\.\\.\\.\n", ""));
    }

    @Test
    void shouldCreateProduceAndConsumeThroughTheLauncher() throws Exception {
        assertTrue(Files.isExecutable(LAUNCHER), LAUNCHER + " is missing or not executable");
        Result created = runnel("", "topics", "--create", "--topic", "greetings");
        assertEquals(new Result(0, "Created topic greetings.\n", ""), created);

        Result produced = runnel("en:hello\nfr:bonjour\nde:hallo\n", "produce", "--topic", "greetings",
            "--key-separator", ":");
        assertEquals(new Result(0, "", ""), produced);

        Result consumed = runnel("", "consume", "--topic", "greetings", "--from-beginning", "--print-key",
            "--print-offset", "--max-messages", "3");
        assertEquals(new Result(0, "Offset:0\ten\thello\nOffset:1\tfr\tbonjour\nOffset:2\tde\thallo\n",
            "Processed a total of 3 messages\n"), consumed);

        Result first = runnel("", "consume", "--topic", "greetings", "--group", "readers", "--from-beginning",
            "--max-messages", "2");
        assertEquals(new Result(0, "hello\nbonjour\n", "Processed a total of 2 messages\n"), first);
        Result rest = runnel("", "consume", "--topic", "greetings", "--group", "readers", "--max-messages", "1");
        assertEquals(new Result(0, "hallo\n", "Processed a total of 1 messages\n"), rest,
            "a second process continues after what the first printed");
        Result described = runnel("", "groups", "--describe", "--group", "readers");
        assertEquals(new Result(0, "GROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG"
            + "             CONSUMER-ID     HOST            CLIENT-ID\n"
            + "readers         greetings       0          3               3               0               -"
            + "               -               -\n", "Consumer group 'readers' has no active members.\n"), described);
    }

    @Test
    void shouldExitNonZeroWithOneErrorLineAndNoStackTrace() throws Exception {
        Result result = runnel("", "consume", "--topic", "missing", "--max-messages", "1");
        assertEquals(new Result(1, "", "runnel: Topic 'missing' does not exist; create it with "
            + "`runnel topics --create --topic missing`\n"), result);
    }
}
