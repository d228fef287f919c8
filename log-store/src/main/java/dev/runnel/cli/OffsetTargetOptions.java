package dev.runnel.cli;

import picocli.CommandLine.Option;

/**
 * The options that choose an {@link OffsetTarget}, as Kafka's reset tools name them; at most one may be given. Not
 * thread-safe; parsed once.
 */
final class OffsetTargetOptions {
    static final String ALL = "--to-earliest, --to-latest, --to-offset, --to-datetime, --by-duration and --shift-by";

    @Option(names = "--to-earliest", description = "Move to the earliest offset still in the log.")
    boolean toEarliest;

    @Option(names = "--to-latest", description = "Move to the log end offset: skip everything.")
    boolean toLatest;

    @Option(names = "--to-offset", paramLabel = "N", description = "Move to offset N (kept inside the log).")
    Long toOffset;

    @Option(names = "--to-datetime", paramLabel = "DATETIME",
        description = "Move to the first record at or after " + OffsetTarget.DATETIME_FORMAT
            + " (local time without a zone).")
    String toDatetime;

    @Option(names = "--by-duration", paramLabel = "DURATION",
        description = "Move to the first record at or after this long ago (PnDTnHnMnS, e.g. PT1H30M).")
    String byDuration;

    @Option(names = "--shift-by", paramLabel = "N",
        description = "Move the committed offset by N, back if negative (kept inside the log).")
    Long shiftBy;

    /** Returns how many of the options were given. */
    int given() {
        return (toEarliest ? 1 : 0) + (toLatest ? 1 : 0) + (toOffset != null ? 1 : 0) + (toDatetime != null ? 1 : 0)
            + (byDuration != null ? 1 : 0) + (shiftBy != null ? 1 : 0);
    }

    /** Returns the target given, or {@code otherwise} if none was; {@code command} reports bad values. */
    OffsetTarget target(RunnelCommand command, OffsetTarget otherwise) {
        if (given() > 1) {
            throw command.usageError("give only one of " + ALL);
        }
        return toEarliest ? OffsetTarget.earliest()
            : toLatest ? OffsetTarget.latest()
            : toOffset != null ? OffsetTarget.offset(command, toOffset)
            : toDatetime != null ? OffsetTarget.datetime(command, toDatetime)
            : byDuration != null ? OffsetTarget.duration(command, byDuration)
            : shiftBy != null ? OffsetTarget.shift(shiftBy)
            : otherwise;
    }
}
