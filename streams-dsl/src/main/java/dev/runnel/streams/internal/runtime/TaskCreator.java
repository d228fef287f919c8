package dev.runnel.streams.internal.runtime;

import dev.runnel.common.TopicPartition;
import dev.runnel.common.utils.Time;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.errors.StreamsException;
import dev.runnel.streams.internal.graph.InternalTopologyBuilder;
import dev.runnel.streams.internal.metrics.StreamsMetricsRegistry;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.TaskId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the parts of a stream thread's tasks, active and standby alike: the processor topology, the record
 * collector, the changelogs and the checkpoint of a task id; and closes the tasks, which hold claims on their
 * directories meanwhile (see {@link TaskDirectoryClaims}). Not thread-safe; owned by one stream thread (the shared
 * topology builder is locked while a sub-topology is built).
 */
final class TaskCreator {
    private static final Logger LOG = LoggerFactory.getLogger(TaskCreator.class);

    private final TopologyMetadata metadata;
    private final InternalTopologyBuilder builder;
    private final StreamsConfig config;
    private final Time time;
    private final StreamsProducer producer;
    private final StreamsMetricsRegistry metrics;
    private final Function<String, StateStore> globalStores;
    private final Path stateDir;
    /** The directory claims of the tasks created and not closed yet. */
    private final Map<StreamTask, TaskDirectoryClaims.Claim> directoryClaims = new IdentityHashMap<>();

    TaskCreator(TopologyMetadata metadata, InternalTopologyBuilder builder, StreamsConfig config, Time time,
        StreamsProducer producer, StreamsMetricsRegistry metrics, Function<String, StateStore> globalStores) {
        this.metadata = metadata;
        this.builder = builder;
        this.config = config;
        this.time = time;
        this.producer = producer;
        this.metrics = metrics;
        this.globalStores = globalStores;
        this.stateDir = Path.of(config.getString(StreamsConfig.STATE_DIR_CONFIG), metadata.applicationId());
    }

    /** Returns the task of an input partition. */
    TaskId taskFor(TopicPartition partition) {
        return metadata.taskFor(partition);
    }

    /** Returns the changelog partition (or, for a read-only store, the source partition) of each logged store. */
    Map<String, TopicPartition> changelogsOf(TaskId id) {
        return metadata.changelogsOf(id);
    }

    /**
     * Returns the changelogs (of {@code changelogs}, the task's) that are source partitions of the task: those of
     * read-only stores and of source tables reusing their topic.
     */
    Set<TopicPartition> sourceChangelogsOf(TaskId id, Map<String, TopicPartition> changelogs) {
        Set<TopicPartition> sources = new HashSet<>(changelogs.values());
        sources.retainAll(inputPartitionsOf(id));
        return sources;
    }

    /** Returns the partitions of a task's named source topics. */
    Set<TopicPartition> inputPartitionsOf(TaskId id) {
        Set<TopicPartition> partitions = new HashSet<>();
        for (String topic : metadata.subtopologies().get(id.subtopology()).sourceTopics()) {
            partitions.add(new TopicPartition(topic, id.partition()));
        }
        return partitions;
    }

    /** Creates the collector of a task's outputs, which tells its changelog writes apart. */
    RecordCollectorImpl newCollector(TaskId id, Map<String, TopicPartition> changelogs) {
        Set<String> changelogTopics = new HashSet<>();
        changelogs.values().forEach(tp -> changelogTopics.add(tp.topic()));
        return new RecordCollectorImpl(id, producer, config.productionExceptionHandler(), changelogTopics);
    }

    /**
     * Creates a task over a fresh copy of its sub-topology, claiming its directory until {@link #closeQuietly} closes
     * it, and creating the directory if the task has stores, as Kafka Streams does; its stores are not initialized
     * yet.
     *
     * @throws StreamsException if the directory cannot be created
     */
    StreamTask newStreamTask(TaskId id, RecordCollectorImpl collector) {
        ProcessorTopology topology;
        synchronized (builder) {
            topology = builder.buildSubtopology(id.subtopology());
        }
        StreamTask task = new StreamTask(id, topology, config, time, collector, globalStores,
            metrics.streamsMetrics());
        Path directory = directoryOf(id);
        directoryClaims.put(task, TaskDirectoryClaims.claim(directory));
        if (!topology.storeBuilders().isEmpty()) {
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                closeAndRelease(task);
                throw new StreamsException("Could not create the state directory " + directory + ": " + e, e, id);
            }
        }
        return task;
    }

    private Path directoryOf(TaskId id) {
        return stateDir.resolve(id.toString());
    }

    /** Returns the checkpoint of a task, in its directory under {@code <state.dir>/<application.id>}. */
    StateCheckpoint checkpointOf(TaskId id) {
        return new StateCheckpoint(directoryOf(id));
    }

    /**
     * Closes a task run by thread {@code threadId}, logging rather than throwing a failure, releases its directory to
     * the cleaner and removes its metrics (its stores' and nodes' too, which they added at init).
     */
    void closeQuietly(StreamTask task, String threadId) {
        closeAndRelease(task);
        metrics.removeAll(Map.of("thread-id", threadId, "task-id", task.id().toString()));
    }

    /** Closes a task, logging rather than throwing a failure, and releases its directory to the cleaner. */
    private void closeAndRelease(StreamTask task) {
        try {
            task.close();
        } catch (RuntimeException e) {
            LOG.warn("Error closing task {}: {}", task.id(), e.toString());
        } finally {
            TaskDirectoryClaims.Claim claim = directoryClaims.remove(task);
            if (claim != null) {
                claim.close();
            }
        }
    }
}
