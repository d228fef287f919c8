package dev.runnel.streams.state;

import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.processor.StateStore;

/**
 * A store of session aggregates keyed by record key and session window, with a retention period measured from the
 * session end in stream time (the largest session end written). Not thread-safe for writes; owned by the task.
 */
public interface SessionStore<K, AGG> extends StateStore, ReadOnlySessionStore<K, AGG> {
    /** Removes the session {@code sessionKey}. */
    void remove(Windowed<K> sessionKey);

    /** Puts the aggregate of session {@code sessionKey}; a {@code null} aggregate removes it. */
    void put(Windowed<K> sessionKey, AGG aggregate);
}
