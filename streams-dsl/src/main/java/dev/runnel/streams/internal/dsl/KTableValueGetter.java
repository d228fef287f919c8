package dev.runnel.streams.internal.dsl;

import dev.runnel.streams.processor.api.ProcessingContext;
import dev.runnel.streams.state.ValueAndTimestamp;

/**
 * Reads a table's current value for a key, from its store or, for a table that is not materialized, by applying
 * its operator to its parent's value. A getter of a table materialized in a versioned store also reads the value a
 * key had at a past time (KIP-914). One instance per processor; not thread-safe.
 */
public interface KTableValueGetter<K, V> {
    /** Looks up the stores; called from the owning processor's {@code init}. */
    void init(ProcessingContext context);

    /** Returns the value and timestamp of {@code key}, or {@code null} if the table has no value for it. */
    ValueAndTimestamp<V> get(K key);

    /**
     * Releases what the getter holds, such as a transformer, and closes the getters it wraps; called from the owning
     * processor's {@code close}, also when its {@code init} did not run. Does nothing by default.
     */
    default void close() {
    }

    /** Returns whether the table keeps versions, so that {@link #get(Object, long)} may be called; known after init. */
    default boolean isVersioned() {
        return false;
    }

    /**
     * Returns the value and timestamp {@code key} had at {@code asOfTimestamp}, or {@code null} if it had none then
     * (or that time is older than the table's history retention).
     *
     * @throws UnsupportedOperationException if the table is not versioned
     */
    default ValueAndTimestamp<V> get(K key, long asOfTimestamp) {
        throw new UnsupportedOperationException("This table keeps no versions; check isVersioned() first");
    }
}
