package dev.runnel.streams.processor;

import dev.runnel.common.serialization.Serde;
import dev.runnel.streams.StreamsMetrics;
import dev.runnel.streams.processor.api.RecordMetadata;
import java.io.File;
import java.util.Map;
import java.util.Optional;

/** What a state store sees of its task while it is initialized and used. Not thread-safe; owned by the task. */
public interface StateStoreContext {
    /** Returns the {@code application.id}. */
    String applicationId();

    /** Returns the id of the task that owns the store. */
    TaskId taskId();

    /** Returns the metadata of the record being processed, or empty outside processing. */
    Optional<RecordMetadata> recordMetadata();

    /** Returns the default key serde of the application ({@code default.key.serde}), or {@code null} if unset. */
    Serde<?> keySerde();

    /** Returns the default value serde of the application ({@code default.value.serde}), or {@code null}. */
    Serde<?> valueSerde();

    /** Returns the task's state directory ({@code state.dir}/{@code application.id}/{@code taskId}). */
    File stateDir();

    /**
     * Registers a store so that the runtime restores it from its changelog and flushes and closes it with the task.
     *
     * @throws IllegalArgumentException if a store with the same name is already registered
     */
    void register(StateStore store, StateRestoreCallback stateRestoreCallback);

    /**
     * Registers a store as {@link #register(StateStore, StateRestoreCallback)} does, and has the runtime call
     * {@code commitCallback} after each commit of the task.
     *
     * @throws IllegalArgumentException if a store with the same name is already registered
     */
    void register(StateStore store, StateRestoreCallback stateRestoreCallback, CommitCallback commitCallback);

    /** Returns all application configs, with the defaults filled in. */
    Map<String, Object> appConfigs();

    /** Returns the configs whose key starts with {@code prefix}, with the prefix removed. */
    Map<String, Object> appConfigsWithPrefix(String prefix);

    /** Returns the client's metrics, where the store can add its own sensors (see {@link StreamsMetrics}). */
    StreamsMetrics metrics();
}
