package dev.runnel.streams.internal.state;

import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.kstream.SessionWindow;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.StateStoreContext;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.SessionStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The innermost session store: aggregates by session end, then key, then session start. Thread-safe: every method
 * is synchronized and iterators walk a snapshot.
 */
public final class InMemorySessionStore extends InMemoryWindowedStore implements SessionStore<Bytes, byte[]> {
    /*
     * Retention is measured from the session end: the store's stream time is the largest session end written, and a
     * session is live while end > streamTime - retentionPeriod. Expired sessions are cleared on each write (a
     * headMap clear on the end-ordered map); reads clamp to live sessions. Ordering by end first makes both the
     * expiry and findSessions' "end >= earliestSessionEndTime" bound range scans. An expiry hold (ExpiryHold) keeps
     * expired sessions from an end on, shown to scans of all keys, until it moves.
     */
    private static final Logger LOG = LoggerFactory.getLogger(InMemorySessionStore.class);

    private final long retentionPeriod;
    private final NavigableMap<Long, NavigableMap<Bytes, NavigableMap<Long, byte[]>>> sessions = new TreeMap<>();
    private long observedStreamTime = -1L;

    /** Creates a closed store; {@link #init} opens it. */
    public InMemorySessionStore(String name, long retentionPeriod) {
        super(name);
        this.retentionPeriod = retentionPeriod;
    }

    @Override
    public synchronized void init(StateStoreContext context, StateStore root) {
        if (root != null) {
            context.register(root, (key, value) -> write(WindowKeySchema.extractSessionKey(key),
                WindowKeySchema.extractSessionStart(key), WindowKeySchema.extractSessionEnd(key), value));
        }
        setOpen(true);
    }

    @Override
    public synchronized void put(Windowed<Bytes> sessionKey, byte[] aggregate) {
        requireOpen();
        Objects.requireNonNull(sessionKey, "sessionKey cannot be null");
        write(sessionKey.key(), sessionKey.window().start(), sessionKey.window().end(), aggregate);
    }

    @Override
    public void remove(Windowed<Bytes> sessionKey) {
        put(sessionKey, null);
    }

    private synchronized void write(Bytes key, long start, long end, byte[] aggregate) {
        observedStreamTime = Math.max(observedStreamTime, end);
        sessions.headMap(keptFrom(observedStreamTime - retentionPeriod), false).clear();
        if (end < keptFrom(observedStreamTime - retentionPeriod)) {
            LOG.warn("Skipping record for expired session in store {}: session end {} is at or before stream time {}"
                + " minus retention {}", name, end, observedStreamTime, retentionPeriod);
            return;
        }
        if (aggregate == null) {
            NavigableMap<Bytes, NavigableMap<Long, byte[]>> keys = sessions.get(end);
            NavigableMap<Long, byte[]> starts = keys == null ? null : keys.get(key);
            if (starts != null) {
                starts.remove(start);
                if (starts.isEmpty()) {
                    keys.remove(key);
                    if (keys.isEmpty()) {
                        sessions.remove(end);
                    }
                }
            }
            return;
        }
        sessions.computeIfAbsent(end, e -> new TreeMap<>()).computeIfAbsent(key, k -> new TreeMap<>())
            .put(start, aggregate);
    }

    @Override
    synchronized long numEntries() {
        long entries = 0;
        for (NavigableMap<Bytes, NavigableMap<Long, byte[]>> keys : sessions.values()) {
            for (NavigableMap<Long, byte[]> starts : keys.values()) {
                entries += starts.size();
            }
        }
        return entries;
    }

    @Override
    public synchronized byte[] fetchSession(Bytes key, long sessionStartTime, long sessionEndTime) {
        requireOpen();
        if (sessionEndTime <= observedStreamTime - retentionPeriod) {
            return null;
        }
        NavigableMap<Bytes, NavigableMap<Long, byte[]>> keys = sessions.get(sessionEndTime);
        NavigableMap<Long, byte[]> starts = keys == null ? null : keys.get(key);
        return starts == null ? null : starts.get(sessionStartTime);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(Bytes key, long earliestSessionEndTime,
        long latestSessionStartTime) {
        Objects.requireNonNull(key, "key cannot be null");
        return find(key, key, earliestSessionEndTime, Long.MAX_VALUE, latestSessionStartTime, false);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFindSessions(Bytes key, long earliestSessionEndTime,
        long latestSessionStartTime) {
        Objects.requireNonNull(key, "key cannot be null");
        return find(key, key, earliestSessionEndTime, Long.MAX_VALUE, latestSessionStartTime, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(Bytes keyFrom, Bytes keyTo,
        long earliestSessionEndTime, long latestSessionStartTime) {
        return find(keyFrom, keyTo, earliestSessionEndTime, Long.MAX_VALUE, latestSessionStartTime, false);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFindSessions(Bytes keyFrom, Bytes keyTo,
        long earliestSessionEndTime, long latestSessionStartTime) {
        return find(keyFrom, keyTo, earliestSessionEndTime, Long.MAX_VALUE, latestSessionStartTime, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(long earliestSessionEndTime,
        long latestSessionEndTime) {
        return find(null, null, earliestSessionEndTime, latestSessionEndTime, Long.MAX_VALUE, false);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes key) {
        return findSessions(key, 0, Long.MAX_VALUE);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes key) {
        return backwardFindSessions(key, 0, Long.MAX_VALUE);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo) {
        return findSessions(keyFrom, keyTo, 0, Long.MAX_VALUE);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes keyFrom, Bytes keyTo) {
        return backwardFindSessions(keyFrom, keyTo, 0, Long.MAX_VALUE);
    }

    /** Returns the live sessions of the keys in range that end in {@code [earliestEnd, latestEnd]}. */
    private synchronized KeyValueIterator<Windowed<Bytes>, byte[]> find(Bytes keyFrom, Bytes keyTo, long earliestEnd,
        long latestEnd, long latestStart, boolean backward) {
        requireOpen();
        List<KeyValue<Windowed<Bytes>, byte[]>> entries = new ArrayList<>();
        long fromEnd = Math.max(earliestEnd, keyFrom == null && keyTo == null
            ? keptFrom(observedStreamTime - retentionPeriod) : observedStreamTime - retentionPeriod + 1);
        if (keyFrom != null && keyTo != null && keyFrom.compareTo(keyTo) > 0 || fromEnd > latestEnd) {
            return new ListKeyValueIterator<>(entries, backward);
        }
        for (Map.Entry<Long, NavigableMap<Bytes, NavigableMap<Long, byte[]>>> byEnd
            : sessions.subMap(fromEnd, true, latestEnd, true).entrySet()) {
            long end = byEnd.getKey();
            for (Map.Entry<Bytes, NavigableMap<Long, byte[]>> byKey : keyRange(byEnd.getValue(), keyFrom, keyTo)
                .entrySet()) {
                for (Map.Entry<Long, byte[]> byStart : byKey.getValue().headMap(latestStart, true).entrySet()) {
                    entries.add(KeyValue.pair(new Windowed<>(byKey.getKey(), new SessionWindow(byStart.getKey(), end)),
                        byStart.getValue()));
                }
            }
        }
        return new ListKeyValueIterator<>(entries, backward);
    }

    private static <T> NavigableMap<Bytes, T> keyRange(NavigableMap<Bytes, T> keys, Bytes from, Bytes to) {
        if (from == null && to == null) {
            return keys;
        }
        if (from == null) {
            return keys.headMap(to, true);
        }
        if (to == null) {
            return keys.tailMap(from, true);
        }
        return keys.subMap(from, true, to, true);
    }

    @Override
    public synchronized void close() {
        setOpen(false);
        sessions.clear();
    }

}
