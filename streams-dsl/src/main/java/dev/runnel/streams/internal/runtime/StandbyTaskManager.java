package dev.runnel.streams.internal.runtime;

import dev.runnel.common.TopicPartition;
import dev.runnel.streams.TaskMetadata;
import dev.runnel.streams.processor.StandbyUpdateListener.SuspendReason;
import dev.runnel.streams.processor.TaskId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream thread's standby tasks: creates them from their local state, applies their changelogs' new records to
 * their stores (a source partition serving as changelog only up to its committed offset, as in Kafka Streams, so a
 * standby never holds records the active task has not committed and a promoted one restores only the tail),
 * checkpoints them and closes them when they migrate or are promoted. Not thread-safe; owned by one
 * stream thread. Its tasks, metadata and changelog positions are published for other threads in fields that are
 * replaced, never mutated.
 */
final class StandbyTaskManager {
    private static final Logger LOG = LoggerFactory.getLogger(StandbyTaskManager.class);
    /**
     * The fewest changelog records a standby applies between two checkpoints at commits, as Kafka's threshold: a
     * checkpoint writes whole store snapshots, too costly at every commit (every 100 ms under exactly-once).
     */
    static final long CHECKPOINT_RECORDS = 10_000;

    private final String threadId;
    private final TaskCreator creator;
    private final StateRestorer restorer;
    private final CommittedOffsets committedOffsets;
    private final Map<TaskId, StandbyTask> standbys = new TreeMap<>();
    /** The standby tasks for interactive queries on stale stores. */
    private volatile List<StreamTask> published = List.of();
    /** The standby tasks' metadata and store positions, refreshed as the standbys advance. */
    private volatile Set<TaskMetadata> metadata = Set.of();
    private volatile List<StoreChangelogPosition> positions = List.of();

    /**
     * A standby task: the stores of a task that another instance runs (where the task assignor placed it), kept up to
     * date from their changelogs; its processors never run.
     */
    private static final class StandbyTask {
        final StreamTask task;
        final StateCheckpoint checkpoint;
        final Map<String, TopicPartition> changelogs;
        /** The next changelog offset to apply, by changelog partition. */
        final Map<TopicPartition, Long> positions;
        final Map<TopicPartition, StateRestorer.StandbyStore> stores = new HashMap<>();
        /**
         * Where the updates of each changelog that is a source partition stop: the group's committed offset of that
         * partition, refreshed at commits.
         */
        final Map<TopicPartition, Long> limits;
        Map<TopicPartition, Long> checkpointed = Map.of();

        StandbyTask(StreamTask task, StateCheckpoint checkpoint, Map<String, TopicPartition> changelogs,
            Map<TopicPartition, Long> positions, Map<TopicPartition, Long> limits) {
            this.task = task;
            this.checkpoint = checkpoint;
            this.changelogs = changelogs;
            this.positions = new LinkedHashMap<>(positions);
            this.limits = new HashMap<>(limits);
            changelogs.forEach((store, tp) -> stores.put(tp, new StateRestorer.StandbyStore(task.id(), store,
                StateRestorer.changelogCallback(task, store, limits.containsKey(tp)))));
        }
    }

    /**
     * Creates the manager of a stream thread's standby tasks; the updates of a standby store from its task's source
     * partition stop at that partition's {@code committedOffsets}.
     */
    StandbyTaskManager(String threadId, TaskCreator creator, StateRestorer restorer,
        CommittedOffsets committedOffsets) {
        this.threadId = threadId;
        this.creator = creator;
        this.restorer = restorer;
        this.committedOffsets = committedOffsets;
    }

    /**
     * Closes, checkpointing them, the standby tasks not in {@code kept}: promoted if now in {@code activeIds}, else
     * migrated; an active task taking over here then restores only the changelog's tail.
     */
    void closeUnassigned(Set<TaskId> kept, Set<TaskId> activeIds) {
        List<TaskId> dropped = standbys.keySet().stream().filter(id -> !kept.contains(id)).toList();
        for (TaskId id : dropped) {
            close(standbys.remove(id), true, activeIds.contains(id) ? SuspendReason.PROMOTED : SuspendReason.MIGRATED);
        }
        publish();
    }

    /** Creates the standby tasks of {@code ids} not here yet, skipping tasks without logged stores. */
    void createMissing(Set<TaskId> ids) {
        for (TaskId id : ids) {
            if (!standbys.containsKey(id) && !creator.changelogsOf(id).isEmpty()) {
                standbys.put(id, create(id));
            }
        }
        publish();
    }

    private StandbyTask create(TaskId id) {
        Map<String, TopicPartition> changelogs = creator.changelogsOf(id);
        // Without a thread cache a standby's stores take the restored records directly, as restoration does.
        StreamTask task = creator.newStreamTask(id, creator.newCollector(id, changelogs));
        try {
            StateCheckpoint checkpoint = creator.checkpointOf(id);
            task.initializeStateStores();
            Map<TopicPartition, Long> limits = committedOffsets.read(creator.sourceChangelogsOf(id, changelogs));
            StandbyTask standby = new StandbyTask(task, checkpoint, changelogs,
                restorer.loadLocalState(task, changelogs, checkpoint, limits), limits);
            standby.checkpointed = Map.copyOf(standby.positions);
            LOG.info("Stream thread {} created standby task {} (from {})", threadId, id, standby.positions);
            return standby;
        } catch (RuntimeException | Error e) {
            // Closing releases the task's directory, which no one else would release.
            creator.closeQuietly(task, threadId);
            throw e;
        }
    }

    /**
     * Applies to the standby tasks' stores the changelog records one bounded, non-waiting poll returns; returns how
     * many were applied.
     */
    int update() {
        if (standbys.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, Long> next = new LinkedHashMap<>();
        Map<TopicPartition, StateRestorer.StandbyStore> stores = new HashMap<>();
        Map<TopicPartition, Long> limits = new HashMap<>();
        for (StandbyTask standby : standbys.values()) {
            next.putAll(standby.positions);
            stores.putAll(standby.stores);
            limits.putAll(standby.limits);
        }
        int applied = restorer.updateStandby(next, stores, limits);
        for (StandbyTask standby : standbys.values()) {
            standby.positions.replaceAll((tp, offset) -> next.get(tp));
        }
        if (applied > 0) {
            publish();
        }
        return applied;
    }

    /**
     * Reads the committed offsets of the standby tasks' source partitions that serve as changelogs, so that their
     * updates go on up to what the active tasks committed since; at commits, not per update, as Kafka Streams
     * refreshes them, since each read asks the group coordinator.
     */
    void refreshLimits() {
        Set<TopicPartition> sources = new HashSet<>();
        standbys.values().forEach(standby -> sources.addAll(standby.limits.keySet()));
        Map<TopicPartition, Long> committed = committedOffsets.read(sources);
        standbys.values().forEach(standby -> standby.limits.replaceAll((tp, limit) -> committed.get(tp)));
    }

    /**
     * Checkpoints the standby tasks that applied at least {@link #CHECKPOINT_RECORDS} changelog records since their
     * last checkpoint; the others wait (a clean close always checkpoints).
     */
    void checkpoint() {
        for (StandbyTask standby : standbys.values()) {
            if (appliedSinceCheckpoint(standby) >= CHECKPOINT_RECORDS) {
                checkpoint(standby);
            }
        }
    }

    /** Returns how far a standby's changelog positions moved since its last checkpoint, in offsets. */
    private static long appliedSinceCheckpoint(StandbyTask standby) {
        long applied = 0;
        for (Map.Entry<TopicPartition, Long> position : standby.positions.entrySet()) {
            Long checkpointed = standby.checkpointed.get(position.getKey());
            applied += position.getValue() - (checkpointed == null ? 0L : checkpointed);
        }
        return applied;
    }

    /** Commits the standby's stores with their positions, as Kafka Streams does, then writes its checkpoint. */
    private void checkpoint(StandbyTask standby) {
        try {
            standby.task.commitStores(StateCheckpoint.offsetsByStore(standby.changelogs, standby.positions));
            standby.checkpoint.write(
                StateCheckpoint.withoutManagedOffsets(standby.task, standby.changelogs, standby.positions),
                StateCheckpoint.snapshotStores(standby.task, standby.changelogs.keySet()));
            standby.checkpointed = Map.copyOf(standby.positions);
        } catch (RuntimeException e) {
            LOG.warn("Could not checkpoint standby task {}: {}", standby.task.id(), e.toString());
        }
    }

    /** Closes every standby task, checkpointing it first if {@code clean}. */
    void closeAll(boolean clean) {
        for (StandbyTask standby : standbys.values()) {
            close(standby, clean, SuspendReason.MIGRATED);
        }
        standbys.clear();
        publish();
    }

    /**
     * Closes a standby task, first checkpointing it if {@code clean} (its stores hold exactly what it applied) and
     * telling the standby listener why its updates stop. A dirty close, on a failing thread, only logs a failure of
     * either.
     */
    private void close(StandbyTask standby, boolean clean, SuspendReason reason) {
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
            creator.closeQuietly(standby.task, threadId);
        }
    }

    private void publish() {
        Set<TaskMetadata> snapshot = new HashSet<>();
        List<StoreChangelogPosition> storePositions = new ArrayList<>();
        List<StreamTask> tasksForQueries = new ArrayList<>();
        for (StandbyTask standby : standbys.values()) {
            tasksForQueries.add(standby.task);
            snapshot.add(new TaskMetadataImpl(standby.task.id(), creator.inputPartitionsOf(standby.task.id()),
                Map.of(), Map.of(), Optional.empty()));
            standby.changelogs.forEach((store, changelog) -> storePositions.add(
                StoreChangelogPosition.restoring(store, changelog, standby.positions.get(changelog))));
        }
        metadata = Set.copyOf(snapshot);
        positions = List.copyOf(storePositions);
        published = List.copyOf(tasksForQueries);
    }

    /** Returns the standby tasks' metadata (any thread); a standby reads none of its input partitions. */
    Set<TaskMetadata> metadata() {
        return metadata;
    }

    /**
     * Returns the standby tasks, whose stores are read-only to interactive queries (any thread): the stream thread
     * applies changelog records to them meanwhile (they have no record cache, and the in-memory stores synchronize
     * every read and write).
     */
    List<StreamTask> tasksForQueries() {
        return published;
    }

    /** Returns where each standby store stands on its changelog (any thread). */
    List<StoreChangelogPosition> changelogPositions() {
        return positions;
    }
}
