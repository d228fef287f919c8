package dev.runnel.streams.internal.runtime;

import dev.runnel.clients.consumer.Consumer;
import dev.runnel.clients.consumer.OffsetAndTimestamp;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.utils.Time;
import dev.runnel.streams.AutoOffsetReset;
import dev.runnel.streams.errors.StreamsException;
import dev.runnel.streams.internal.graph.InternalTopologyBuilder;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Positions a stream thread's partitions that have no valid committed offset, as Kafka Streams does: its main consumer
 * runs with {@code auto.offset.reset=none}, and each partition it reports starts as its source's own policy says
 * ({@code Consumed#withOffsetResetPolicy}), internal topics at the earliest offset, and other topics as the
 * application's {@code auto.offset.reset} says.
 */
final class OffsetResetter {
    private final InternalTopologyBuilder builder;
    private final AutoOffsetReset configured;
    private final Time time;

    /** {@code autoOffsetReset} is the application's config: earliest, latest, none or by_duration:ISO-8601. */
    OffsetResetter(InternalTopologyBuilder builder, String autoOffsetReset, Time time) {
        this.builder = builder;
        this.configured = parse(autoOffsetReset);
        this.time = time;
    }

    private static AutoOffsetReset parse(String autoOffsetReset) {
        String value = autoOffsetReset.trim().toLowerCase(Locale.ROOT);
        String byDuration = "by_duration:";
        if (value.startsWith(byDuration)) {
            return AutoOffsetReset.byDuration(Duration.parse(autoOffsetReset.trim().substring(byDuration.length())));
        }
        return switch (value) {
            case "earliest" -> AutoOffsetReset.earliest();
            case "latest" -> AutoOffsetReset.latest();
            case "none" -> AutoOffsetReset.none();
            default -> throw new IllegalArgumentException("Invalid value " + autoOffsetReset
                + " for configuration auto.offset.reset: give earliest, latest, none or by_duration:<ISO-8601>");
        };
    }

    /** Seeks each of {@code partitions}; throws {@link StreamsException} for one whose policy is none. */
    void reset(Consumer<byte[], byte[]> consumer, Set<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            Policy policy = new Policy(builder.offsetResetPolicy(tp.topic()).orElse(configured));
            switch (policy.kind()) {
                case "EARLIEST" -> consumer.seekToBeginning(List.of(tp));
                case "LATEST" -> consumer.seekToEnd(List.of(tp));
                case "BY_DURATION" -> seekByDuration(consumer, tp, policy.durationMs());
                case "NONE" -> throw new StreamsException("No valid committed offset found for input topic "
                    + tp.topic() + " (partition " + tp.partition() + ") and no valid reset policy configured. You "
                    + "need to set configuration parameter \"auto.offset.reset\" or specify a topic specific reset "
                    + "policy via StreamsBuilder#stream(..., Consumed.with(AutoOffsetReset)) or "
                    + "StreamsBuilder#table(..., Consumed.with(AutoOffsetReset))");
                default -> throw new IllegalStateException("Unknown reset policy " + policy);
            }
        }
    }

    /**
     * Moves each of {@code partitions} back to its committed offset (or where its reset policy says, if none was
     * committed), dropping what was fetched past it: the thread's tasks on them were closed dirty, so their records
     * since the last commit must be processed again. The consumer keeps its positions over a cooperative rebalance;
     * Kafka Streams gets the same effect by unsubscribing.
     */
    void rewindToCommitted(Consumer<byte[], byte[]> consumer, Set<TopicPartition> partitions) {
        Set<TopicPartition> uncommitted = new HashSet<>();
        consumer.committed(partitions).forEach((tp, committed) -> {
            if (committed == null) {
                uncommitted.add(tp);
            } else {
                consumer.seek(tp, committed);
            }
        });
        reset(consumer, uncommitted);
    }

    private void seekByDuration(Consumer<byte[], byte[]> consumer, TopicPartition tp, long durationMs) {
        long since = Math.max(0, time.milliseconds() - durationMs);
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(Map.of(tp, since));
        OffsetAndTimestamp first = found.get(tp);
        if (first == null) {
            consumer.seekToEnd(List.of(tp));
        } else {
            consumer.seek(tp, first.offset());
        }
    }

    /** A policy's kind and duration, which {@link AutoOffsetReset} keeps for the runtime. */
    private static final class Policy extends AutoOffsetReset {
        Policy(AutoOffsetReset policy) {
            super(policy);
        }

        /** Returns the kind's name: the kinds themselves are hidden from the public API. */
        String kind() {
            return type.name();
        }

        long durationMs() {
            return duration.orElseThrow();
        }
    }
}
