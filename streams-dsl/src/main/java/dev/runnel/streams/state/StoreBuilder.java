package dev.runnel.streams.state;

import dev.runnel.streams.processor.StateStore;
import java.util.Map;

/**
 * Builds a task's store: the supplier's bytes store, wrapped in a change-logging layer (on by default), a caching
 * layer (off by default) and a typed layer that applies the serdes.
 *
 * <p>As in Kafka Streams the {@code withX} methods change this builder and return it. {@link #build()} returns a new
 * store every call; the topology calls it once per task.
 */
public interface StoreBuilder<T extends StateStore> {
    /** Enables the record cache in front of the store. */
    StoreBuilder<T> withCachingEnabled();

    /** Disables the record cache. */
    StoreBuilder<T> withCachingDisabled();

    /** Enables the changelog, with topic configs such as {@code min.insync.replicas}. */
    StoreBuilder<T> withLoggingEnabled(Map<String, String> config);

    /** Disables the changelog: the store starts empty on every restart. */
    StoreBuilder<T> withLoggingDisabled();

    /** Returns a new store. */
    T build();

    /** Returns the changelog topic configs. */
    Map<String, String> logConfig();

    /** Returns whether the changelog is enabled. */
    boolean loggingEnabled();

    /** Returns the store name. */
    String name();
}
