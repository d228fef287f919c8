package dev.runnel.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code runnel tour}: Runnel's main job until the SQL console exists. It runs a short sequence of real
 * {@code runnel} commands against {@code --data-dir}, printing each one first so that the reader can paste it.
 */
@Command(name = "tour", description = "A guided tour of the log: runs and explains a few runnel commands.")
final class TourCommand extends RunnelCommand {
    private static final String CLICKS = "alice:/home\nbob:/cart\nalice:/checkout\ncarol:/home\n";
    private static final String PROFILES =
        "alice:gold\nbob:silver\nalice:platinum\nbob:NULL\ncarol:bronze\ncarol:silver\n";

    TourCommand(StandardStreams io) {
        super(io);
    }

    @Override
    public Integer call() {
        say("Welcome to Runnel. Everything below runs on the embedded log in " + dataDir + ".");
        say("A topic is a named log split into partitions; keys decide the partition, as in Kafka.");
        step(null, "topics", "--create", "--topic", "tour-clicks", "--partitions", "3", "--if-not-exists");
        say("Each line is a record; the part before ':' is its key.");
        step(CLICKS, "produce", "--topic", "tour-clicks", "--key-separator", ":");
        say("Read everything back, with where each record landed. Alice's clicks share a partition.");
        step(null, "consume", "--topic", "tour-clicks", "--from-beginning", "--print-partition", "--print-offset",
            "--print-key", "--timeout-ms", "1000");
        step(null, "topics", "--describe", "--topic", "tour-clicks");
        say("A compacted topic keeps the latest value per key; a null value (a tombstone) deletes the key.");
        step(null, "topics", "--create", "--topic", "tour-profiles", "--if-not-exists", "--config",
            "cleanup.policy=compact", "--config", "segment.bytes=100");
        step(PROFILES, "produce", "--topic", "tour-profiles", "--key-separator", ":", "--null-marker", "NULL",
            "--producer-property", "batch.size=1");
        say("Tiny segments hold two records each. The cleaner rewrites all but the active (last) segment: "
            + "alice:gold and bob:silver go, and bob's tombstone stays for delete.retention.ms so that readers see "
            + "the delete.");
        step(null, "topics", "--compact", "--topic", "tour-profiles");
        step(null, "consume", "--topic", "tour-profiles", "--from-beginning", "--print-offset", "--print-key",
            "--timeout-ms", "1000");
        say("How fast is it here? A million 100-byte records through the producer and back:");
        step(null, "perf", "produce", "--topic", "tour-perf", "--records", "1000000", "--record-size", "100",
            "--acks", "1");
        step(null, "perf", "consume", "--topic", "tour-perf", "--records", "1000000");
        say("That is the tour. Try `runnel --help`, and `runnel COMMAND --help` for each command.");
        return 0;
    }

    private void say(String text) {
        io.out().println();
        io.out().println("# " + text);
    }

    /** Prints the command as a user would type it, then runs it with {@code input} as its stdin. */
    private void step(String input, String... args) {
        List<String> command = new ArrayList<>(List.of(args));
        command.add("--data-dir");
        command.add(dataDir.toString());
        String typed = "runnel " + String.join(" ", command);
        io.out().println(input == null ? "$ " + typed : "$ printf '" + input.replace("\n", "\\n") + "' | " + typed);
        InputStream stdin = new ByteArrayInputStream((input == null ? "" : input).getBytes(StandardCharsets.UTF_8));
        int exitCode = Runnel.execute(new StandardStreams(stdin, io.out(), io.err()), command.toArray(String[]::new));
        if (exitCode != 0) {
            throw new CommandFailedException("the tour stopped: `" + typed + "` exited with " + exitCode);
        }
    }
}
