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
import java.util.Objects;

/**
 * The caching layer of a session store ({@link AbstractCachingWindowedStore}). Entries are keyed by
 * {@link WindowKeySchema#toSessionKeyBinary}; a removal caches a deletion, which flushes as a tombstone with the
 * removed aggregate as old value. Reads merge cache and store (see the base class's scan). Threading as the base class.
 */
final class CachingSessionStore extends AbstractCachingWindowedStore<SessionStore<Bytes, byte[]>>
    implements SessionStore<Bytes, byte[]> {
    /** One key's sessions in the store's order: by end, then start. */
    private static final Comparator<Windowed<Bytes>> FORWARD = Comparator
        .comparingLong((Windowed<Bytes> session) -> session.window().end())
        .thenComparingLong(session -> session.window().start());
    private static final Comparator<Windowed<Bytes>> BACKWARD = FORWARD.reversed();
    /** The store's order of scans across keys: by end, then key, then start. */
    private static final Comparator<Windowed<Bytes>> BY_END_KEY_START = Comparator
        .comparingLong((Windowed<Bytes> session) -> session.window().end())
        .thenComparing(Windowed::key)
        .thenComparingLong(session -> session.window().start());

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
        List<KeyValue<Bytes, byte[]>> sessions = cachedRange(key,
            WindowKeySchema.toSessionKeyBinary(key, 0L, Math.max(earliestEnd, 0L)),
            WindowKeySchema.toSessionKeyBinary(key, Long.MAX_VALUE, Long.MAX_VALUE));
        List<KeyValue<Windowed<Bytes>, byte[]>> cached = new ArrayList<>();
        for (KeyValue<Bytes, byte[]> session : sessions) {
            byte[] raw = session.key.get();
            long start = WindowKeySchema.extractSessionStart(raw);
            if (start <= latestStart) {
                cached.add(KeyValue.pair(new Windowed<>(key, new SessionWindow(start,
                    WindowKeySchema.extractSessionEnd(raw))), session.value));
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
        return scan(session -> overlaps(session, keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime),
            BY_END_KEY_START, false,
            () -> wrapped().findSessions(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFindSessions(Bytes keyFrom, Bytes keyTo,
        long earliestSessionEndTime, long latestSessionStartTime) {
        return scan(session -> overlaps(session, keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime),
            BY_END_KEY_START, true,
            () -> wrapped().backwardFindSessions(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(long earliestSessionEndTime,
        long latestSessionEndTime) {
        return scanAllKeys(session -> session.window().end() >= earliestSessionEndTime
                && session.window().end() <= latestSessionEndTime, BY_END_KEY_START, false,
            () -> wrapped().findSessions(earliestSessionEndTime, latestSessionEndTime));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo) {
        return scan(session -> inKeyRange(session.key(), keyFrom, keyTo), BY_END_KEY_START, false,
            () -> wrapped().fetch(keyFrom, keyTo));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes keyFrom, Bytes keyTo) {
        return scan(session -> inKeyRange(session.key(), keyFrom, keyTo), BY_END_KEY_START, true,
            () -> wrapped().backwardFetch(keyFrom, keyTo));
    }

    private static boolean overlaps(Windowed<Bytes> session, Bytes keyFrom, Bytes keyTo, long earliestEnd,
        long latestStart) {
        return inKeyRange(session.key(), keyFrom, keyTo) && session.window().end() >= earliestEnd
            && session.window().start() <= latestStart;
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
