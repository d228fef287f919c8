package dev.runnel.streams.internal.assignment;

import dev.runnel.common.TopicPartition;
import dev.runnel.streams.processor.TaskId;
import dev.runnel.streams.processor.assignment.TaskInfo;
import dev.runnel.streams.processor.assignment.TaskTopicPartition;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** A task as assignors see it. Immutable. */
record TaskInfoImpl(TaskId id, Set<String> stateStoreNames, Set<TaskTopicPartition> topicPartitions)
    implements TaskInfo {
    TaskInfoImpl {
        Objects.requireNonNull(id, "id");
        stateStoreNames = Set.copyOf(stateStoreNames);
        topicPartitions = Set.copyOf(topicPartitions);
    }

    /**
     * Returns the task reading {@code sources} whose stores restore from {@code changelogs} (by store); a source
     * partition serving as a changelog is one partition that is both.
     */
    static TaskInfoImpl of(TaskId id, Collection<TopicPartition> sources, Map<String, TopicPartition> changelogs) {
        Set<TopicPartition> changelogPartitions = new LinkedHashSet<>(changelogs.values());
        Map<TopicPartition, TaskTopicPartition> partitions = new LinkedHashMap<>();
        for (TopicPartition source : sources) {
            partitions.put(source, new TaskTopicPartitionImpl(source, true, changelogPartitions.contains(source)));
        }
        for (TopicPartition changelog : changelogPartitions) {
            partitions.putIfAbsent(changelog, new TaskTopicPartitionImpl(changelog, false, true));
        }
        return new TaskInfoImpl(id, changelogs.keySet(), new LinkedHashSet<>(partitions.values()));
    }

    /** Returns the task's changelog partitions. */
    Set<TopicPartition> changelogPartitions() {
        Set<TopicPartition> changelogs = new LinkedHashSet<>();
        topicPartitions.stream().filter(TaskTopicPartition::isChangelog)
            .forEach(partition -> changelogs.add(partition.topicPartition()));
        return changelogs;
    }

    @Override
    public boolean isStateful() {
        return !stateStoreNames.isEmpty();
    }
}
