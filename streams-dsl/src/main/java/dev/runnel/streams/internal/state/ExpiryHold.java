package dev.runnel.streams.internal.state;

import dev.runnel.streams.processor.StateStore;

/**
 * A window or session store that can keep expired windows while someone still has to read them: an
 * {@code emitStrategy(onWindowClose)} aggregation reads each closed window once, at most once a second of wall-clock
 * time, and a store whose retention is only its windows' size plus grace would otherwise drop a window that closed
 * since the last read as soon as a later window comes (Kafka's default RocksDB stores drop expired windows by the
 * minute, which mostly spares them).
 */
public interface ExpiryHold {
    /** Keeps, and shows to reads, every window from {@code time} on (its start; a session's end), expired or not. */
    void holdExpiryFrom(long time);

    /** Returns the hold of the store below {@code store}'s layers, or one doing nothing if it keeps none. */
    static ExpiryHold of(StateStore store) {
        ExpiryHold hold = WrappedStateStore.layer(store, ExpiryHold.class);
        return hold != null ? hold : time -> { };
    }
}
