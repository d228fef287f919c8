package dev.runnel.streams.internal.state;

import dev.runnel.common.header.Headers;
import dev.runnel.common.metrics.Sensor.RecordingLevel;
import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Bytes;
import dev.runnel.common.utils.ManualTime;
import dev.runnel.streams.StreamsMetrics;
import dev.runnel.streams.internal.metrics.StreamsMetricsRegistry;
import dev.runnel.streams.internal.runtime.ProcessorRecordContext;
import dev.runnel.streams.processor.CommitCallback;
import dev.runnel.streams.processor.RecordContext;
import dev.runnel.streams.processor.StateRestoreCallback;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.TaskId;
import dev.runnel.streams.processor.api.RecordMetadata;
import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A store context outside any task that keeps restore callbacks and changelog writes, to test restoration. */
class RecordingStoreContext implements InternalStateStoreContext {
    /** One changelog record. */
    record Change(Bytes key, byte[] value, long timestamp) {
    }

    final Map<String, StateRestoreCallback> restoreCallbacks = new HashMap<>();
    final List<Change> changelog = new ArrayList<>();
    final StreamsMetricsRegistry metrics = new StreamsMetricsRegistry(new ManualTime(0L), RecordingLevel.INFO, false);
    private final ThreadCache threadCache;
    long recordTimestamp;

    /** A context whose stores are not cached. */
    RecordingStoreContext() {
        this(null);
    }

    /** A context whose stores cache in {@code threadCache} ({@code null}: not cached). */
    RecordingStoreContext(ThreadCache threadCache) {
        this.threadCache = threadCache;
    }

    /** Replays every recorded change, in order and with its timestamp, into the store registered as storeName. */
    void restoreInto(RecordingStoreContext target, String storeName) {
        StateRestoreCallback callback = target.restoreCallbacks.get(storeName);
        for (Change change : changelog) {
            if (callback instanceof TimestampedStateRestoreCallback timestamped) {
                timestamped.restore(change.key().get(), change.value(), change.timestamp());
            } else {
                callback.restore(change.key().get(), change.value());
            }
        }
    }

    @Override
    public ChangeLogger changeLogger(String storeName, StoreValueLayout layout) {
        return PlainValueChangeLogger.of((key, value, timestamp, headers) -> changelog.add(
            new Change(key, value, timestamp)), layout);
    }

    @Override
    public ThreadCache threadCache() {
        return threadCache;
    }

    @Override
    public long recordTimestamp() {
        return recordTimestamp;
    }

    /** The record context here is just the record's timestamp: no topic, partition, offset or headers. */
    @Override
    public RecordContext recordContext() {
        return new ProcessorRecordContext(recordTimestamp, -1L, -1, null, null);
    }

    @Override
    public Object enterRecordContext(long timestamp, String topic, int partition, long offset, Headers headers) {
        long previous = recordTimestamp;
        recordTimestamp = timestamp;
        return previous;
    }

    @Override
    public void restoreRecordContext(Object previous) {
        recordTimestamp = (Long) previous;
    }

    @Override
    public String applicationId() {
        return "app";
    }

    @Override
    public TaskId taskId() {
        return new TaskId(0, 0);
    }

    @Override
    public Optional<RecordMetadata> recordMetadata() {
        return Optional.empty();
    }

    @Override
    public Serde<?> keySerde() {
        return null;
    }

    @Override
    public Serde<?> valueSerde() {
        return null;
    }

    @Override
    public File stateDir() {
        return new File("unused");
    }

    @Override
    public void register(StateStore store, StateRestoreCallback stateRestoreCallback) {
        if (restoreCallbacks.putIfAbsent(store.name(), stateRestoreCallback) != null) {
            throw new IllegalArgumentException("Store " + store.name() + " is already registered");
        }
    }

    @Override
    public void register(StateStore store, StateRestoreCallback stateRestoreCallback,
        CommitCallback commitCallback) {
        register(store, stateRestoreCallback);
    }

    @Override
    public Map<String, Object> appConfigs() {
        return Map.of();
    }

    @Override
    public Map<String, Object> appConfigsWithPrefix(String prefix) {
        return Map.of();
    }

    @Override
    public StreamsMetrics metrics() {
        return metrics.streamsMetrics();
    }
}
