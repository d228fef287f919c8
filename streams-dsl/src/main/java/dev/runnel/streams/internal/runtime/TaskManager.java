package dev.runnel.streams.internal.runtime;

import dev.runnel.clients.consumer.ConsumerRecords;
import dev.runnel.clients.consumer.KafkaConsumer;
import dev.runnel.clients.consumer.OffsetAndMetadata;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.utils.Bytes;
import dev.runnel.common.utils.Time;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.TaskMetadata;
import dev.runnel.streams.internal.graph.InternalTopologyBuilder;
import dev.runnel.streams.internal.metrics.StreamsMetricsRegistry;
import dev.runnel.streams.internal.state.MeteredKeyValueStore;
import dev.runnel.streams.internal.state.ThreadCache;
import dev.runnel.streams.processor.StandbyUpdateListener.SuspendReason;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.TaskId;
import dev.runnel.streams.state.KeyValueStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream thread's tasks: creates them (with restored state) for assigned partitions, feeds them polled records,
 * runs them, commits them and closes them clean (commit, then checkpoint) or dirty (no commit, no checkpoint).
 * Not thread-safe; owned by one stream thread. Its stores, active and standby, are read by interactive queries
 * through {@link #stores(String)}, {@link #storesByPartition(String)} and {@link #standbyStoresByPartition(String)},
 * whose task lists are replaced, never mutated.
 */
/*
 * Implementation notes: exactly-once commits. All tasks of a thread share one transactional producer. The first send
 * after a commit opens a transaction; a commit flushes every task's stores (the record caches send their dirty entries
 * downstream and to the changelogs), flushes the producer, adds every task's consumed offsets to the transaction with
 * the consumer's group metadata (so a member fenced by a newer generation cannot commit), and commits it. Outputs,
 * changelog writes and input offsets so become visible together to read_committed consumers, or not at all. A task
 * that fails, or is fenced, is closed dirty: the transaction is aborted and nothing is checkpointed, so its next
 * incarnation restores from the committed changelog (the previous checkpoint and snapshot, written only on a clean
 * close after a commit, describe committed state and stay valid). Under at-least-once a commit flushes, then commits
 * the offsets with commitSync: outputs may repeat after a crash, never go missing.
 */
final class TaskManager {
    private static final Logger LOG = LoggerFactory.getLogger(TaskManager.class);

    private final String threadId;
    private final TopologyMetadata metadata;
    private final InternalTopologyBuilder builder;
    private final StreamsConfig config;
    private final Time time;
    private final StreamsProducer producer;
    private final StateRestorer restorer;
    private final StreamsMetricsRegistry metrics;
    private final Path stateDir;
    private final Map<TaskId, ActiveTask> tasks = new TreeMap<>();
    private final Map<TopicPartition, ActiveTask> taskByPartition = new HashMap<>();
    private volatile List<ActiveTask> published = List.of();
    private final Map<TaskId, StandbyTask> standbys = new TreeMap<>();
    /** The standby tasks for interactive queries on stale stores; replaced, never mutated. */
    private volatile List<StreamTask> publishedStandbys = List.of();
    /** The standby tasks' metadata and store positions for other threads, refreshed as the standbys advance. */
    private volatile Set<TaskMetadata> standbyMetadata = Set.of();
    private volatile List<StoreChangelogPosition> standbyPositions = List.of();
    /** The tasks' metadata for other threads, refreshed on rebalances and commits (never per record). */
    private volatile Set<TaskMetadata> taskMetadata = Set.of();
    private final ThreadCache threadCache;
    private final Function<String, StateStore> globalStores;
    private boolean commitNeeded;

    /** A running task with what the runtime keeps beside it. */
    static final class ActiveTask {
        final StreamTask task;
        final RecordCollectorImpl collector;
        final StateCheckpoint checkpoint;
        final Map<String, TopicPartition> changelogs;
        final Map<TopicPartition, Long> restoredOffsets;
        final Set<TopicPartition> inputPartitions = new HashSet<>();
        /** The offsets this task committed, per input partition; none before its first commit. */
        final Map<TopicPartition, Long> committedOffsets = new HashMap<>();
        long processed;

        ActiveTask(StreamTask task, RecordCollectorImpl collector, StateCheckpoint checkpoint,
            Map<String, TopicPartition> changelogs, Map<TopicPartition, Long> restoredOffsets) {
            this.task = task;
            this.collector = collector;
            this.checkpoint = checkpoint;
            this.changelogs = changelogs;
            this.restoredOffsets = restoredOffsets;
        }
    }

    /**
     * A standby task: the stores of a task that another instance runs, kept up to date from their changelogs (see
     * {@link StandbyTasks}); its processors never run.
     */
    static final class StandbyTask {
        final StreamTask task;
        final StateCheckpoint checkpoint;
        final Map<String, TopicPartition> changelogs;
        /** The next changelog offset to apply, by changelog partition. */
        final Map<TopicPartition, Long> positions;
        final Map<TopicPartition, StateRestorer.StandbyStore> stores = new HashMap<>();
        Map<TopicPartition, Long> checkpointed = Map.of();

        StandbyTask(StreamTask task, StateCheckpoint checkpoint, Map<String, TopicPartition> changelogs,
            Map<TopicPartition, Long> positions) {
            this.task = task;
            this.checkpoint = checkpoint;
            this.changelogs = changelogs;
            this.positions = new LinkedHashMap<>(positions);
            changelogs.forEach((store, tp) -> stores.put(tp,
                new StateRestorer.StandbyStore(task.id(), store, task.restoreCallbacks().get(store))));
        }
    }

    TaskManager(String threadId, TopologyMetadata metadata, InternalTopologyBuilder builder, StreamsConfig config,
        Time time, StreamsProducer producer, StateRestorer restorer, StreamsMetricsRegistry metrics,
        Function<String, StateStore> globalStores) {
        this.globalStores = globalStores;
        this.threadId = threadId;
        this.metadata = metadata;
        this.builder = builder;
        this.config = config;
        this.time = time;
        this.producer = producer;
        this.restorer = restorer;
        this.metrics = metrics;
        this.stateDir = Path.of(config.getString(StreamsConfig.STATE_DIR_CONFIG), metadata.applicationId());
        long cacheBytes = config.getLong(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG)
            / config.getInt(StreamsConfig.NUM_STREAM_THREADS_CONFIG);
        this.threadCache = cacheBytes > 0 ? new ThreadCache(cacheBytes) : null;
    }

    /** Gives the thread's record cache a new budget; a cache switched off (0 bytes configured) stays off. */
    void resizeCache(long bytes) {
        if (threadCache != null) {
            threadCache.resize(bytes);
        }
    }

    /**
     * Applies a rebalance's outcome: closes the standby tasks no longer assigned (migrated) or now active (promoted),
     * checkpointing them, so an active task taking over here restores only the changelog's tail; creates the tasks
     * of newly assigned partitions, then the new standby tasks.
     */
    void handleAssignment(Collection<TopicPartition> assigned, Set<TaskId> standbyIds) {
        Set<TaskId> activeIds = new HashSet<>();
        assigned.forEach(tp -> activeIds.add(metadata.taskFor(tp)));
        Set<TaskId> keep = new HashSet<>(standbyIds);
        keep.removeAll(activeIds);
        List<TaskId> dropped = standbys.keySet().stream().filter(id -> !keep.contains(id)).toList();
        for (TaskId id : dropped) {
            closeStandby(standbys.remove(id), true,
                activeIds.contains(id) ? SuspendReason.PROMOTED : SuspendReason.MIGRATED);
        }
        createTasks(assigned);
        for (TaskId id : keep) {
            if (!standbys.containsKey(id) && !changelogsOf(id).isEmpty()) {
                standbys.put(id, createStandby(id));
            }
        }
        publishStandbys();
    }

    /** Creates, restores and initializes the tasks of newly assigned partitions. */
    void createTasks(Collection<TopicPartition> assigned) {
        Map<TaskId, List<TopicPartition>> byTask = new TreeMap<>();
        for (TopicPartition tp : assigned) {
            byTask.computeIfAbsent(metadata.taskFor(tp), id -> new ArrayList<>()).add(tp);
        }
        try {
            for (Map.Entry<TaskId, List<TopicPartition>> entry : byTask.entrySet()) {
                ActiveTask task = tasks.get(entry.getKey());
                if (task == null) {
                    task = createTask(entry.getKey());
                    tasks.put(entry.getKey(), task);
                }
                for (TopicPartition tp : entry.getValue()) {
                    taskByPartition.put(tp, task);
                    task.inputPartitions.add(tp);
                }
            }
            publish();
        } finally {
            // Only after publishing: a reader of storeChangelogPositions() never misses a restored store.
            restorer.forgetRestored();
        }
    }

    private Map<String, TopicPartition> changelogsOf(TaskId id) {
        TopologyMetadata.Subtopology subtopology = metadata.subtopologies().get(id.subtopology());
        Map<String, TopicPartition> changelogs = new LinkedHashMap<>();
        if (subtopology != null) {
            for (String store : subtopology.loggedStores().keySet()) {
                changelogs.put(store, new TopicPartition(metadata.changelogTopic(store), id.partition()));
            }
            // A read-only store restores from its source topic, partitioned like the task (KIP-813).
            subtopology.sourceChangelogs().forEach((store, topic) ->
                changelogs.put(store, new TopicPartition(topic, id.partition())));
        }
        return changelogs;
    }

    /** Returns the partitions of a task's named source topics (a standby reads none of them). */
    private Set<TopicPartition> inputPartitionsOf(TaskId id) {
        Set<TopicPartition> partitions = new HashSet<>();
        for (String topic : metadata.subtopologies().get(id.subtopology()).sourceTopics()) {
            partitions.add(new TopicPartition(topic, id.partition()));
        }
        return partitions;
    }

    private StreamTask newStreamTask(TaskId id, RecordCollectorImpl collector) {
        ProcessorTopology topology;
        synchronized (builder) {
            topology = builder.buildSubtopology(id.subtopology());
        }
        return new StreamTask(id, topology, config, time, collector, globalStores, metrics.streamsMetrics());
    }

    private RecordCollectorImpl newCollector(TaskId id, Map<String, TopicPartition> changelogs) {
        Set<String> changelogTopics = new HashSet<>();
        changelogs.values().forEach(tp -> changelogTopics.add(tp.topic()));
        return new RecordCollectorImpl(id, producer, config.productionExceptionHandler(), changelogTopics);
    }

    private StandbyTask createStandby(TaskId id) {
        Map<String, TopicPartition> changelogs = changelogsOf(id);
        // Without a thread cache a standby's stores take the restored records directly, as restoration does.
        StreamTask task = newStreamTask(id, newCollector(id, changelogs));
        StateCheckpoint checkpoint = new StateCheckpoint(stateDir.resolve(id.toString()));
        try {
            task.initializeStateStores();
            StandbyTask standby = new StandbyTask(task, checkpoint, changelogs,
                restorer.loadLocalState(task, changelogs, checkpoint));
            standby.checkpointed = Map.copyOf(standby.positions);
            LOG.info("Stream thread {} created standby task {} (from {})", threadId, id, standby.positions);
            return standby;
        } catch (RuntimeException e) {
            closeQuietly(task);
            throw e;
        }
    }

    private ActiveTask createTask(TaskId id) {
        Map<String, TopicPartition> changelogs = changelogsOf(id);
        RecordCollectorImpl collector = newCollector(id, changelogs);
        StreamTask task = newStreamTask(id, collector);
        StateCheckpoint checkpoint = new StateCheckpoint(stateDir.resolve(id.toString()));
        task.setThreadCache(threadCache);
        try {
            task.initializeStateStores();
            Map<TopicPartition, Long> restored = restorer.restore(task, changelogs, checkpoint);
            task.initializeTopology();
            ActiveTask active = new ActiveTask(task, collector, checkpoint, changelogs, new HashMap<>(restored));
            registerMetrics(active);
            LOG.info("Stream thread {} created task {} (restored {})", threadId, id, restored);
            return active;
        } catch (RuntimeException e) {
            closeQuietly(task);
            throw e;
        }
    }

    private void registerMetrics(ActiveTask active) {
        Map<String, String> tags = Map.of("thread-id", threadId, "task-id", active.task.id().toString());
        String group = "stream-task-metrics";
        metrics.addTotal(group, "process-total", "Records processed by the task", tags, () -> active.processed);
        metrics.addRate(group, "process-rate", "Records processed per second by the task", tags,
            () -> active.processed);
        metrics.addTotal(group, "dropped-records-total", "Records dropped by the task", tags,
            () -> active.task.droppedRecords() + active.collector.droppedRecords());
        metrics.addRate(group, "dropped-records-rate", "Records dropped per second by the task", tags,
            () -> active.task.droppedRecords() + active.collector.droppedRecords());
        for (Map.Entry<String, StateStore> store : active.task.stores().entrySet()) {
            if (store.getValue() instanceof MeteredKeyValueStore<?, ?> metered) {
                Map<String, String> storeTags = Map.of("thread-id", threadId, "task-id", active.task.id().toString(),
                    "in-memory-state-id", store.getKey());
                String storeGroup = "stream-state-metrics";
                metrics.addTotal(storeGroup, "put-total", "Puts into the store", storeTags, metered::putCount);
                metrics.addRate(storeGroup, "put-rate", "Puts per second into the store", storeTags,
                    metered::putCount);
                metrics.addTotal(storeGroup, "get-total", "Gets from the store", storeTags, metered::getCount);
                metrics.addRate(storeGroup, "get-rate", "Gets per second from the store", storeTags,
                    metered::getCount);
                metrics.addTotal(storeGroup, "delete-total", "Deletes from the store", storeTags,
                    metered::deleteCount);
            }
        }
    }

    /** Hands polled records to their tasks. */
    void addRecords(ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition tp : records.partitions()) {
            ActiveTask task = taskByPartition.get(tp);
            if (task == null) {
                LOG.warn("Stream thread {} polled records of {}, which belongs to none of its tasks", threadId, tp);
                continue;
            }
            task.task.addRecords(tp, records.records(tp));
        }
    }

    /**
     * Processes every buffered record of every task, firing stream-time punctuations as stream time advances.
     *
     * @return the number of records taken from the buffers
     */
    int process(long wallClockMs) {
        int total = 0;
        for (ActiveTask active : published) {
            StreamTask task = active.task;
            int processed = 0;
            while (task.process(wallClockMs)) {
                processed++;
                task.maybePunctuateStreamTime();
            }
            active.processed += processed;
            total += processed;
        }
        if (total > 0) {
            commitNeeded = true;
        }
        return total;
    }

    /** Fires due wall-clock punctuations; returns whether any fired. */
    boolean punctuateSystemTime() {
        boolean punctuated = false;
        for (ActiveTask active : published) {
            punctuated |= active.task.maybePunctuateSystemTime();
        }
        commitNeeded |= punctuated;
        return punctuated;
    }

    boolean hasBufferedRecords() {
        for (ActiveTask active : published) {
            if (active.task.hasBufferedRecords()) {
                return true;
            }
        }
        return false;
    }

    boolean commitRequested() {
        for (ActiveTask active : published) {
            if (active.task.commitRequested()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Commits every task: flushes stores and outputs, then commits the input offsets (in the transaction under
     * exactly-once). Returns whether anything was committed.
     */
    boolean commit(KafkaConsumer<byte[], byte[]> consumer) {
        if (!commitNeeded || tasks.isEmpty()) {
            return false;
        }
        Map<ActiveTask, Map<TopicPartition, Long>> prepared = new LinkedHashMap<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
        for (ActiveTask active : tasks.values()) {
            Map<TopicPartition, Long> taskOffsets = active.task.prepareCommit();
            prepared.put(active, taskOffsets);
            for (Map.Entry<TopicPartition, Long> entry : taskOffsets.entrySet()) {
                offsets.put(entry.getKey(), new OffsetAndMetadata(entry.getValue()));
            }
        }
        if (producer.exactlyOnce()) {
            producer.commitTransaction(offsets, consumer.groupMetadata());
        } else if (!offsets.isEmpty()) {
            consumer.commitSync(offsets);
        }
        commitNeeded = false;
        prepared.forEach((active, committed) -> active.committedOffsets.putAll(committed));
        publishMetadata();
        return true;
    }

    /** Commits, then closes every task clean: each writes its checkpoint and snapshots before its stores close. */
    void closeAllClean(KafkaConsumer<byte[], byte[]> consumer) {
        commitNeeded = true;
        commit(consumer);
        for (ActiveTask active : tasks.values()) {
            closeClean(active);
        }
        clear();
        closeStandbys(true);
    }

    /**
     * Commits every task (under exactly-once they share one transaction), then closes clean the tasks of the
     * {@code revoked} partitions; the others keep running, their stores and buffered records untouched.
     */
    void closeRevokedClean(KafkaConsumer<byte[], byte[]> consumer, Collection<TopicPartition> revoked) {
        commitNeeded = true;
        commit(consumer);
        for (TopicPartition tp : revoked) {
            ActiveTask active = taskByPartition.get(tp);
            if (active != null && tasks.remove(active.task.id()) != null) {
                closeClean(active);
            }
        }
        taskByPartition.values().removeIf(active -> !tasks.containsKey(active.task.id()));
        publish();
    }

    private void closeClean(ActiveTask active) {
        try {
            active.checkpoint.write(checkpointOffsets(active), snapshotStores(active));
        } catch (RuntimeException e) {
            LOG.warn("Could not checkpoint task {}: {}", active.task.id(), e.toString());
        }
        closeQuietly(active.task);
        unregisterMetrics(active);
    }

    /** Closes every task without committing or checkpointing; aborts the open transaction under exactly-once. */
    void closeAllDirty() {
        try {
            producer.abortTransaction();
        } catch (RuntimeException e) {
            LOG.warn("Could not abort the transaction of stream thread {}: {}", threadId, e.toString());
        }
        for (ActiveTask active : tasks.values()) {
            closeQuietly(active.task);
            unregisterMetrics(active);
        }
        clear();
        commitNeeded = false;
        closeStandbys(false);
    }

    /**
     * Applies to the standby tasks' stores the changelog records one bounded, non-waiting poll returns; returns how
     * many were applied.
     */
    int updateStandbys() {
        if (standbys.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, Long> positions = new LinkedHashMap<>();
        Map<TopicPartition, StateRestorer.StandbyStore> stores = new HashMap<>();
        for (StandbyTask standby : standbys.values()) {
            positions.putAll(standby.positions);
            stores.putAll(standby.stores);
        }
        int applied = restorer.updateStandby(positions, stores);
        for (StandbyTask standby : standbys.values()) {
            standby.positions.replaceAll((tp, offset) -> positions.get(tp));
        }
        if (applied > 0) {
            publishStandbys();
        }
        return applied;
    }

    /** Checkpoints the standby tasks that advanced since their last checkpoint. */
    void checkpointStandbys() {
        for (StandbyTask standby : standbys.values()) {
            if (!standby.positions.equals(standby.checkpointed)) {
                checkpoint(standby);
            }
        }
    }

    private void checkpoint(StandbyTask standby) {
        try {
            Map<String, KeyValueStore<Bytes, byte[]>> stores = new LinkedHashMap<>();
            for (String name : standby.changelogs.keySet()) {
                KeyValueStore<Bytes, byte[]> inner = StateCheckpoint.innermostKeyValueStore(standby.task.store(name));
                if (inner != null) {
                    stores.put(name, inner);
                }
            }
            standby.checkpoint.write(standby.positions, stores);
            standby.checkpointed = Map.copyOf(standby.positions);
        } catch (RuntimeException e) {
            LOG.warn("Could not checkpoint standby task {}: {}", standby.task.id(), e.toString());
        }
    }

    private void closeStandbys(boolean clean) {
        for (StandbyTask standby : standbys.values()) {
            closeStandby(standby, clean, SuspendReason.MIGRATED);
        }
        standbys.clear();
        publishStandbys();
    }

    /**
     * Closes a standby task, first checkpointing it if {@code clean} (its stores hold exactly what it applied) and
     * telling the standby listener why its updates stop. A dirty close, on a failing thread, only logs a failure of
     * either.
     */
    private void closeStandby(StandbyTask standby, boolean clean, SuspendReason reason) {
        try {
            if (clean) {
                checkpoint(standby);
            }
            restorer.suspendStandby(standby.changelogs, standby.positions, reason);
        } catch (RuntimeException e) {
            if (clean) {
                throw e;
            }
            LOG.warn("Could not report the suspension of standby task {}: {}", standby.task.id(), e.toString());
        } finally {
            closeQuietly(standby.task);
        }
    }

    private void publishStandbys() {
        Set<TaskMetadata> snapshot = new HashSet<>();
        List<StoreChangelogPosition> positions = new ArrayList<>();
        List<StreamTask> tasksForQueries = new ArrayList<>();
        for (StandbyTask standby : standbys.values()) {
            tasksForQueries.add(standby.task);
            snapshot.add(new TaskMetadataImpl(standby.task.id(), inputPartitionsOf(standby.task.id()), Map.of(),
                Map.of()));
            standby.changelogs.forEach((store, changelog) -> positions.add(
                StoreChangelogPosition.restoring(store, changelog, standby.positions.get(changelog))));
        }
        standbyMetadata = Set.copyOf(snapshot);
        standbyPositions = List.copyOf(positions);
        publishedStandbys = List.copyOf(tasksForQueries);
    }

    /** Returns the standby tasks' metadata (any thread). */
    Set<TaskMetadata> standbyTaskMetadata() {
        return standbyMetadata;
    }

    private void clear() {
        tasks.clear();
        taskByPartition.clear();
        publish();
    }

    private void unregisterMetrics(ActiveTask active) {
        metrics.removeAll(Map.of("thread-id", threadId, "task-id", active.task.id().toString()));
    }

    private static Map<TopicPartition, Long> checkpointOffsets(ActiveTask active) {
        Map<TopicPartition, Long> offsets = new LinkedHashMap<>(active.restoredOffsets);
        offsets.putAll(active.collector.changelogOffsets());
        return offsets;
    }

    private static Map<String, KeyValueStore<Bytes, byte[]>> snapshotStores(ActiveTask active) {
        Map<String, KeyValueStore<Bytes, byte[]>> stores = new LinkedHashMap<>();
        for (String name : active.changelogs.keySet()) {
            KeyValueStore<Bytes, byte[]> inner = StateCheckpoint.innermostKeyValueStore(active.task.store(name));
            if (inner != null) {
                stores.put(name, inner);
            }
        }
        return stores;
    }

    private static void closeQuietly(StreamTask task) {
        try {
            task.close();
        } catch (RuntimeException e) {
            LOG.warn("Error closing task {}: {}", task.id(), e.toString());
        }
    }

    private void publish() {
        published = List.copyOf(tasks.values());
        publishMetadata();
    }

    private void publishMetadata() {
        Set<TaskMetadata> snapshot = new HashSet<>();
        for (ActiveTask active : tasks.values()) {
            Map<TopicPartition, Long> fetched = active.task.fetchedOffsets();
            Map<TopicPartition, Long> committed = new HashMap<>();
            Map<TopicPartition, Long> end = new HashMap<>();
            for (TopicPartition tp : active.inputPartitions) {
                committed.put(tp, active.committedOffsets.getOrDefault(tp, -1L));
                end.put(tp, fetched.getOrDefault(tp, -1L));
            }
            snapshot.add(new TaskMetadataImpl(active.task.id(), active.inputPartitions, committed, end));
        }
        taskMetadata = Set.copyOf(snapshot);
    }

    /** Returns the running tasks' metadata as of the last rebalance or commit (any thread). */
    Set<TaskMetadata> taskMetadata() {
        return taskMetadata;
    }

    /** Returns the store named {@code name} of every running task (for interactive queries; any thread). */
    List<StateStore> stores(String name) {
        List<StateStore> stores = new ArrayList<>();
        for (ActiveTask active : published) {
            StateStore store = active.task.store(name);
            if (store != null) {
                stores.add(store);
            }
        }
        return stores;
    }

    /** Returns the store named {@code name} of each of this thread's tasks, by the task's partition; any thread. */
    Map<Integer, StateStore> storesByPartition(String name) {
        return byPartition(published.stream().map(active -> active.task).toList(), name);
    }

    /**
     * Returns the store named {@code name} of each of this thread's standby tasks, by partition; any thread. The
     * stores are read-only to the caller: the stream thread applies changelog records to them meanwhile (they have
     * no record cache, and the in-memory stores synchronize every read and write).
     */
    Map<Integer, StateStore> standbyStoresByPartition(String name) {
        return byPartition(publishedStandbys, name);
    }

    private static Map<Integer, StateStore> byPartition(List<StreamTask> tasks, String name) {
        Map<Integer, StateStore> stores = new TreeMap<>();
        for (StreamTask task : tasks) {
            StateStore store = task.store(name);
            if (store != null) {
                stores.put(task.id().partition(), store);
            }
        }
        return stores;
    }

    /**
     * Returns where each logged store of this thread's tasks stands on its changelog (any thread): the running
     * tasks' stores are caught up; those of tasks being created stand where their restoration is.
     */
    List<StoreChangelogPosition> storeChangelogPositions() {
        // Restoring positions first: a task that finishes restoring is published before they are forgotten.
        Map<TopicPartition, StoreChangelogPosition> positions = new LinkedHashMap<>();
        restorer.restoringPositions().forEach(position -> positions.put(position.changelog(), position));
        for (ActiveTask active : published) {
            active.changelogs.forEach((store, changelog) ->
                positions.put(changelog, StoreChangelogPosition.caughtUp(store, changelog)));
        }
        standbyPositions.forEach(position -> positions.putIfAbsent(position.changelog(), position));
        return List.copyOf(positions.values());
    }

    /** Returns the ids of the running tasks (any thread). */
    Set<TaskId> taskIds() {
        Set<TaskId> ids = new java.util.TreeSet<>();
        for (ActiveTask active : published) {
            ids.add(active.task.id());
        }
        return ids;
    }

    boolean isEmpty() {
        return tasks.isEmpty();
    }
}
