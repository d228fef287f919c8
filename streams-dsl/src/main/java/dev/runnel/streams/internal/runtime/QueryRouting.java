package dev.runnel.streams.internal.runtime;

import dev.runnel.common.TopicPartition;
import dev.runnel.common.serialization.Serializer;
import dev.runnel.common.utils.Utils;
import dev.runnel.streams.KeyQueryMetadata;
import dev.runnel.streams.StreamsMetadata;
import dev.runnel.streams.processor.TaskId;
import dev.runnel.streams.state.HostInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Where an application's stores and keys are served, for interactive queries across its instances: each instance
 * with an {@code application.server}, the tasks it runs and the tasks it keeps standby copies of. The instances of
 * one application share a log, so they all live in this process.
 */
public final class QueryRouting {
    /** An instance: where it serves, its active tasks and its standby tasks. */
    public record Instance(HostInfo host, Set<TaskId> activeTasks, Set<TaskId> standbyTasks) {
    }

    private record Metadata(HostInfo hostInfo, Set<String> stateStoreNames, Set<TopicPartition> topicPartitions,
        Set<String> standbyStateStoreNames, Set<TopicPartition> standbyTopicPartitions) implements StreamsMetadata {
        @Override
        public String host() {
            return hostInfo.host();
        }

        @Override
        public int port() {
            return hostInfo.port();
        }
    }

    private final TopologyMetadata topology;
    private final Map<String, Integer> storeSubtopologies;
    private final Supplier<Collection<Instance>> instances;

    /**
     * Creates the routing of a topology's stores, given the sub-topology of each store and {@code instances}, which
     * returns the application's instances as they are now (called on every lookup).
     */
    public QueryRouting(TopologyMetadata topology, Map<String, Integer> storeSubtopologies,
        Supplier<Collection<Instance>> instances) {
        this.topology = topology;
        this.storeSubtopologies = Map.copyOf(storeSubtopologies);
        this.instances = instances;
    }

    /** Returns the metadata of each instance that has an {@code application.server}. */
    public Collection<StreamsMetadata> all() {
        List<StreamsMetadata> all = new ArrayList<>();
        for (Instance instance : instances.get()) {
            if (instance.host() == null) {
                continue;
            }
            Set<String> stores = new HashSet<>();
            Set<TopicPartition> partitions = new HashSet<>();
            addTasks(instance.activeTasks(), stores, partitions);
            Set<String> standbyStores = new HashSet<>();
            Set<TopicPartition> standbyPartitions = new HashSet<>();
            addTasks(instance.standbyTasks(), standbyStores, standbyPartitions);
            all.add(new Metadata(instance.host(), Set.copyOf(stores), Set.copyOf(partitions),
                Set.copyOf(standbyStores), Set.copyOf(standbyPartitions)));
        }
        return all;
    }

    /** Adds the stores and the input partitions of {@code tasks}. */
    private void addTasks(Set<TaskId> tasks, Set<String> stores, Set<TopicPartition> partitions) {
        for (TaskId task : tasks) {
            storeSubtopologies.forEach((store, subtopology) -> {
                if (subtopology == task.subtopology()) {
                    stores.add(store);
                }
            });
            for (String topic : topology.sourceTopics(task.subtopology())) {
                partitions.add(new TopicPartition(topic, task.partition()));
            }
        }
    }

    /**
     * Returns the metadata of each instance that has an {@code application.server} and hosts {@code store}, in an
     * active or a standby task, as Kafka Streams does.
     */
    public Collection<StreamsMetadata> forStore(String store) {
        return all().stream().filter(meta -> meta.stateStoreNames().contains(store)
            || meta.standbyStateStoreNames().contains(store)).toList();
    }

    /** Picks a key's partition of a store, given the store's source topic and its partition count. */
    @FunctionalInterface
    public interface PartitionChooser {
        int partition(String topic, int partitionCount);
    }

    /** Returns the chooser of the default partitioner: the murmur2 hash of the key serialized for the topic. */
    public static <K> PartitionChooser byDefaultPartitioner(K key, Serializer<K> keySerializer) {
        return (topic, count) -> Utils.toPositive(Utils.murmur2(keySerializer.serialize(topic, key))) % count;
    }

    /**
     * Returns the instance whose task holds the key of {@code store}, in the partition {@code chooser} picks, and the
     * instances with a standby of that task; {@link KeyQueryMetadata#NOT_AVAILABLE} if there are none. The chooser is
     * given the store's source topic with the most partitions, as in Kafka Streams. With standbys but no active task
     * (during a rebalance) the active host is {@link HostInfo#unavailable()}, as in Kafka Streams.
     */
    public KeyQueryMetadata forKey(String store, PartitionChooser chooser) {
        Integer subtopology = storeSubtopologies.get(store);
        if (subtopology == null) {
            return KeyQueryMetadata.NOT_AVAILABLE;
        }
        String topic = null;
        int count = -1;
        for (String source : topology.sourceTopics(subtopology)) {
            int partitions = topology.partitionCounts().getOrDefault(source, -1);
            if (partitions > count) {
                topic = source;
                count = partitions;
            }
        }
        if (count <= 0) {
            return KeyQueryMetadata.NOT_AVAILABLE;
        }
        int partition = chooser.partition(topic, count);
        TaskId task = new TaskId(subtopology, partition);
        HostInfo activeHost = null;
        Set<HostInfo> standbyHosts = new HashSet<>();
        for (Instance instance : instances.get()) {
            if (instance.host() == null) {
                continue;
            }
            if (instance.activeTasks().contains(task)) {
                activeHost = instance.host();
            } else if (instance.standbyTasks().contains(task)) {
                standbyHosts.add(instance.host());
            }
        }
        if (activeHost == null && standbyHosts.isEmpty()) {
            return KeyQueryMetadata.NOT_AVAILABLE;
        }
        return new KeyQueryMetadata(activeHost == null ? HostInfo.unavailable() : activeHost, standbyHosts,
            partition);
    }
}
