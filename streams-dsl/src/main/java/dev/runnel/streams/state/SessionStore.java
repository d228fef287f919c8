package dev.runnel.streams.state;

import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.processor.StateStore;

/**
 * A store of session aggregates keyed by record key and session window, with a retention period measured from the
 * session end in stream time (the largest session end written). Not thread-safe for writes; owned by the task.
 */
public interface SessionStore<K, AGG> extends StateStore, ReadOnlySessionStore<K, AGG> {
    /**
     * Returns the sessions of all keys that end in {@code [earliestSessionEndTime, latestSessionEndTime]}, by end,
     * then key, then start: what a session aggregation emitting final results emits once they have closed.
     *
     * @throws UnsupportedOperationException unless the store implements it, as Runnel's session stores do
     */
    default KeyValueIterator<Windowed<K>, AGG> findSessions(long earliestSessionEndTime, long latestSessionEndTime) {
        throw new UnsupportedOperationException("This API is not supported by this implementation of SessionStore.");
    }

    /** Removes the session {@code sessionKey}. */
    void remove(Windowed<K> sessionKey);

    /** Puts the aggregate of session {@code sessionKey}; a {@code null} aggregate removes it. */
    void put(Windowed<K> sessionKey, AGG aggregate);
}
