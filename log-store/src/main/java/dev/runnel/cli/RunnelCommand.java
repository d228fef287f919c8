package dev.runnel.cli;

import dev.runnel.log.RunnelLogConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options every subcommand takes, and the streams it uses. A command returns its exit code; it reports bad input by
 * throwing {@link #usageError} (exit 2) and a failure the user can fix by throwing {@link CommandFailedException}
 * (exit 1). Not thread-safe; one instance runs once.
 */
abstract class RunnelCommand implements Callable<Integer> {
    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "./runnel-data",
        description = "Data folder (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--verbose", description = "Print the stack trace of an error.")
    boolean verbose;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    final StandardStreams io;

    RunnelCommand(StandardStreams io) {
        this.io = io;
    }

    /** A client config map that points at {@code --data-dir}. */
    Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(RunnelLogConfig.LOG_DIR_CONFIG, dataDir.toString());
        return config;
    }

    ParameterException usageError(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
