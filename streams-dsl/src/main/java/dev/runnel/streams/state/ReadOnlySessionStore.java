package dev.runnel.streams.state;

import static dev.runnel.streams.internal.state.InstantArguments.millis;

import dev.runnel.streams.kstream.Windowed;
import java.time.Instant;

/**
 * Read access to a session store: aggregates per key and session window {@code [start, end]}. Forward iteration is
 * in ascending session end, then key, then start; backward is the exact reverse.
 */
public interface ReadOnlySessionStore<K, AGG> {
    /**
     * Returns the sessions of {@code key} that end at or after {@code earliestSessionEndTime} and start at or before
     * {@code latestSessionStartTime}: those that may merge with a record in between.
     */
    KeyValueIterator<Windowed<K>, AGG> findSessions(K key, long earliestSessionEndTime, long latestSessionStartTime);

    /** As {@link #findSessions(Object, long, long)}, in reverse order. */
    KeyValueIterator<Windowed<K>, AGG> backwardFindSessions(K key, long earliestSessionEndTime,
        long latestSessionStartTime);

    /** As {@link #findSessions(Object, long, long)} for the keys in {@code [keyFrom, keyTo]} (null = open). */
    KeyValueIterator<Windowed<K>, AGG> findSessions(K keyFrom, K keyTo, long earliestSessionEndTime,
        long latestSessionStartTime);

    /** As {@link #findSessions(Object, Object, long, long)}, in reverse order. */
    KeyValueIterator<Windowed<K>, AGG> backwardFindSessions(K keyFrom, K keyTo, long earliestSessionEndTime,
        long latestSessionStartTime);

    /** Returns the aggregate of the session of {@code key} exactly {@code [sessionStartTime, sessionEndTime]}. */
    AGG fetchSession(K key, long sessionStartTime, long sessionEndTime);

    /** As {@link #findSessions(Object, long, long)}, with the times as instants. */
    default KeyValueIterator<Windowed<K>, AGG> findSessions(K key, Instant earliestSessionEndTime,
        Instant latestSessionStartTime) {
        return findSessions(key, millis(earliestSessionEndTime, "earliestSessionEndTime"),
            millis(latestSessionStartTime, "latestSessionStartTime"));
    }

    /** As {@link #backwardFindSessions(Object, long, long)}, with the times as instants. */
    default KeyValueIterator<Windowed<K>, AGG> backwardFindSessions(K key, Instant earliestSessionEndTime,
        Instant latestSessionStartTime) {
        return backwardFindSessions(key, millis(earliestSessionEndTime, "earliestSessionEndTime"),
            millis(latestSessionStartTime, "latestSessionStartTime"));
    }

    /** As {@link #findSessions(Object, Object, long, long)}, with the times as instants. */
    default KeyValueIterator<Windowed<K>, AGG> findSessions(K keyFrom, K keyTo, Instant earliestSessionEndTime,
        Instant latestSessionStartTime) {
        return findSessions(keyFrom, keyTo, millis(earliestSessionEndTime, "earliestSessionEndTime"),
            millis(latestSessionStartTime, "latestSessionStartTime"));
    }

    /** As {@link #backwardFindSessions(Object, Object, long, long)}, with the times as instants. */
    default KeyValueIterator<Windowed<K>, AGG> backwardFindSessions(K keyFrom, K keyTo,
        Instant earliestSessionEndTime, Instant latestSessionStartTime) {
        return backwardFindSessions(keyFrom, keyTo, millis(earliestSessionEndTime, "earliestSessionEndTime"),
            millis(latestSessionStartTime, "latestSessionStartTime"));
    }

    /** As {@link #fetchSession(Object, long, long)}, with the times as instants. */
    default AGG fetchSession(K key, Instant sessionStartTime, Instant sessionEndTime) {
        return fetchSession(key, millis(sessionStartTime, "sessionStartTime"),
            millis(sessionEndTime, "sessionEndTime"));
    }

    /** Returns every session of {@code key}. */
    KeyValueIterator<Windowed<K>, AGG> fetch(K key);

    /** Returns every session of {@code key}, in reverse order. */
    KeyValueIterator<Windowed<K>, AGG> backwardFetch(K key);

    /** Returns every session of the keys in {@code [keyFrom, keyTo]} (null = open). */
    KeyValueIterator<Windowed<K>, AGG> fetch(K keyFrom, K keyTo);

    /** As {@link #fetch(Object, Object)}, in reverse order. */
    KeyValueIterator<Windowed<K>, AGG> backwardFetch(K keyFrom, K keyTo);
}
