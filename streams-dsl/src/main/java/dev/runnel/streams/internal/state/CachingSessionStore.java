package dev.runnel.streams.internal.state;

import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.kstream.SessionWindow;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.SessionStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;

/**
 * The caching layer of a session store ({@link AbstractCachingWindowedStore}). Entries are keyed by
 * {@link WindowKeySchema#toSessionKeyBinary}; a removal caches a deletion, which flushes as a tombstone with the
 * removed aggregate as old value. Reads of one key's sessions merge cache and store; reads of key ranges flush
 * first. Threading as the base class.
 */
final class CachingSessionStore extends AbstractCachingWindowedStore<SessionStore<Bytes, byte[]>>
    implements SessionStore<Bytes, byte[]> {
    /** One key's sessions in the store's order: by end, then start. */
    private static final Comparator<Windowed<Bytes>> FORWARD = Comparator
        .comparingLong((Windowed<Bytes> session) -> session.window().end())
        .thenComparingLong(session -> session.window().start());
    private static final Comparator<Windowed<Bytes>> BACKWARD = FORWARD.reversed();

    CachingSessionStore(SessionStore<Bytes, byte[]> wrapped) {
        super(wrapped);
    }

    @Override
    public void put(Windowed<Bytes> sessionKey, byte[] aggregate) {
        Objects.requireNonNull(sessionKey, "sessionKey cannot be null");
        putWindow(sessionKey, aggregate);
    }

    @Override
    public void remove(Windowed<Bytes> sessionKey) {
        put(sessionKey, null);
    }

    @Override
    public byte[] fetchSession(Bytes key, long sessionStartTime, long sessionEndTime) {
        ThreadCache.Entry entry = cached(WindowKeySchema.toSessionKeyBinary(key, sessionStartTime, sessionEndTime));
        return entry != null ? entry.value : wrapped().fetchSession(key, sessionStartTime, sessionEndTime);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(Bytes key, long earliestSessionEndTime,
        long latestSessionStartTime) {
        return findKey(key, earliestSessionEndTime, latestSessionStartTime, false);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFindSessions(Bytes key, long earliestSessionEndTime,
        long latestSessionStartTime) {
        return findKey(key, earliestSessionEndTime, latestSessionStartTime, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes key) {
        return findKey(key, 0L, Long.MAX_VALUE, false);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes key) {
        return findKey(key, 0L, Long.MAX_VALUE, true);
    }

    private KeyValueIterator<Windowed<Bytes>, byte[]> findKey(Bytes key, long earliestEnd, long latestStart,
        boolean backward) {
        Objects.requireNonNull(key, "key cannot be null");
        // Binary session keys sort by end, then start; session times are never negative.
        NavigableMap<Bytes, ThreadCache.Entry> dirty = dirtyRange(key,
            WindowKeySchema.toSessionKeyBinary(key, 0L, Math.max(earliestEnd, 0L)),
            WindowKeySchema.toSessionKeyBinary(key, Long.MAX_VALUE, Long.MAX_VALUE));
        List<KeyValue<Windowed<Bytes>, byte[]>> cached = new ArrayList<>();
        for (Map.Entry<Bytes, ThreadCache.Entry> session : dirty.entrySet()) {
            byte[] raw = session.getKey().get();
            long start = WindowKeySchema.extractSessionStart(raw);
            if (start <= latestStart) {
                cached.add(KeyValue.pair(new Windowed<>(key, new SessionWindow(start,
                    WindowKeySchema.extractSessionEnd(raw))), session.getValue().value));
            }
        }
        KeyValueIterator<Windowed<Bytes>, byte[]> stored = backward
            ? wrapped().backwardFindSessions(key, earliestEnd, latestStart)
            : wrapped().findSessions(key, earliestEnd, latestStart);
        return cached.isEmpty() ? stored
            : new MergedCacheIterator<>(stored, new ListKeyValueIterator<>(cached, backward),
                backward ? BACKWARD : FORWARD);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(Bytes keyFrom, Bytes keyTo,
        long earliestSessionEndTime, long latestSessionStartTime) {
        flushForScan();
        return wrapped().findSessions(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFindSessions(Bytes keyFrom, Bytes keyTo,
        long earliestSessionEndTime, long latestSessionStartTime) {
        flushForScan();
        return wrapped().backwardFindSessions(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo) {
        flushForScan();
        return wrapped().fetch(keyFrom, keyTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes keyFrom, Bytes keyTo) {
        flushForScan();
        return wrapped().backwardFetch(keyFrom, keyTo);
    }

    @Override
    Bytes cacheKey(Windowed<Bytes> key) {
        return WindowKeySchema.toSessionKeyBinary(key.key(), key.window().start(), key.window().end());
    }

    @Override
    Windowed<Bytes> windowedKey(Bytes cacheKey) {
        byte[] raw = cacheKey.get();
        return new Windowed<>(WindowKeySchema.extractSessionKey(raw), new SessionWindow(
            WindowKeySchema.extractSessionStart(raw), WindowKeySchema.extractSessionEnd(raw)));
    }

    @Override
    byte[] read(Windowed<Bytes> key) {
        return wrapped().fetchSession(key.key(), key.window().start(), key.window().end());
    }

    @Override
    void write(Windowed<Bytes> key, byte[] value) {
        wrapped().put(key, value);
    }
}
