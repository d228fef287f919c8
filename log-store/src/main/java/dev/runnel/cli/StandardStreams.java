package dev.runnel.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Objects;

/**
 * The streams a command reads and writes: the process's own in {@code main}, redirected ones in tests.
 *
 * @param in  lines to produce
 * @param out results: records, topic lists, reports
 * @param err errors and progress, one line each
 */
public record StandardStreams(InputStream in, PrintStream out, PrintStream err) {
    public StandardStreams {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }

    /** The process's stdin, stdout and stderr. */
    public static StandardStreams system() {
        return new StandardStreams(System.in, System.out, System.err);
    }
}
