package dev.runnel.streams.internal.state;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.SessionStore;
import java.util.Objects;

/**
 * The outermost, typed layer of a session store (serdes, conversions and store metrics in {@link MeteredStore}).
 * Not thread-safe for writes; owned by the task.
 */
public class MeteredSessionStore<K, AGG> extends MeteredWindowedStore<SessionStore<Bytes, byte[]>, K, AGG>
    implements SessionStore<K, AGG> {
    private StateStoreMetrics.Operation removeOperation = StateStoreMetrics.Operation.OFF;

    /**
     * Wraps the bytes store; either serde may be {@code null} for the application default. {@code metricsScope} is
     * the store supplier's, which names the store's metrics tag {@code <metricsScope>-state-id}.
     */
    public MeteredSessionStore(SessionStore<Bytes, byte[]> wrapped, Serde<K> keySerde, Serde<?> valueSerde,
        String metricsScope) {
        super(wrapped, keySerde, valueSerde, metricsScope);
    }

    @Override
    protected void addOperationMetrics(StateStoreMetrics metrics) {
        super.addOperationMetrics(metrics);
        removeOperation = metrics.operation("remove");
    }

    private Windowed<Bytes> rawSessionKey(Windowed<K> sessionKey) {
        Objects.requireNonNull(sessionKey, "sessionKey cannot be null");
        return new Windowed<>(rawKey(sessionKey.key()), sessionKey.window());
    }

    @Override
    public void put(Windowed<K> sessionKey, AGG aggregate) {
        long start = putOperation.start();
        wrapped().put(rawSessionKey(sessionKey), rawValue(aggregate));
        putOperation.record(start);
        recordWrite();
    }

    @Override
    public void remove(Windowed<K> sessionKey) {
        long start = removeOperation.start();
        wrapped().remove(rawSessionKey(sessionKey));
        removeOperation.record(start);
    }

    @Override
    public AGG fetchSession(K key, long sessionStartTime, long sessionEndTime) {
        long start = fetchOperation.start();
        AGG aggregate = value(wrapped().fetchSession(rawKey(key), sessionStartTime, sessionEndTime));
        fetchOperation.record(start);
        return aggregate;
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> findSessions(K key, long earliestSessionEndTime,
        long latestSessionStartTime) {
        long start = fetchOperation.start();
        return typed(wrapped().findSessions(rawKey(key), earliestSessionEndTime, latestSessionStartTime), start);
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> backwardFindSessions(K key, long earliestSessionEndTime,
        long latestSessionStartTime) {
        long start = fetchOperation.start();
        return typed(wrapped().backwardFindSessions(rawKey(key), earliestSessionEndTime, latestSessionStartTime),
            start);
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> findSessions(K keyFrom, K keyTo, long earliestSessionEndTime,
        long latestSessionStartTime) {
        long start = fetchOperation.start();
        return typed(wrapped().findSessions(rawKeyOrNull(keyFrom), rawKeyOrNull(keyTo), earliestSessionEndTime,
            latestSessionStartTime), start);
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> backwardFindSessions(K keyFrom, K keyTo, long earliestSessionEndTime,
        long latestSessionStartTime) {
        long start = fetchOperation.start();
        return typed(wrapped().backwardFindSessions(rawKeyOrNull(keyFrom), rawKeyOrNull(keyTo), earliestSessionEndTime,
            latestSessionStartTime), start);
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> findSessions(long earliestSessionEndTime, long latestSessionEndTime) {
        long start = fetchOperation.start();
        return typed(wrapped().findSessions(earliestSessionEndTime, latestSessionEndTime), start);
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> fetch(K key) {
        long start = fetchOperation.start();
        return typed(wrapped().fetch(rawKey(key)), start);
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> backwardFetch(K key) {
        long start = fetchOperation.start();
        return typed(wrapped().backwardFetch(rawKey(key)), start);
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> fetch(K keyFrom, K keyTo) {
        long start = fetchOperation.start();
        return typed(wrapped().fetch(rawKeyOrNull(keyFrom), rawKeyOrNull(keyTo)), start);
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> backwardFetch(K keyFrom, K keyTo) {
        long start = fetchOperation.start();
        return typed(wrapped().backwardFetch(rawKeyOrNull(keyFrom), rawKeyOrNull(keyTo)), start);
    }
}
