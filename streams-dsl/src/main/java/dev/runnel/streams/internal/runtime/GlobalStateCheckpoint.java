package dev.runnel.streams.internal.runtime;

import dev.runnel.common.TopicPartition;
import dev.runnel.streams.errors.StreamsException;
import dev.runnel.streams.processor.StateStore;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The global stores' checkpoint in {@code <state.dir>/<application.id>/global/}: a {@link StateCheckpoint} holding,
 * per partition of the global topics, the offset the global stores cover, and a snapshot of each in-memory key-value
 * global store. At start it decides, per global task, whether the task resumes at the checkpointed offsets (with its
 * snapshots loaded) or rereads its topic from the beginning; while running and on a clean close it writes the
 * checkpoint. A task is checkpointed only if all its stores can be snapshotted; one whose stores all manage their
 * offsets (KIP-1035) resumes from the offsets they committed. The directory is locked: a second client of the same
 * application on the same state directory neither uses nor writes the checkpoint.
 * Not thread-safe; owned by the global stream thread.
 */
final class GlobalStateCheckpoint implements AutoCloseable {
    static final String DIRECTORY = "global";
    /**
     * Records applied since the last checkpoint before a periodic one is written, as Kafka's
     * {@code OFFSET_DELTA_THRESHOLD_FOR_CHECKPOINT}: each checkpoint rewrites whole snapshots.
     */
    static final long MIN_RECORDS_BETWEEN_CHECKPOINTS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(GlobalStateCheckpoint.class);

    private final Path directory;
    private final StateCheckpoint checkpoint;
    private final StateDirectoryLock lock;
    /** The offsets of the checkpoint on disk that the tasks' stores agree with: loaded at start or written since. */
    private Map<TopicPartition, Long> written = Map.of();

    /** Opens the global state directory of {@code appStateDir} ({@code <state.dir>/<application.id>}). */
    GlobalStateCheckpoint(Path appStateDir) {
        this.directory = appStateDir.resolve(DIRECTORY);
        this.checkpoint = new StateCheckpoint(directory);
        this.lock = StateDirectoryLock.tryAcquire(directory);
        if (lock == null) {
            LOG.warn("Global state directory {} is locked by another client of the application (or cannot be"
                + " locked); this client reads the global topics from the beginning and writes no checkpoint. Give"
                + " each client its own state.dir.", directory);
        }
    }

    /**
     * Loads the snapshots of each task whose checkpoint is usable and returns the offset each of that task's
     * partitions resumes at. The partitions of the other tasks are absent: they are read from the beginning, into
     * empty stores, and the log says why.
     *
     * @param partitions every partition of the global topics
     */
    Map<TopicPartition, Long> resume(List<StreamTask> tasks, Collection<TopicPartition> partitions,
        Map<TopicPartition, Long> beginnings, Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> checkpointed = lock == null ? Map.of() : checkpoint.read();
        Map<TopicPartition, Long> resumed = new LinkedHashMap<>();
        for (StreamTask task : tasks) {
            if (managesOffsets(task)) {
                resumed.putAll(committedOffsets(task, partitionsOf(task, partitions), beginnings, ends));
                continue;
            }
            Map<TopicPartition, Long> offsets = ofTask(task, checkpointed);
            if (offsets.isEmpty()) {
                LOG.info("Global store(s) {} have no checkpoint; reading {} from the beginning",
                    task.stores().keySet(), task.sourceTopics());
                continue;
            }
            String problem = checkRange(partitionsOf(task, partitions), offsets, beginnings, ends);
            if (problem == null) {
                problem = loadSnapshots(task);
            }
            if (problem == null) {
                LOG.info("Global store(s) {} resume from their checkpoint at {}", task.stores().keySet(), offsets);
                resumed.putAll(offsets);
            } else {
                LOG.warn("Global store(s) {} cannot use their checkpoint in {}: {}; reading {} from the beginning",
                    task.stores().keySet(), directory, problem, task.sourceTopics());
                // Until a new checkpoint replaces it, the old one stays: without its snapshots a later start (after
                // a dirty stop) cannot pair it with stale entries, even once the topic has grown past it.
                task.stores().keySet().forEach(checkpoint::deleteSnapshot);
            }
        }
        written = resumed;
        return resumed;
    }

    /** Returns whether every store of {@code task} manages its offsets (KIP-1035); it then has no checkpoint. */
    private static boolean managesOffsets(StreamTask task) {
        return !task.stores().isEmpty() && task.stores().values().stream().allMatch(StateStore::managesOffsets);
    }

    /**
     * Returns where each partition of a task whose stores manage their offsets resumes: the smallest offset its
     * stores committed (a store reapplying records it holds ends in the same state). A partition that a store
     * committed no offset of, or whose offset left its range, is absent: it is read from the beginning.
     */
    private static Map<TopicPartition, Long> committedOffsets(StreamTask task, List<TopicPartition> partitions,
        Map<TopicPartition, Long> beginnings, Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            Long offset = smallestCommitted(task, tp);
            String problem = offset == null ? "no committed offset"
                : StateCheckpoint.checkOffset(tp, offset, beginnings.get(tp), ends.get(tp));
            if (problem == null) {
                offsets.put(tp, offset);
            } else {
                LOG.info("Global store(s) {} read {} from the beginning: {}", task.stores().keySet(), tp, problem);
            }
        }
        return offsets;
    }

    private static Long smallestCommitted(StreamTask task, TopicPartition tp) {
        Long smallest = null;
        for (StateStore store : task.stores().values()) {
            Long committed = store.committedOffset(tp);
            if (committed == null) {
                return null;
            }
            smallest = smallest == null ? committed : Math.min(smallest, committed);
        }
        return smallest;
    }

    /** Returns why {@code offsets} cannot be resumed from, or {@code null} if every one lies in its partition. */
    private static String checkRange(Collection<TopicPartition> partitions, Map<TopicPartition, Long> offsets,
        Map<TopicPartition, Long> beginnings, Map<TopicPartition, Long> ends) {
        if (!offsets.keySet().equals(new HashSet<>(partitions))) {
            return "it covers partitions " + offsets.keySet() + " but the topic now has " + partitions;
        }
        for (TopicPartition tp : partitions) {
            String problem = StateCheckpoint.checkOffset(tp, offsets.get(tp), beginnings.get(tp), ends.get(tp));
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /** Loads every store's snapshot; on failure empties the stores again and returns why. */
    private String loadSnapshots(StreamTask task) {
        Map<String, StateCheckpoint.SnapshotSource> snapshotted = snapshottable(task);
        if (snapshotted == null) {
            return "not all of its stores are in-memory key-value stores, which alone have snapshots";
        }
        for (Map.Entry<String, StateCheckpoint.SnapshotSource> store : snapshotted.entrySet()) {
            String name = store.getKey();
            if (checkpoint.loadSnapshot(name, store.getValue(), task.restoreCallbacks().get(name)) < 0) {
                // Another store, or part of this one, may be loaded already; a reread must start from empty stores.
                snapshotted.values().forEach(source -> StateCheckpoint.clear(source.content()));
                return "the snapshot of store " + name + " is missing or corrupt";
            }
        }
        return null;
    }

    /**
     * While running: writes the checkpoint at {@code positions} once {@link #MIN_RECORDS_BETWEEN_CHECKPOINTS} records
     * were applied since the last one. Call with the stores flushed.
     */
    void maybeWrite(List<StreamTask> tasks, Map<TopicPartition, Long> positions) {
        Map<TopicPartition, Long> offsets = checkpointable(tasks, positions);
        long applied = 0;
        for (Map.Entry<TopicPartition, Long> entry : offsets.entrySet()) {
            applied += entry.getValue() - written.getOrDefault(entry.getKey(), 0L);
        }
        if (applied >= MIN_RECORDS_BETWEEN_CHECKPOINTS) {
            write(tasks, offsets);
        }
    }

    /** On a clean close: writes the checkpoint at {@code positions} unless it holds them already. Stores flushed. */
    void writeOnClose(List<StreamTask> tasks, Map<TopicPartition, Long> positions) {
        Map<TopicPartition, Long> offsets = checkpointable(tasks, positions);
        if (!offsets.equals(written)) {
            write(tasks, offsets);
        }
    }

    /** Returns the positions of the partitions of the tasks whose stores can all be snapshotted. */
    private Map<TopicPartition, Long> checkpointable(List<StreamTask> tasks, Map<TopicPartition, Long> positions) {
        Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
        if (lock == null) {
            return offsets;
        }
        for (StreamTask task : tasks) {
            if (snapshottable(task) != null) {
                offsets.putAll(ofTask(task, positions));
            }
        }
        return offsets;
    }

    private void write(List<StreamTask> tasks, Map<TopicPartition, Long> offsets) {
        Map<String, StateCheckpoint.SnapshotSource> snapshots = new LinkedHashMap<>();
        for (StreamTask task : tasks) {
            Map<String, StateCheckpoint.SnapshotSource> stores = snapshottable(task);
            if (stores != null) {
                snapshots.putAll(stores);
            }
        }
        try {
            checkpoint.write(offsets, snapshots);
            written = offsets;
        } catch (StreamsException e) {
            // The old checkpoint may be gone; the next start then rereads the topics. Not worth stopping for.
            written = Map.of();
            LOG.warn("Could not write the global stores' checkpoint: {}", e.toString());
        }
    }

    /** Returns the snapshot view of each of the task's stores, or {@code null} if one cannot be snapshotted. */
    private static Map<String, StateCheckpoint.SnapshotSource> snapshottable(StreamTask task) {
        Map<String, StateCheckpoint.SnapshotSource> stores = new LinkedHashMap<>();
        for (String store : task.stores().keySet()) {
            StateCheckpoint.SnapshotSource source = StateCheckpoint.SnapshotSource.of(task, store);
            if (source == null) {
                return null;
            }
            stores.put(store, source);
        }
        return stores;
    }

    /** Returns the entries of {@code offsets} for the partitions of {@code task}'s topics. */
    static Map<TopicPartition, Long> ofTask(StreamTask task, Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, Long> own = new LinkedHashMap<>();
        Set<String> topics = task.sourceTopics();
        for (Map.Entry<TopicPartition, Long> entry : offsets.entrySet()) {
            if (topics.contains(entry.getKey().topic())) {
                own.put(entry.getKey(), entry.getValue());
            }
        }
        return own;
    }

    private static List<TopicPartition> partitionsOf(StreamTask task, Collection<TopicPartition> partitions) {
        return partitions.stream().filter(tp -> task.sourceTopics().contains(tp.topic())).toList();
    }

    /** Releases the directory. */
    @Override
    public void close() {
        if (lock != null) {
            lock.close();
        }
    }
}
