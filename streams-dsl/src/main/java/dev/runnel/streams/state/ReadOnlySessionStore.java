package dev.runnel.streams.state;

import static dev.runnel.streams.internal.state.TimeArguments.millis;

import dev.runnel.streams.kstream.Windowed;
import java.time.Instant;

/**
 * Read access to a session store: aggregates per key and session window {@code [start, end]}. Forward iteration is
 * in ascending session end, then key, then start; backward is the exact reverse. As in Kafka Streams, an
 * implementation needs only {@link #fetch(Object)} and {@link #fetch(Object, Object)}: the other reads refuse with an
 * {@link UnsupportedOperationException} unless it overrides them.
 */
public interface ReadOnlySessionStore<K, AGG> {
    /**
     * Returns the sessions of {@code key} that end at or after {@code earliestSessionEndTime} and start at or before
     * {@code latestSessionStartTime}: those that may merge with a record in between.
     */
    default KeyValueIterator<Windowed<K>, AGG> findSessions(K key, long earliestSessionEndTime,
        long latestSessionStartTime) {
        throw unsupported();
    }

    /** As {@link #findSessions(Object, long, long)}, in reverse order. */
    default KeyValueIterator<Windowed<K>, AGG> backwardFindSessions(K key, long earliestSessionEndTime,
        long latestSessionStartTime) {
        throw unsupported();
    }

    /** As {@link #findSessions(Object, long, long)} for the keys in {@code [keyFrom, keyTo]} (null = open). */
    default KeyValueIterator<Windowed<K>, AGG> findSessions(K keyFrom, K keyTo, long earliestSessionEndTime,
        long latestSessionStartTime) {
        throw unsupported();
    }

    /** As {@link #findSessions(Object, Object, long, long)}, in reverse order. */
    default KeyValueIterator<Windowed<K>, AGG> backwardFindSessions(K keyFrom, K keyTo, long earliestSessionEndTime,
        long latestSessionStartTime) {
        throw unsupported();
    }

    /** Returns the aggregate of the session of {@code key} exactly {@code [sessionStartTime, sessionEndTime]}. */
    default AGG fetchSession(K key, long sessionStartTime, long sessionEndTime) {
        throw unsupported();
    }

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
    default KeyValueIterator<Windowed<K>, AGG> backwardFetch(K key) {
        throw unsupported();
    }

    /** Returns every session of the keys in {@code [keyFrom, keyTo]} (null = open). */
    KeyValueIterator<Windowed<K>, AGG> fetch(K keyFrom, K keyTo);

    /** As {@link #fetch(Object, Object)}, in reverse order. */
    default KeyValueIterator<Windowed<K>, AGG> backwardFetch(K keyFrom, K keyTo) {
        throw unsupported();
    }

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("This API is not supported by this implementation of"
            + " ReadOnlySessionStore.");
    }
}
