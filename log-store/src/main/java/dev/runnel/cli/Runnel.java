package dev.runnel.cli;

import dev.runnel.common.KafkaException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code runnel} command: subcommands that read like Kafka's tools, over the embedded log in {@code --data-dir}.
 * Errors print one line on stderr, starting with {@code runnel: }, and exit non-zero: 2 for bad usage, 1 for a
 * failure; {@code --verbose} adds the stack trace.
 *
 * <pre>{@code
 * int exitCode = Runnel.execute(new StandardStreams(in, out, err), "topics", "--list", "--data-dir", "/tmp/data");
 * }</pre>
 */
@Command(name = "runnel", mixinStandardHelpOptions = true, version = "runnel 0.1.0-SNAPSHOT",
    description = "Runnel: an embedded streaming platform with Kafka-shaped tools.",
    synopsisSubcommandLabel = "COMMAND",
    footer = {"", "Run 'runnel COMMAND --help' for a command's options."})
public final class Runnel implements Callable<Integer> {
    static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

    @Spec
    CommandSpec spec;

    private Runnel() {
    }

    /** Runs {@code runnel ARGS...} on the process's streams and exits with its exit code. */
    public static void main(String[] args) {
        // Before any logger exists: slf4j-simple reads its level once. INFO from the log would drown the output.
        if (System.getProperty(LOG_LEVEL_PROPERTY) == null) {
            System.setProperty(LOG_LEVEL_PROPERTY, Arrays.asList(args).contains("--verbose") ? "info" : "warn");
        }
        System.exit(execute(StandardStreams.system(), args));
    }

    /** Runs {@code runnel ARGS...} with the given streams and returns its exit code; never calls {@code exit}. */
    public static int execute(StandardStreams io, String... args) {
        return commandLine(io).execute(args);
    }

    static CommandLine commandLine(StandardStreams io) {
        CommandLine perf = new CommandLine(new PerfCommand())
            .addSubcommand(new ProducerPerformance(io))
            .addSubcommand(new ConsumerPerformance(io));
        PerfExtensions.load(io).forEach(perf::addSubcommand);
        CommandLine runnel = new CommandLine(new Runnel())
            .addSubcommand(new TopicsCommand(io))
            .addSubcommand(new ProduceCommand(io))
            .addSubcommand(new ConsumeCommand(io))
            .addSubcommand(new GroupsCommand(io))
            .addSubcommand(new StreamsResetCommand(io))
            .addSubcommand(perf)
            .addSubcommand(new TourCommand(io));
        runnel.setOut(writer(io.out()));
        runnel.setErr(writer(io.err()));
        runnel.setParameterExceptionHandler(Runnel::handleUsageError);
        runnel.setExecutionExceptionHandler((error, commandLine, parseResult) ->
            handleFailure(error, commandLine, io.err()));
        return runnel;
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: give one of "
            + String.join(", ", spec.subcommands().keySet()));
    }

    private static int handleUsageError(ParameterException error, String[] args) {
        CommandLine commandLine = error.getCommandLine();
        PrintWriter err = commandLine.getErr();
        String message = error.getMessage();
        message = message.startsWith("Error: ") ? message.substring("Error: ".length()) : message;
        err.println("runnel: " + message + "; see '" + commandLine.getCommandSpec().qualifiedName()
            + " --help'");
        if (isVerbose(commandLine)) {
            error.printStackTrace(err);
        }
        err.flush();
        return CommandLine.ExitCode.USAGE;
    }

    private static int handleFailure(Exception error, CommandLine commandLine, PrintStream err) {
        Throwable cause = error instanceof ExecutionException && error.getCause() != null ? error.getCause() : error;
        err.println("runnel: " + describe(cause));
        if (isVerbose(commandLine)) {
            cause.printStackTrace(err);
        }
        err.flush();
        return CommandLine.ExitCode.SOFTWARE;
    }

    /** The user-facing line for a failure: Runnel's own messages say what to fix; anything else is a bug. */
    static String describe(Throwable error) {
        if (error instanceof CommandFailedException || error instanceof KafkaException) {
            return error.getMessage();
        }
        return "internal error: " + error + "; rerun with --verbose for the stack trace and please report it";
    }

    private static boolean isVerbose(CommandLine commandLine) {
        return commandLine.getCommand() instanceof RunnelCommand command && command.verbose;
    }

    /** {@code runnel perf}: only a parent for its load generators. */
    @Command(name = "perf", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "produce|consume",
        description = "Load generators with throughput and latency reports, like Kafka's perf-test tools.")
    static final class PerfCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            throw new ParameterException(spec.commandLine(), "Missing command: give produce or consume");
        }
    }
}
