package dev.runnel.streams.internal.runtime;

import dev.runnel.clients.consumer.OffsetAndMetadata;
import dev.runnel.common.TopicPartition;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the group's committed offsets of a task's input partitions: with their metadata, for the partition times and
 * processor metadata a created task resumes; and of those that serve as store changelogs (read-only stores, source
 * tables reusing their topic), where restoring or updating such a store stops, as in Kafka Streams, since the active
 * task processes the records after it. Each read asks the group coordinator, so callers read at task creations,
 * rebalances and commits, never per record.
 */
final class CommittedOffsets {
    private final Function<Set<TopicPartition>, Map<TopicPartition, OffsetAndMetadata>> reader;

    /** {@code reader} reads committed offsets with the stream thread's consumer. */
    CommittedOffsets(Function<Set<TopicPartition>, Map<TopicPartition, OffsetAndMetadata>> reader) {
        this.reader = reader;
    }

    /** Returns the committed offset and metadata of {@code partitions}; none, or null, for those without one. */
    Map<TopicPartition, OffsetAndMetadata> readWithMetadata(Set<TopicPartition> partitions) {
        return partitions.isEmpty() ? Map.of() : reader.apply(partitions);
    }

    /** Returns the committed offset of each of {@code partitions}, 0 for those without one (none was processed). */
    Map<TopicPartition, Long> read(Set<TopicPartition> partitions) {
        return offsetsOf(partitions, readWithMetadata(partitions));
    }

    /** Returns the offset of each of {@code partitions} in {@code committed}, 0 for those without one. */
    static Map<TopicPartition, Long> offsetsOf(Set<TopicPartition> partitions,
                                               Map<TopicPartition, OffsetAndMetadata> committed) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata offset = committed.get(tp);
            offsets.put(tp, offset == null ? 0L : offset.offset());
        }
        return offsets;
    }
}
