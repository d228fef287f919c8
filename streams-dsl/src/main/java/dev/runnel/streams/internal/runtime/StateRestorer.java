package dev.runnel.streams.internal.runtime;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.consumer.ConsumerRecords;
import dev.runnel.clients.consumer.Consumer;
import dev.runnel.common.Metric;
import dev.runnel.common.MetricName;
import dev.runnel.common.TopicPartition;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.internal.state.MeteredStore;
import dev.runnel.streams.internal.state.PlainValueRestoreCallback;
import dev.runnel.streams.internal.state.TimestampedStateRestoreCallback;
import dev.runnel.streams.processor.BatchingStateRestoreCallback;
import dev.runnel.streams.processor.StandbyUpdateListener;
import dev.runnel.streams.processor.StandbyUpdateListener.SuspendReason;
import dev.runnel.streams.processor.StateRestoreCallback;
import dev.runnel.streams.processor.StateRestoreListener;
import dev.runnel.streams.processor.TaskId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a new task's stores up to date: for each logged store, loads the local snapshot if the checkpoint covers it
 * and its offset still lies in the changelog partition, then replays that partition from the checkpointed offset (or,
 * into an empty store, from its log start offset) to its end; a store that manages its offsets (KIP-1035) is replayed
 * from the offset it committed instead, with a restore consumer (assign and seek, no group;
 * read_committed under exactly-once). Progress goes to the application's {@link StateRestoreListener} and, per
 * batch, to {@link #restoringPositions()}. Also keeps standby tasks' stores up to date, reporting to the
 * application's {@link StandbyUpdateListener}. Not thread-safe, except {@link #restoringPositions()}; owned by one
 * stream thread.
 */
final class StateRestorer implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long MAX_IDLE_POLLS = 600;
    private static final Logger LOG = LoggerFactory.getLogger(StateRestorer.class);

    private final Consumer<byte[], byte[]> consumer;
    private StateRestoreListener listener = NoOpStateRestoreListener.INSTANCE;
    private StandbyUpdateListener standbyListener = NoOpStandbyUpdateListener.INSTANCE;
    /** The positions of the stores restored since {@link #forgetRestored()}, by changelog; read by other threads. */
    private final Map<TopicPartition, StoreChangelogPosition> positions = new ConcurrentHashMap<>();

    /** A standby task's logged store, as its changelog's records are applied to it. */
    record StandbyStore(TaskId task, String storeName, StateRestoreCallback callback) {
    }

    /** Creates the restorer on {@code consumer}, a restore consumer it closes. */
    StateRestorer(Consumer<byte[], byte[]> consumer) {
        this.consumer = consumer;
    }

    /**
     * Sets where restore progress and standby updates are reported; before the owning thread starts (the application
     * sets its listeners after creating the client, which creates the threads).
     */
    void setListeners(StateRestoreListener restoreListener, StandbyUpdateListener standbyUpdateListener) {
        this.listener = restoreListener;
        this.standbyListener = standbyUpdateListener;
    }

    /**
     * Restores the logged stores of one task.
     *
     * @param changelogs the changelog partition of each logged store, by store name
     * @param sourceEnds for each changelog that is a source partition of the task (a read-only store, or a source
     *     table reusing its topic), where its restoration ends: the partition's committed offset, as in Kafka Streams,
     *     since the task processes the records from there on
     * @return the changelog offset each store's state now covers, by changelog partition
     */
    Map<TopicPartition, Long> restore(StreamTask task, Map<String, TopicPartition> changelogs,
        StateCheckpoint checkpoint, Map<TopicPartition, Long> sourceEnds) {
        Map<TopicPartition, Long> checkpointed = checkpoint.read();
        Map<TopicPartition, Long> restored = new LinkedHashMap<>();
        // As Kafka Streams reports them, stores whose restoration has not started yet stand at offset 0.
        changelogs.forEach((store, changelog) -> updatePosition(store, changelog, 0L));
        for (Map.Entry<String, TopicPartition> entry : changelogs.entrySet()) {
            String storeName = entry.getKey();
            TopicPartition changelog = entry.getValue();
            long logStart = consumer.beginningOffsets(List.of(changelog)).get(changelog);
            long end = consumer.endOffsets(List.of(changelog)).get(changelog);
            boolean fromSource = sourceEnds.containsKey(changelog);
            if (fromSource) {
                end = Math.min(end, sourceEnds.get(changelog));
            }
            StateRestoreCallback callback = changelogCallback(task, storeName, fromSource);
            // The store's restore-rate and restore-latency-avg/max (DEBUG) time its snapshot load and replay.
            MeteredStore<?, ?, ?> metered = task.store(storeName) instanceof MeteredStore<?, ?, ?> store ? store : null;
            long restoreStarted = metered == null ? 0L : metered.restoreStarted();
            long start = resumeOffset(task, storeName, changelog, checkpointed.get(changelog), logStart, end,
                checkpoint);
            updatePosition(storeName, changelog, start);
            restored.put(changelog, replay(task, storeName, changelog, callback, start, end));
            updatePosition(storeName, changelog, end);
            if (metered != null) {
                metered.restored(restoreStarted);
            }
        }
        return restored;
    }

    /**
     * Returns the callback applying the records of {@code store}'s changelog (or of the source topic serving as it) to
     * it: a store whose values carry a timestamp or headers gets them from the records (see
     * {@link PlainValueRestoreCallback}).
     */
    static StateRestoreCallback changelogCallback(StreamTask task, String store, boolean fromSource) {
        StateRestoreCallback callback = task.restoreCallbacks().get(store);
        return PlainValueRestoreCallback.of(task.valueLayout(store), callback, fromSource);
    }

    private void updatePosition(String storeName, TopicPartition changelog, long offset) {
        positions.put(changelog, StoreChangelogPosition.restoring(storeName, changelog, offset));
    }

    /** Returns where the stores restored since {@link #forgetRestored()} stand on their changelogs (any thread). */
    List<StoreChangelogPosition> restoringPositions() {
        return List.copyOf(positions.values());
    }

    /** Forgets the restored stores' positions, once their tasks run (or failed to start). */
    void forgetRestored() {
        positions.clear();
    }

    /**
     * Loads the store's snapshot if its checkpointed offset can be trusted and returns that offset; otherwise leaves
     * the store empty and returns the changelog's log start offset, as Kafka Streams wipes a task's state when its
     * checkpoint is invalid.
     */
    private long resumeOffset(StreamTask task, String storeName, TopicPartition changelog, Long offset, long logStart,
        long end, StateCheckpoint checkpoint) {
        if (task.store(storeName).managesOffsets()) {
            return committedOffset(task, storeName, changelog, logStart, end);
        }
        StateCheckpoint.SnapshotSource store = StateCheckpoint.SnapshotSource.of(task, storeName);
        if (offset == null || store == null) {
            return logStart;
        }
        String problem = StateCheckpoint.checkOffset(changelog, offset, logStart, end);
        if (problem != null) {
            LOG.warn("Store {} of task {} cannot use its checkpoint: {}; restoring it from offset {} into an empty"
                + " store", storeName, task.id(), problem, logStart);
        } else if (checkpoint.loadSnapshot(storeName, store, task.restoreCallbacks().get(storeName)) >= 0) {
            return offset;
        } else {
            // The load may have failed partway; replaying onto the entries it left would serve records the
            // changelog no longer has.
            StateCheckpoint.clear(store.content());
        }
        checkpoint.deleteSnapshot(storeName);
        return logStart;
    }

    /**
     * Returns where a store that manages its offsets (KIP-1035) resumes: at the offset it committed, or at the
     * changelog's log start offset if it committed none or its offset left the changelog's range. Runnel cannot empty
     * a user's store, so it then replays the whole changelog over what the store holds, as before KIP-1035.
     */
    private static long committedOffset(StreamTask task, String storeName, TopicPartition changelog, long logStart,
        long end) {
        Long committed = task.store(storeName).committedOffset(changelog);
        if (committed == null) {
            return logStart;
        }
        String problem = StateCheckpoint.checkOffset(changelog, committed, logStart, end);
        if (problem == null) {
            return committed;
        }
        LOG.warn("Store {} of task {} cannot resume from the offset it committed: {}; restoring it from offset {}",
            storeName, task.id(), problem, logStart);
        return logStart;
    }

    private long replay(StreamTask task, String storeName, TopicPartition changelog, StateRestoreCallback callback,
        long start, long end) {
        if (start >= end) {
            return end;
        }
        task.restoreAhead(end - start);
        long replayedTo = start;
        listener.onRestoreStart(changelog, storeName, start, end);
        consumer.assign(List.of(changelog));
        consumer.seek(changelog, start);
        long total = 0;
        int idlePolls = 0;
        try {
            while (consumer.position(changelog) < end) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                List<ConsumerRecord<byte[], byte[]>> batch = records.records(changelog);
                if (batch.isEmpty()) {
                    if (++idlePolls > MAX_IDLE_POLLS) {
                        throw new dev.runnel.streams.errors.StreamsException("Restoring " + storeName + " from "
                            + changelog + " made no progress at offset " + consumer.position(changelog)
                            + " (end " + end + ")");
                    }
                    continue;
                }
                idlePolls = 0;
                int restored = applyBefore(callback, batch, end);
                long batchEnd = restored > 0 ? batch.get(restored - 1).offset() : start;
                total += restored;
                long position = Math.min(consumer.position(changelog), end);
                task.restoredBatch(restored, position - replayedTo);
                replayedTo = position;
                updatePosition(storeName, changelog, position);
                // Only the records restored count: those from the end on (a source partition's) were fetched only.
                listener.onBatchRestored(changelog, storeName, batchEnd, restored);
            }
        } finally {
            consumer.assign(List.of());
        }
        listener.onRestoreEnd(changelog, storeName, total);
        return end;
    }

    /**
     * Applies the records of {@code batch} (one changelog's, in offset order) before offset {@code end} through
     * {@code callback}, a batching callback getting them all in one {@code restoreAll}; returns how many.
     */
    static int applyBefore(StateRestoreCallback callback, List<ConsumerRecord<byte[], byte[]>> batch,
        long end) {
        int count = 0;
        while (count < batch.size() && batch.get(count).offset() < end) {
            count++;
        }
        if (count == 0) {
            return 0;
        }
        if (callback instanceof BatchingStateRestoreCallback batching) {
            restoreAll(batching, batch, count, ConsumerRecord::value);
        } else if (callback instanceof PlainValueRestoreCallback plain
            && plain.storeCallback() instanceof BatchingStateRestoreCallback batching) {
            restoreAll(batching, batch, count, record -> plain.storedValue(record.value(), record.headers(),
                record.timestamp()));
        } else if (callback instanceof PlainValueRestoreCallback plain) {
            for (int i = 0; i < count; i++) {
                plain.restore(batch.get(i).key(), batch.get(i).value(), batch.get(i).headers(),
                    batch.get(i).timestamp());
            }
        } else if (callback instanceof TimestampedStateRestoreCallback timestamped) {
            for (int i = 0; i < count; i++) {
                timestamped.restore(batch.get(i).key(), batch.get(i).value(), batch.get(i).timestamp());
            }
        } else {
            for (int i = 0; i < count; i++) {
                callback.restore(batch.get(i).key(), batch.get(i).value());
            }
        }
        return count;
    }

    /** Applies the first {@code count} records of {@code batch} in one {@code restoreAll}, each value as given. */
    private static void restoreAll(BatchingStateRestoreCallback batching, List<ConsumerRecord<byte[], byte[]>> batch,
        int count, Function<ConsumerRecord<byte[], byte[]>, byte[]> value) {
        List<KeyValue<byte[], byte[]>> bulk = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bulk.add(KeyValue.pair(batch.get(i).key(), value.apply(batch.get(i))));
        }
        batching.restoreAll(bulk);
    }

    /**
     * Loads a standby task's stores from their local checkpoint and snapshots, without replaying their changelogs
     * (the standby catches up in {@link #updateStandby}); returns the offset each store resumes from, by changelog.
     * Tells the standby listener that each store's updates start there.
     *
     * @param limits where the updates of each changelog that is a source partition stop (see
     *     {@link #updateStandby}): a checkpoint beyond it is not trusted, as an active task would not trust it
     */
    Map<TopicPartition, Long> loadLocalState(StreamTask task, Map<String, TopicPartition> changelogs,
        StateCheckpoint checkpoint, Map<TopicPartition, Long> limits) {
        Map<TopicPartition, Long> checkpointed = checkpoint.read();
        Map<TopicPartition, Long> starts = new LinkedHashMap<>();
        for (Map.Entry<String, TopicPartition> entry : changelogs.entrySet()) {
            TopicPartition changelog = entry.getValue();
            long logStart = consumer.beginningOffsets(List.of(changelog)).get(changelog);
            long end = Math.min(consumer.endOffsets(List.of(changelog)).get(changelog),
                limits.getOrDefault(changelog, Long.MAX_VALUE));
            starts.put(changelog, resumeOffset(task, entry.getKey(), changelog, checkpointed.get(changelog), logStart,
                end, checkpoint));
        }
        changelogs.forEach((store, changelog) ->
            standbyListener.onUpdateStart(changelog, store, starts.get(changelog)));
        return starts;
    }

    /**
     * Applies to standby stores what one poll without waiting returns (at most {@code max.poll.records}) of their
     * changelogs after {@code positions}, so a stream thread's loop is never held up for long; advances
     * {@code positions}. The standby listener hears of each changelog's batch; no restore listener does: these are
     * not restorations.
     *
     * @param stores the standby store of each changelog in {@code positions}
     * @param limits where the updates of each changelog that is a source partition stop: its committed offset, as
     *     in Kafka Streams, since the active task has not processed the records after it; such a changelog is not
     *     even fetched once its position reached its limit
     * @return the number of records applied
     */
    int updateStandby(Map<TopicPartition, Long> positions, Map<TopicPartition, StandbyStore> stores,
        Map<TopicPartition, Long> limits) {
        Map<TopicPartition, Long> fetched = new LinkedHashMap<>();
        positions.forEach((changelog, position) -> {
            if (position < limits.getOrDefault(changelog, Long.MAX_VALUE)) {
                fetched.put(changelog, position);
            }
        });
        if (fetched.isEmpty()) {
            return 0;
        }
        consumer.assign(fetched.keySet());
        fetched.forEach(consumer::seek);
        try {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ZERO);
            Map<TopicPartition, Long> ends = records.isEmpty() ? Map.of() : consumer.endOffsets(records.partitions());
            int applied = 0;
            for (TopicPartition changelog : fetched.keySet()) {
                long limit = limits.getOrDefault(changelog, Long.MAX_VALUE);
                StandbyStore store = stores.get(changelog);
                List<ConsumerRecord<byte[], byte[]>> batch = records.records(changelog);
                // A batching callback gets the batch whole, as in active restoration.
                int count = applyBefore(store.callback(), batch, limit);
                positions.put(changelog, Math.min(consumer.position(changelog), limit));
                if (count > 0) {
                    applied += count;
                    standbyListener.onBatchLoaded(changelog, store.storeName(), store.task(),
                        batch.get(count - 1).offset(), count, ends.get(changelog));
                }
            }
            return applied;
        } finally {
            consumer.assign(List.of());
        }
    }

    /**
     * Tells the standby listener that a standby task's stores stop updating, each at its position (the next offset
     * it would have applied).
     */
    void suspendStandby(Map<String, TopicPartition> changelogs, Map<TopicPartition, Long> positions,
        SuspendReason reason) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(changelogs.values());
        changelogs.forEach((store, changelog) -> standbyListener.onUpdateSuspended(changelog, store,
            positions.get(changelog) - 1, ends.get(changelog), reason));
    }

    Set<TopicPartition> assignment() {
        return consumer.assignment();
    }

    /** Returns the restore consumer's metrics. */
    Map<MetricName, ? extends Metric> consumerMetrics() {
        return consumer.metrics();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
