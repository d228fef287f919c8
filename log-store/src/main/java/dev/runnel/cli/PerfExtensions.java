package dev.runnel.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code runnel perf} subcommands from modules on the class path that log-store cannot depend on (streams-dsl's
 * {@code perf streams}). A module lists them in {@code META-INF/runnel/perf-commands.properties}: {@code NAME=CLASS}
 * and {@code NAME.description=TEXT}; the class has {@code public static int run(String[] args, PrintStream out)}.
 * Nothing is linked at compile time, so the module graph keeps pointing one way; the launcher puts the module on the
 * class path.
 */
final class PerfExtensions {
    static final String RESOURCE = "META-INF/runnel/perf-commands.properties";

    private PerfExtensions() {
    }

    /** Returns the subcommands found on the class path, by name. */
    static Map<String, CommandLine> load(StandardStreams io) {
        Map<String, CommandLine> commands = new TreeMap<>();
        try {
            Enumeration<URL> resources = PerfExtensions.class.getClassLoader().getResources(RESOURCE);
            while (resources.hasMoreElements()) {
                Properties properties = new Properties();
                try (InputStream in = resources.nextElement().openStream()) {
                    properties.load(in);
                }
                for (String name : properties.stringPropertyNames()) {
                    if (!name.contains(".")) {
                        CommandLine command = new CommandLine(new ExtensionCommand(properties.getProperty(name), io));
                        command.getCommandSpec().usageMessage().description(
                            properties.getProperty(name + ".description", "runnel perf " + name));
                        commands.put(name, command);
                    }
                }
            }
        } catch (IOException e) {
            throw new CommandFailedException("Cannot read " + RESOURCE + ": " + e.getMessage());
        }
        return commands;
    }

    /** Passes every argument to the extension's {@code run(String[], PrintStream)}. */
    @Command(mixinStandardHelpOptions = false)
    static final class ExtensionCommand implements Callable<Integer> {
        private final String className;
        private final StandardStreams io;
        @Unmatched
        List<String> args = new ArrayList<>();
        @Spec
        CommandSpec spec;

        ExtensionCommand(String className, StandardStreams io) {
            this.className = className;
            this.io = io;
        }

        @Override
        public Integer call() throws Exception {
            if (args.contains("--help") || args.contains("-h")) {
                spec.commandLine().usage(io.out());
                return 0;
            }
            MethodHandle run;
            try {
                Class<?> type = Class.forName(className.trim(), true, PerfExtensions.class.getClassLoader());
                run = MethodHandles.publicLookup().findStatic(type, "run",
                    MethodType.methodType(int.class, String[].class, PrintStream.class));
            } catch (ReflectiveOperationException e) {
                throw new CommandFailedException("Cannot run " + className + ": " + e);
            }
            try {
                return (int) run.invoke(args.toArray(new String[0]), io.out());
            } catch (IllegalArgumentException e) {
                throw new CommandFailedException(e.getMessage());
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
