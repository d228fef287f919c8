package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.SessionStore;
import java.util.Objects;

/**
 * The outermost, typed layer of a session store (serdes and conversions in {@link MeteredStore}). Not thread-safe for
 * writes; owned by the task.
 */
public class MeteredSessionStore<K, AGG> extends MeteredStore<SessionStore<Bytes, byte[]>, K, AGG>
    implements SessionStore<K, AGG> {

    /** Wraps the bytes store; either serde may be {@code null} for the application default. */
    public MeteredSessionStore(SessionStore<Bytes, byte[]> wrapped, Serde<K> keySerde, Serde<?> valueSerde) {
        super(wrapped, keySerde, valueSerde);
    }

    private Windowed<Bytes> rawSessionKey(Windowed<K> sessionKey) {
        Objects.requireNonNull(sessionKey, "sessionKey cannot be null");
        return new Windowed<>(rawKey(sessionKey.key()), sessionKey.window());
    }

    private Windowed<K> sessionKey(Windowed<Bytes> raw) {
        return new Windowed<>(key(raw.key().get()), raw.window());
    }

    private KeyValueIterator<Windowed<K>, AGG> typed(KeyValueIterator<Windowed<Bytes>, byte[]> raw) {
        return new MappedKeyValueIterator<>(raw, this::sessionKey, this::value);
    }

    /**
     * Sets the receiver of the entries the caching layer below writes down, deserialized; returns whether there is a
     * caching layer (if not, the operator forwards every update itself).
     */
    public boolean setFlushListener(CacheFlushListener<Windowed<K>, AGG> flushListener, boolean sendOldValues) {
        CachingSessionStore caching = WrappedStateStore.layer(wrapped(), CachingSessionStore.class);
        return caching != null && caching.setFlushListener((key, newValue, oldValue, timestamp) -> flushListener
            .apply(sessionKey(key), value(newValue), value(oldValue), timestamp), sendOldValues);
    }

    @Override
    public void put(Windowed<K> sessionKey, AGG aggregate) {
        wrapped().put(rawSessionKey(sessionKey), rawValue(aggregate));
    }

    @Override
    public void remove(Windowed<K> sessionKey) {
        wrapped().remove(rawSessionKey(sessionKey));
    }

    @Override
    public AGG fetchSession(K key, long sessionStartTime, long sessionEndTime) {
        return value(wrapped().fetchSession(rawKey(key), sessionStartTime, sessionEndTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> findSessions(K key, long earliestSessionEndTime,
        long latestSessionStartTime) {
        return typed(wrapped().findSessions(rawKey(key), earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> backwardFindSessions(K key, long earliestSessionEndTime,
        long latestSessionStartTime) {
        return typed(wrapped().backwardFindSessions(rawKey(key), earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> findSessions(K keyFrom, K keyTo, long earliestSessionEndTime,
        long latestSessionStartTime) {
        return typed(wrapped().findSessions(rawKeyOrNull(keyFrom), rawKeyOrNull(keyTo), earliestSessionEndTime,
            latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> backwardFindSessions(K keyFrom, K keyTo, long earliestSessionEndTime,
        long latestSessionStartTime) {
        return typed(wrapped().backwardFindSessions(rawKeyOrNull(keyFrom), rawKeyOrNull(keyTo), earliestSessionEndTime,
            latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> findSessions(long earliestSessionEndTime, long latestSessionEndTime) {
        return typed(wrapped().findSessions(earliestSessionEndTime, latestSessionEndTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> fetch(K key) {
        return typed(wrapped().fetch(rawKey(key)));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> backwardFetch(K key) {
        return typed(wrapped().backwardFetch(rawKey(key)));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> fetch(K keyFrom, K keyTo) {
        return typed(wrapped().fetch(rawKeyOrNull(keyFrom), rawKeyOrNull(keyTo)));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> backwardFetch(K keyFrom, K keyTo) {
        return typed(wrapped().backwardFetch(rawKeyOrNull(keyFrom), rawKeyOrNull(keyTo)));
    }
}
