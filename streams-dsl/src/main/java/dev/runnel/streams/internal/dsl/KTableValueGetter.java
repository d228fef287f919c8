package dev.runnel.streams.internal.dsl;

import dev.runnel.streams.processor.api.ProcessingContext;
import dev.runnel.streams.state.ValueAndTimestamp;

/**
 * Reads a table's current value for a key, from its store or, for a table that is not materialized, by applying
 * its operator to its parent's value. One instance per processor; not thread-safe.
 */
public interface KTableValueGetter<K, V> {
    /** Looks up the stores; called from the owning processor's {@code init}. */
    void init(ProcessingContext context);

    /** Returns the value and timestamp of {@code key}, or {@code null} if the table has no value for it. */
    ValueAndTimestamp<V> get(K key);
}
