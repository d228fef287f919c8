package dev.runnel.cli;

import static dev.runnel.cli.TopicsCommand.await;

import dev.runnel.clients.admin.Admin;
import dev.runnel.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import dev.runnel.clients.admin.OffsetSpec;
import dev.runnel.clients.consumer.OffsetAndMetadata;
import dev.runnel.common.TopicPartition;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where an offset reset moves a group's partitions, as the reset options of Kafka's tools name it: the earliest or
 * latest offset, an offset, the first record at or after a time (a date and time, or a duration before now), or a shift
 * of the committed offset. New offsets are kept inside the log's start and end offsets, as Kafka does. Immutable.
 */
final class OffsetTarget {
    static final String DATETIME_FORMAT = "YYYY-MM-DDTHH:mm:SS.sss[Z|±HH:MM]";
    /** Kafka's accepted forms: milliseconds optional, an offset or Z optional (local time without one). */
    private static final DateTimeFormatter DATETIME = new DateTimeFormatterBuilder()
        .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
        .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
        .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
        .toFormatter();

    private enum Kind { EARLIEST, LATEST, OFFSET, TIME, SHIFT }

    private final Kind kind;
    /** The offset, the time in epoch ms or the shift, by kind. */
    private final long value;

    private OffsetTarget(Kind kind, long value) {
        this.kind = kind;
        this.value = value;
    }

    static OffsetTarget earliest() {
        return new OffsetTarget(Kind.EARLIEST, 0);
    }

    static OffsetTarget latest() {
        return new OffsetTarget(Kind.LATEST, 0);
    }

    /** Offset {@code offset}, which must not be negative. */
    static OffsetTarget offset(RunnelCommand command, long offset) {
        if (offset < 0) {
            throw command.usageError("--to-offset must not be negative, got " + offset);
        }
        return new OffsetTarget(Kind.OFFSET, offset);
    }

    /** The first record at or after {@code text}, a date and time in {@link #DATETIME_FORMAT}. */
    static OffsetTarget datetime(RunnelCommand command, String text) {
        try {
            TemporalAccessor parsed = DATETIME.parse(text);
            long ms = parsed.isSupported(ChronoField.OFFSET_SECONDS)
                ? OffsetDateTime.from(parsed).toInstant().toEpochMilli()
                : LocalDateTime.from(parsed).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
            return new OffsetTarget(Kind.TIME, ms);
        } catch (DateTimeParseException e) {
            throw command.usageError("--to-datetime '" + text + "' is not a date and time; expected "
                + DATETIME_FORMAT + ", e.g. 2024-05-01T09:30:00.000Z or 2024-05-01T11:30:00.000+02:00");
        }
    }

    /** The first record at or after {@code text}, an ISO-8601 duration such as {@code PT1H30M}, before now. */
    static OffsetTarget duration(RunnelCommand command, String text) {
        try {
            Duration duration = Duration.parse(text);
            if (duration.isNegative()) {
                throw command.usageError("--by-duration '" + text + "' is negative; give how long ago, e.g. PT1H");
            }
            return new OffsetTarget(Kind.TIME, System.currentTimeMillis() - duration.toMillis());
        } catch (DateTimeParseException e) {
            throw command.usageError("--by-duration '" + text + "' is not a duration; expected PnDTnHnMnS, e.g."
                + " P1D or PT1H30M");
        }
    }

    /** The committed offset moved by {@code shift}, back if negative. */
    static OffsetTarget shift(long shift) {
        return new OffsetTarget(Kind.SHIFT, shift);
    }

    /**
     * Returns the new offset of each of {@code partitions}; a shift needs {@code group}'s {@code committed} offset of
     * each partition.
     */
    Map<TopicPartition, Long> newOffsets(Admin admin, String group, Set<TopicPartition> partitions,
                                         Map<TopicPartition, OffsetAndMetadata> committed)
        throws InterruptedException {
        Map<TopicPartition, Long> earliest = offsets(admin, partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> latest = offsets(admin, partitions, OffsetSpec.latest());
        Map<TopicPartition, Long> atTime = kind == Kind.TIME
            ? offsets(admin, partitions, OffsetSpec.forTimestamp(value)) : Map.of();
        Map<TopicPartition, Long> result = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            long start = earliest.get(tp);
            long end = latest.get(tp);
            long target = switch (kind) {
                case EARLIEST -> start;
                case LATEST -> end;
                case OFFSET -> value;
                // No record at or after the time: Kafka moves to the end.
                case TIME -> atTime.get(tp) < 0 ? end : atTime.get(tp);
                case SHIFT -> shifted(group, tp, committed.get(tp));
            };
            result.put(tp, Math.max(start, Math.min(end, target)));
        }
        return result;
    }

    private long shifted(String group, TopicPartition tp, OffsetAndMetadata current) {
        if (current == null) {
            throw new CommandFailedException("Cannot shift partition " + tp + " of group '" + group + "': the group"
                + " has no committed offset there; use --to-earliest, --to-latest or --to-offset");
        }
        return current.offset() + value;
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, Set<TopicPartition> partitions, OffsetSpec spec)
        throws InterruptedException {
        Map<TopicPartition, OffsetSpec> specs = new LinkedHashMap<>();
        partitions.forEach(tp -> specs.put(tp, spec));
        Map<TopicPartition, Long> result = new LinkedHashMap<>();
        Map<TopicPartition, ListOffsetsResultInfo> infos = await(admin.listOffsets(specs).all());
        infos.forEach((tp, info) -> result.put(tp, info.offset()));
        return result;
    }
}
