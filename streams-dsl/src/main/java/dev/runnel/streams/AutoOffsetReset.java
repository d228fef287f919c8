package dev.runnel.streams;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a source starts reading a partition that has no committed offset (or whose committed offset has left the
 * log): per topic through {@link dev.runnel.streams.kstream.Consumed#withOffsetResetPolicy(AutoOffsetReset)} or
 * {@link Topology#addSource(AutoOffsetReset, String, String...)}, overriding the {@code auto.offset.reset} config.
 * {@link #byDuration} starts at the first record no older than the duration; {@link #none} stops the application
 * with an error instead. Immutable.
 */
public class AutoOffsetReset {
    /** The kinds of policy. */
    protected enum StrategyType {
        NONE, EARLIEST, LATEST, BY_DURATION
    }

    /** This policy's kind. */
    protected final StrategyType type;
    /** The look-back of {@link StrategyType#BY_DURATION}; empty for the others. */
    protected final Optional<Long> duration;

    /** Creates a policy. */
    protected AutoOffsetReset(StrategyType type, Optional<Long> duration) {
        this.type = Objects.requireNonNull(type, "type");
        this.duration = Objects.requireNonNull(duration, "duration");
    }

    /** Creates a copy of {@code policy}. */
    protected AutoOffsetReset(AutoOffsetReset policy) {
        this(policy.type, policy.duration);
    }

    /** No reset: a partition without a valid committed offset stops the application with an error. */
    public static AutoOffsetReset none() {
        return new AutoOffsetReset(StrategyType.NONE, Optional.empty());
    }

    /** Starts at the oldest record in the partition. */
    public static AutoOffsetReset earliest() {
        return new AutoOffsetReset(StrategyType.EARLIEST, Optional.empty());
    }

    /** Starts after the newest record: only records written from now on are read. */
    public static AutoOffsetReset latest() {
        return new AutoOffsetReset(StrategyType.LATEST, Optional.empty());
    }

    /**
     * Starts at the first record whose timestamp is at most {@code duration} before the reset (the log end if there
     * is none).
     *
     * @throws IllegalArgumentException if {@code duration} is negative
     */
    public static AutoOffsetReset byDuration(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("Duration must not be negative: " + duration);
        }
        return new AutoOffsetReset(StrategyType.BY_DURATION, Optional.of(duration.toMillis()));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AutoOffsetReset that && type == that.type && duration.equals(that.duration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, duration);
    }

    @Override
    public String toString() {
        return duration.map(ms -> "by_duration:" + Duration.ofMillis(ms)).orElse(type.name().toLowerCase(
            java.util.Locale.ROOT));
    }
}
