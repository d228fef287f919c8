package dev.runnel.streams.internal.runtime;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.consumer.ConsumerRecords;
import dev.runnel.clients.consumer.Consumer;
import dev.runnel.clients.consumer.OffsetAndMetadata;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.utils.Time;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.TaskMetadata;
import dev.runnel.streams.query.Position;
import dev.runnel.streams.internal.graph.InternalTopologyBuilder;
import dev.runnel.streams.internal.metrics.StreamsMetricsRegistry;
import dev.runnel.streams.internal.state.ThreadCache;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.TaskId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream thread's active tasks: creates them (with restored state) for assigned partitions, feeds them polled
 * records, runs them, commits them and closes them clean (commit, then checkpoint) or dirty (no commit, no
 * checkpoint). Its standby tasks are a {@link StandbyTaskManager}'s, which it drives through rebalances and closes.
 * Not thread-safe; owned by one stream thread. Its stores, active and standby, are read by interactive queries
 * through {@link #stores(String)}, {@link #storesByPartition(String)} and {@link #standbyStoresByPartition(String)},
 * whose task lists are replaced, never mutated.
 */
/*
 * Implementation notes: exactly-once commits. All tasks of a thread share one transactional producer. The first send
 * after a commit opens a transaction; a commit writes every task's record caches down (their dirty entries go
 * downstream and to the changelogs), flushes the producer, adds every task's consumed offsets to the transaction with
 * the consumer's group metadata (so a member fenced by a newer generation cannot commit), and commits it. Outputs,
 * changelog writes and input offsets so become visible together to read_committed consumers, or not at all. Only then
 * are the stores committed, so a store that manages its offsets never records one of an aborted transaction. A task
 * that fails, or is fenced, is closed dirty: the transaction is aborted and nothing is checkpointed, so its next
 * incarnation restores from the committed changelog (the previous checkpoint and snapshot, written only on a clean
 * close after a commit, describe committed state and stay valid). Under at-least-once a commit flushes, then commits
 * the offsets with commitSync: outputs may repeat after a crash, never go missing.
 */
final class TaskManager {
    private static final Logger LOG = LoggerFactory.getLogger(TaskManager.class);

    private final String threadId;
    private final TaskCreator creator;
    private final StreamsProducer producer;
    private final StateRestorer restorer;
    private final StreamsMetricsRegistry metrics;
    private final Map<TaskId, ActiveTask> tasks = new TreeMap<>();
    private final Map<TopicPartition, ActiveTask> taskByPartition = new HashMap<>();
    private volatile List<ActiveTask> published = List.of();
    private final StandbyTaskManager standbys;
    /** The tasks' metadata for other threads, refreshed on rebalances and commits (never per record). */
    private volatile Set<TaskMetadata> taskMetadata = Set.of();
    private final ThreadCache threadCache;
    private boolean commitNeeded;
    private final CommittedOffsets committedOffsets;
    // Metric counters: written by the owning stream thread only.
    private long createdTasks;
    private long closedTasks;

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
        /**
         * The highest offset the task's consumer fetched per input partition, which Kafka Streams reports as the task
         * metadata's end offsets; none before the first fetch.
         */
        final Map<TopicPartition, Long> highestFetched = new HashMap<>();
        /** This task's share of the time the last processing round spent in tasks, and its nanos in it. */
        volatile double processRatio;
        long roundNanos;
        /** Its records buffered and not yet processed, as of the last processing round. */
        volatile int bufferCount;

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
     * Creates the manager of a stream thread's tasks; {@code committedReader} reads the group's committed offsets:
     * what a created task resumes, and where the restoration of a store from its task's source partition ends.
     */
    TaskManager(String threadId, TopologyMetadata metadata, InternalTopologyBuilder builder, StreamsConfig config,
        Time time, StreamsProducer producer, StateRestorer restorer, StreamsMetricsRegistry metrics,
        Function<String, StateStore> globalStores,
        Function<Set<TopicPartition>, Map<TopicPartition, OffsetAndMetadata>> committedReader) {
        this.threadId = threadId;
        this.committedOffsets = new CommittedOffsets(committedReader);
        this.creator = new TaskCreator(metadata, builder, config, time, producer, metrics, globalStores);
        this.producer = producer;
        this.restorer = restorer;
        this.metrics = metrics;
        this.standbys = new StandbyTaskManager(threadId, creator, restorer, committedOffsets);
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
        assigned.forEach(tp -> activeIds.add(creator.taskFor(tp)));
        Set<TaskId> keep = new HashSet<>(standbyIds);
        keep.removeAll(activeIds);
        standbys.closeUnassigned(keep, activeIds);
        createTasks(assigned);
        standbys.createMissing(keep);
    }

    /** Creates, restores and initializes the tasks of newly assigned partitions. */
    void createTasks(Collection<TopicPartition> assigned) {
        Map<TaskId, List<TopicPartition>> byTask = new TreeMap<>();
        for (TopicPartition tp : assigned) {
            byTask.computeIfAbsent(creator.taskFor(tp), id -> new ArrayList<>()).add(tp);
        }
        try {
            for (Map.Entry<TaskId, List<TopicPartition>> entry : byTask.entrySet()) {
                ActiveTask task = tasks.get(entry.getKey());
                if (task == null) {
                    task = createTask(entry.getKey(), entry.getValue());
                    tasks.put(entry.getKey(), task);
                }
                for (TopicPartition tp : entry.getValue()) {
                    taskByPartition.put(tp, task);
                    task.inputPartitions.add(tp);
                    task.task.addInputPartition(tp);
                }
            }
            publish();
        } finally {
            // Only after publishing: a reader of storeChangelogPositions() never misses a restored store.
            restorer.forgetRestored();
        }
    }

    /**
     * Creates the task of {@code partitions}: restores its stores, then resumes the partition times and processor
     * metadata committed with its offsets, then initializes its processors, as Kafka Streams does. The committed
     * offsets are read once, for both.
     */
    private ActiveTask createTask(TaskId id, List<TopicPartition> partitions) {
        Map<String, TopicPartition> changelogs = creator.changelogsOf(id);
        RecordCollectorImpl collector = creator.newCollector(id, changelogs);
        StreamTask task = creator.newStreamTask(id, collector);
        try {
            StateCheckpoint checkpoint = creator.checkpointOf(id);
            task.setThreadCache(threadCache);
            task.initializeStateStores();
            Set<TopicPartition> sourceChangelogs = creator.sourceChangelogsOf(id, changelogs);
            Set<TopicPartition> read = new HashSet<>(partitions);
            read.addAll(sourceChangelogs);
            Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets.readWithMetadata(read);
            // A source partition serving as changelog stops restoring at its committed offset, or 0 without one (the
            // task then processes the partition from its reset position).
            Map<TopicPartition, Long> restored = restorer.restore(task, changelogs, checkpoint,
                CommittedOffsets.offsetsOf(sourceChangelogs, committed));
            // In the assignment's order, which orders the task's partitions as when they are added below.
            Map<TopicPartition, OffsetAndMetadata> committedInputs = new LinkedHashMap<>();
            partitions.forEach(tp -> committedInputs.put(tp, committed.get(tp)));
            task.restoreCommitted(committedInputs);
            task.initializeTopology();
            ActiveTask active = new ActiveTask(task, collector, checkpoint, changelogs, new HashMap<>(restored));
            registerMetrics(active);
            createdTasks++;
            LOG.info("Stream thread {} created task {} (restored {})", threadId, id, restored);
            return active;
        } catch (RuntimeException | Error e) {
            // Closing releases the task's directory, which no one else would release.
            creator.closeQuietly(task, threadId);
            throw e;
        }
    }

    private void registerMetrics(ActiveTask active) {
        TaskMetrics.register(metrics, threadId, active.task,
            () -> active.task.droppedRecords() + active.collector.droppedRecords());
        TaskMetrics.registerProduced(metrics, threadId, active.task.id(), active.collector);
        TaskMetrics.registerProcessShare(metrics, threadId, active.task.id(), () -> active.processRatio,
            () -> active.bufferCount);
    }

    /** Returns how many active tasks this thread has created, for {@code task-created-total}. */
    long createdTasks() {
        return createdTasks;
    }

    /** Returns how many active tasks this thread has closed, clean or dirty, for {@code task-closed-total}. */
    long closedTasks() {
        return closedTasks;
    }

    /** Hands polled records to their tasks. */
    void addRecords(ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition tp : records.partitions()) {
            ActiveTask task = taskByPartition.get(tp);
            if (task == null) {
                LOG.warn("Stream thread {} polled records of {}, which belongs to none of its tasks", threadId, tp);
                continue;
            }
            List<ConsumerRecord<byte[], byte[]>> fetched = records.records(tp);
            task.highestFetched.put(tp, fetched.get(fetched.size() - 1).offset());
            task.task.addRecords(tp, fetched);
        }
    }

    /**
     * Tells the tasks reading several partitions how many records of each their consumer had not fetched at this poll
     * ({@code lags} gives it, empty if unknown), for their idling (max.task.idle.ms).
     */
    void updateFetchedLags(Function<TopicPartition, OptionalLong> lags) {
        for (ActiveTask active : published) {
            if (active.inputPartitions.size() > 1) {
                for (TopicPartition tp : active.inputPartitions) {
                    active.task.updateFetchedLag(tp, lags.apply(tp));
                }
            }
        }
    }

    /**
     * Processes every buffered record of every task, firing stream-time punctuations as stream time advances.
     *
     * @return the number of records taken from the buffers
     */
    int process(long wallClockMs) {
        int total = 0;
        long allTasksNanos = 0;
        List<ActiveTask> round = published;
        for (ActiveTask active : round) {
            StreamTask task = active.task;
            long start = System.nanoTime();
            while (task.process(wallClockMs)) {
                total++;
                task.maybePunctuateStreamTime();
            }
            active.roundNanos = System.nanoTime() - start;
            allTasksNanos += active.roundNanos;
            active.bufferCount = task.bufferedRecords();
        }
        if (total > 0) {
            commitNeeded = true;
            for (ActiveTask active : round) {
                active.processRatio = (double) active.roundNanos / allTasksNanos;
            }
        }
        return total;
    }

    /**
     * Fires due punctuations, on stream time then on wall-clock time, as Kafka Streams does once per loop whether or
     * not records were processed: stream time moves with each record, whose processing fires its own, but a task
     * created at a committed partition time is due its first punctuations before any new record. Returns whether any
     * fired.
     */
    boolean punctuate() {
        boolean punctuated = false;
        for (ActiveTask active : published) {
            punctuated |= active.task.maybePunctuateStreamTime();
            punctuated |= active.task.maybePunctuateSystemTime();
        }
        commitNeeded |= punctuated;
        return punctuated;
    }

    /** Returns whether a task has buffered records it does not wait to process (see {@link StreamTask#isIdling}). */
    boolean hasBufferedRecords() {
        for (ActiveTask active : published) {
            if (active.task.hasBufferedRecords() && !active.task.isIdling()) {
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
     * Commits every task: writes the record caches down, flushes outputs, commits the input offsets, each with its
     * partition's time and the task's processor metadata (in the transaction under exactly-once), then commits the
     * stores with their changelog offsets (KIP-1035). Returns whether anything was committed.
     */
    boolean commit(Consumer<byte[], byte[]> consumer) {
        if (tasks.isEmpty() || !commitNeeded && !movedPastCommitted(consumer)) {
            return false;
        }
        Map<ActiveTask, Map<TopicPartition, Long>> prepared = new LinkedHashMap<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
        for (ActiveTask active : tasks.values()) {
            Map<TopicPartition, Long> taskOffsets = pastSkipped(active.task, active.task.prepareCommit(), consumer);
            prepared.put(active, taskOffsets);
            for (Map.Entry<TopicPartition, Long> entry : taskOffsets.entrySet()) {
                offsets.put(entry.getKey(), new OffsetAndMetadata(entry.getValue(),
                    active.task.offsetMetadata(entry.getKey())));
            }
        }
        if (producer.exactlyOnce()) {
            producer.commitTransaction(offsets, consumer.groupMetadata());
        } else if (!offsets.isEmpty()) {
            consumer.commitSync(offsets);
        }
        commitNeeded = false;
        prepared.forEach((active, committed) -> {
            active.committedOffsets.putAll(committed);
            active.task.commitStores(StateCheckpoint.offsetsByStore(active.changelogs, coveredOffsets(active)));
            active.task.postCommit();
        });
        publishMetadata();
        return true;
    }

    /**
     * Whether the consumer's position in a drained, committed partition moved past its committed offset with no record
     * processed: it skipped a transaction marker or aborted records. Kafka Streams commits then too, so that the
     * committed offset, and the partition's lag, catch up with the log end once the input goes quiet.
     */
    private boolean movedPastCommitted(Consumer<byte[], byte[]> consumer) {
        for (ActiveTask active : tasks.values()) {
            for (Map.Entry<TopicPartition, Long> committed : active.committedOffsets.entrySet()) {
                TopicPartition partition = committed.getKey();
                if (active.task.isInput(partition) && !active.task.hasBuffered(partition)
                    && consumer.position(partition) > committed.getValue()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Moves the offsets of partitions whose records {@code task} has all processed to the consumer's position, which
     * is past the transaction markers and aborted records the consumer skipped, as Kafka Streams commits: otherwise
     * the committed offset would stay on the last commit marker, so the partition's lag never reached 0 and a purge
     * never removed the marker.
     */
    private static Map<TopicPartition, Long> pastSkipped(StreamTask task, Map<TopicPartition, Long> offsets,
                                                         Consumer<byte[], byte[]> consumer) {
        Map<TopicPartition, Long> moved = new LinkedHashMap<>(offsets);
        moved.replaceAll((partition, offset) ->
            task.hasBuffered(partition) ? offset : Math.max(offset, consumer.position(partition)));
        return moved;
    }

    /** Returns the offsets the running tasks committed last, by input partition; none before a task's first commit. */
    Map<TopicPartition, Long> committedOffsets() {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (ActiveTask active : tasks.values()) {
            offsets.putAll(active.committedOffsets);
        }
        return offsets;
    }

    /** Commits, then closes every task clean: each writes its checkpoint and snapshots before its stores close. */
    void closeAllClean(Consumer<byte[], byte[]> consumer) {
        commitNeeded = true;
        commit(consumer);
        for (ActiveTask active : tasks.values()) {
            closeClean(active);
        }
        clear();
        standbys.closeAll(true);
    }

    /**
     * Commits every task (under exactly-once they share one transaction), then closes clean the tasks of the
     * {@code revoked} partitions; the others keep running, their stores and buffered records untouched.
     */
    void closeRevokedClean(Consumer<byte[], byte[]> consumer, Collection<TopicPartition> revoked) {
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
        // A task without stores has no state to checkpoint, and no directory, as in Kafka Streams.
        if (!active.task.stores().isEmpty()) {
            checkpoint(active);
        }
        creator.closeQuietly(active.task, threadId);
        closedTasks++;
    }

    private void checkpoint(ActiveTask active) {
        try {
            active.checkpoint.write(
                StateCheckpoint.withoutManagedOffsets(active.task, active.changelogs, coveredOffsets(active)),
                StateCheckpoint.snapshotStores(active.task, active.changelogs.keySet()));
        } catch (RuntimeException e) {
            LOG.warn("Could not checkpoint task {}: {}", active.task.id(), e.toString());
        }
    }

    /** Closes every task without committing or checkpointing; aborts the open transaction under exactly-once. */
    void closeAllDirty() {
        try {
            producer.abortTransaction();
        } catch (RuntimeException e) {
            LOG.warn("Could not abort the transaction of stream thread {}: {}", threadId, e.toString());
        }
        for (ActiveTask active : tasks.values()) {
            creator.closeQuietly(active.task, threadId);
            closedTasks++;
        }
        clear();
        commitNeeded = false;
        standbys.closeAll(false);
    }

    /** Applies new changelog records to the standby tasks' stores; see {@link StandbyTaskManager#update()}. */
    int updateStandbys() {
        return standbys.update();
    }

    /**
     * At a commit: lets the standby tasks' updates of source partitions go on up to the offsets committed since
     * (see {@link StandbyTaskManager#refreshLimits()}), then checkpoints the standby tasks that advanced since their
     * last checkpoint.
     */
    void commitStandbys() {
        standbys.refreshLimits();
        standbys.checkpoint();
    }

    /** Returns the standby tasks' metadata (any thread). */
    Set<TaskMetadata> standbyTaskMetadata() {
        return standbys.metadata();
    }

    /** Returns the ids of the standby tasks (any thread). */
    Set<TaskId> standbyTaskIds() {
        Set<TaskId> ids = new TreeSet<>();
        for (StreamTask task : standbys.tasksForQueries()) {
            ids.add(task.id());
        }
        return ids;
    }

    private void clear() {
        tasks.clear();
        taskByPartition.clear();
        publish();
    }

    /** Returns the changelog offset each logged store's state covers, by changelog partition. */
    private static Map<TopicPartition, Long> coveredOffsets(ActiveTask active) {
        Map<TopicPartition, Long> offsets = new LinkedHashMap<>(active.restoredOffsets);
        offsets.putAll(active.collector.changelogOffsets());
        // A store whose changelog is a source partition holds what the task processed: up to the committed offset.
        for (TopicPartition changelog : active.changelogs.values()) {
            Long committed = active.committedOffsets.get(changelog);
            if (committed != null) {
                offsets.put(changelog, committed);
            }
        }
        return offsets;
    }

    private void publish() {
        published = List.copyOf(tasks.values());
        publishMetadata();
    }

    private void publishMetadata() {
        Set<TaskMetadata> snapshot = new HashSet<>();
        for (ActiveTask active : tasks.values()) {
            Map<TopicPartition, Long> committed = new HashMap<>();
            Map<TopicPartition, Long> end = new HashMap<>();
            for (TopicPartition tp : active.inputPartitions) {
                committed.put(tp, active.committedOffsets.getOrDefault(tp, -1L));
                end.put(tp, active.highestFetched.getOrDefault(tp, -1L));
            }
            long idlingSince = active.task.idlingSince();
            snapshot.add(new TaskMetadataImpl(active.task.id(), active.inputPartitions, committed, end,
                idlingSince < 0 ? Optional.empty() : Optional.of(idlingSince)));
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

    /** Returns the position of each of this thread's tasks that has a store named {@code name}, by partition. */
    Map<Integer, Position> positionsByPartition(String name) {
        Map<Integer, Position> positions = new TreeMap<>();
        for (ActiveTask active : published) {
            if (active.task.store(name) != null) {
                positions.put(active.task.id().partition(), active.task.position());
            }
        }
        return positions;
    }

    /**
     * Returns the store named {@code name} of each of this thread's standby tasks, by partition; any thread. The
     * stores are read-only to the caller: the stream thread applies changelog records to them meanwhile (they have
     * no record cache, and the in-memory stores synchronize every read and write).
     */
    Map<Integer, StateStore> standbyStoresByPartition(String name) {
        return byPartition(standbys.tasksForQueries(), name);
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
        standbys.changelogPositions().forEach(position -> positions.putIfAbsent(position.changelog(), position));
        return List.copyOf(positions.values());
    }

    /** Returns the ids of the running tasks (any thread). */
    Set<TaskId> taskIds() {
        Set<TaskId> ids = new TreeSet<>();
        for (ActiveTask active : published) {
            ids.add(active.task.id());
        }
        return ids;
    }

    boolean isEmpty() {
        return tasks.isEmpty();
    }
}
