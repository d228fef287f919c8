package dev.runnel.streams.internal.state;

import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.kstream.TimeWindow;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.StateStoreContext;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.WindowStore;
import dev.runnel.streams.state.WindowStoreIterator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The innermost window store: serialized keys and values by window start, then key. Thread-safe: every method is
 * synchronized, and iterators walk a snapshot taken at creation, so interactive queries may read while the task
 * writes.
 */
public final class InMemoryWindowStore extends InMemoryWindowedStore implements WindowStore<Bytes, byte[]> {
    /*
     * Retention: the store's stream time is the largest window start put (or restored). A window is live while
     * start > streamTime - retentionPeriod. Each put first advances stream time, then drops every window that is no
     * longer live (a headMap clear over the start-ordered map: the in-memory equivalent of dropping whole time
     * segments, but exact, so no expired window stays visible until its segment goes), then rejects the put if its
     * own window is expired. Reads also clamp their lower bound to the oldest live start. An expiry hold (ExpiryHold)
     * keeps expired windows from a start on, shown to scans of all keys, until it moves. The aggregation operators
     * drop late records against their grace period before they reach the store, so a rejected put here is only a
     * safety net (Kafka's "Skipping record for expired segment").
     *
     * Duplicates: with retainDuplicates each (window, key) holds a list of values in put order, and a null put is
     * ignored, as join buffers need. Otherwise the list has one element and a null put deletes.
     *
     * Each window's keys are a KeyMap: a HashMap for the point reads and writes of the per-record path, and the key
     * order built only when a key-range or full scan first needs it, then kept up to date as keys come and go. The
     * window of the last access is remembered, since consecutive records mostly fall in the same window.
     */
    private static final Logger LOG = LoggerFactory.getLogger(InMemoryWindowStore.class);

    private final long retentionPeriod;
    private final long windowSize;
    private final boolean retainDuplicates;
    private final NavigableMap<Long, KeyMap> windows = new TreeMap<>();
    /** The window of the last lookup, or null (cleared whenever a window is removed). */
    private KeyMap lastWindow;
    private long lastWindowStart;
    private long observedStreamTime = -1L;

    /** Creates a closed store; {@link #init} opens it. */
    public InMemoryWindowStore(String name, long retentionPeriod, long windowSize, boolean retainDuplicates) {
        super(name);
        this.retentionPeriod = retentionPeriod;
        this.windowSize = windowSize;
        this.retainDuplicates = retainDuplicates;
    }

    @Override
    public synchronized void init(StateStoreContext context, StateStore root) {
        if (root != null) {
            context.register(root, this::restore);
        }
        setOpen(true);
    }

    private synchronized void restore(byte[] storeKey, byte[] value) {
        Bytes key = WindowKeySchema.extractStoreKey(storeKey);
        long windowStart = WindowKeySchema.extractStoreTimestamp(storeKey);
        write(key, value, windowStart);
    }

    @Override
    public synchronized void put(Bytes key, byte[] value, long windowStartTimestamp) {
        requireOpen();
        Objects.requireNonNull(key, "key cannot be null");
        write(key, value, windowStartTimestamp);
    }

    private void write(Bytes key, byte[] value, long windowStart) {
        observedStreamTime = Math.max(observedStreamTime, windowStart);
        removeExpired();
        if (windowStart < keptFrom(observedStreamTime - retentionPeriod)) {
            LOG.warn("Skipping record for expired window in store {}: window start {} is at or before stream time"
                + " {} minus retention {}", name, windowStart, observedStreamTime, retentionPeriod);
            return;
        }
        if (value == null) {
            if (!retainDuplicates) {
                KeyMap keys = window(windowStart);
                if (keys != null) {
                    keys.remove(key);
                    if (keys.isEmpty()) {
                        windows.remove(windowStart);
                        lastWindow = null;
                    }
                }
            }
            return;
        }
        KeyMap keys = window(windowStart);
        if (keys == null) {
            // Windows of one store hold about as many keys each: sizing a new one like the last spares its rehashes.
            keys = new KeyMap(windows.isEmpty() ? 0 : windows.lastEntry().getValue().map.size());
            windows.put(windowStart, keys);
            lastWindow = keys;
            lastWindowStart = windowStart;
        }
        if (retainDuplicates) {
            List<byte[]> values = keys.get(key);
            if (values == null) {
                values = new ArrayList<>(1);
                keys.put(key, values);
            }
            values.add(value);
        } else {
            List<byte[]> single = new ArrayList<>(1);
            single.add(value);
            keys.put(key, single);
        }
    }

    /** Returns the keys of the window starting at {@code start}, or null. */
    private KeyMap window(long start) {
        KeyMap last = lastWindow;
        if (last != null && lastWindowStart == start) {
            return last;
        }
        KeyMap keys = windows.get(start);
        if (keys != null) {
            lastWindow = keys;
            lastWindowStart = start;
        }
        return keys;
    }

    private void removeExpired() {
        long keptFrom = keptFrom(observedStreamTime - retentionPeriod);
        if (!windows.isEmpty() && windows.firstKey() < keptFrom) {
            windows.headMap(keptFrom, false).clear();
            lastWindow = null;
        }
    }

    private long lowerBound(long timeFrom) {
        return Math.max(timeFrom, observedStreamTime - retentionPeriod + 1);
    }

    @Override
    synchronized long numEntries() {
        long entries = 0;
        for (KeyMap keys : windows.values()) {
            if (retainDuplicates) {
                for (List<byte[]> values : keys.map.values()) {
                    entries += values.size();
                }
            } else {
                entries += keys.map.size();
            }
        }
        return entries;
    }

    @Override
    public synchronized byte[] fetch(Bytes key, long time) {
        requireOpen();
        if (time < lowerBound(time)) {
            return null;
        }
        KeyMap keys = window(time);
        List<byte[]> values = keys == null ? null : keys.get(key);
        return values == null ? null : values.get(0);
    }

    @Override
    public WindowStoreIterator<byte[]> fetch(Bytes key, long timeFrom, long timeTo) {
        return new DelegatingWindowStoreIterator<>(fetchKey(key, timeFrom, timeTo, false));
    }

    @Override
    public WindowStoreIterator<byte[]> backwardFetch(Bytes key, long timeFrom, long timeTo) {
        return new DelegatingWindowStoreIterator<>(fetchKey(key, timeFrom, timeTo, true));
    }

    private synchronized KeyValueIterator<Long, byte[]> fetchKey(Bytes key, long timeFrom, long timeTo,
        boolean backward) {
        requireOpen();
        Objects.requireNonNull(key, "key cannot be null");
        List<KeyValue<Long, byte[]>> entries = new ArrayList<>();
        long from = lowerBound(timeFrom);
        if (from == timeTo) {
            KeyMap keys = window(from);
            List<byte[]> values = keys == null ? null : keys.get(key);
            if (values != null) {
                Long start = from;
                for (byte[] value : values) {
                    entries.add(KeyValue.pair(start, value));
                }
            }
        } else if (from < timeTo) {
            for (Map.Entry<Long, KeyMap> window
                : windows.subMap(from, true, timeTo, true).entrySet()) {
                List<byte[]> values = window.getValue().get(key);
                if (values != null) {
                    for (byte[] value : values) {
                        entries.add(KeyValue.pair(window.getKey(), value));
                    }
                }
            }
        }
        return new ListKeyValueIterator<>(entries, backward);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo, long timeFrom, long timeTo) {
        return range(keyFrom, keyTo, timeFrom, timeTo, false);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes keyFrom, Bytes keyTo, long timeFrom,
        long timeTo) {
        return range(keyFrom, keyTo, timeFrom, timeTo, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetchAll(long timeFrom, long timeTo) {
        return range(null, null, timeFrom, timeTo, false);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetchAll(long timeFrom, long timeTo) {
        return range(null, null, timeFrom, timeTo, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> all() {
        return range(null, null, Long.MIN_VALUE, Long.MAX_VALUE, false);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardAll() {
        return range(null, null, Long.MIN_VALUE, Long.MAX_VALUE, true);
    }

    private synchronized KeyValueIterator<Windowed<Bytes>, byte[]> range(Bytes keyFrom, Bytes keyTo, long timeFrom,
        long timeTo, boolean backward) {
        requireOpen();
        List<KeyValue<Windowed<Bytes>, byte[]>> entries = new ArrayList<>();
        long from = keyFrom == null && keyTo == null
            ? Math.max(timeFrom, keptFrom(observedStreamTime - retentionPeriod)) : lowerBound(timeFrom);
        if (from > timeTo || keyFrom != null && keyTo != null && keyFrom.compareTo(keyTo) > 0) {
            return new ListKeyValueIterator<>(entries, backward);
        }
        for (Map.Entry<Long, KeyMap> window : windows.subMap(from, true, timeTo, true).entrySet()) {
            long start = window.getKey();
            TimeWindow timeWindow = WindowKeySchema.timeWindow(start, windowSize);
            KeyMap keys = window.getValue();
            for (Bytes key : keyRange(keys.orderedKeys(), keyFrom, keyTo)) {
                Windowed<Bytes> windowed = new Windowed<>(key, timeWindow);
                for (byte[] value : keys.get(key)) {
                    entries.add(KeyValue.pair(windowed, value));
                }
            }
        }
        return new ListKeyValueIterator<>(entries, backward);
    }

    private static NavigableSet<Bytes> keyRange(NavigableSet<Bytes> keys, Bytes from, Bytes to) {
        if (from == null && to == null) {
            return keys;
        }
        if (from == null) {
            return keys.headSet(to, true);
        }
        if (to == null) {
            return keys.tailSet(from, true);
        }
        return keys.subSet(from, true, to, true);
    }

    /** Returns the store's stream time: the largest window start written, or -1 before the first write. */
    public synchronized long observedStreamTime() {
        return observedStreamTime;
    }

    /** Checks that no expired window is kept and that no window or key holds an empty list (for tests). */
    public synchronized void checkInvariants() {
        for (Map.Entry<Long, KeyMap> window : windows.entrySet()) {
            if (window.getKey() < keptFrom(observedStreamTime - retentionPeriod)) {
                throw new IllegalStateException("Store " + name + " keeps expired window " + window.getKey());
            }
            if (window.getValue().isEmpty()) {
                throw new IllegalStateException("Store " + name + " keeps empty window " + window.getKey());
            }
            KeyMap keys = window.getValue();
            if (keys.ordered != null && !keys.ordered.equals(keys.map.keySet())) {
                throw new IllegalStateException("Store " + name + " has a stale key order in window "
                    + window.getKey());
            }
            for (List<byte[]> values : keys.map.values()) {
                if (values.isEmpty() || !retainDuplicates && values.size() != 1) {
                    throw new IllegalStateException("Store " + name + " holds " + values.size() + " values for one"
                        + " key in window " + window.getKey());
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        setOpen(false);
        windows.clear();
        lastWindow = null;
    }

    /** One window's keys: hashed for point access, ordered on demand for scans. */
    private static final class KeyMap {
        final HashMap<Bytes, List<byte[]>> map;
        /** The keys of {@link #map} in order, or null until a scan needs them. */
        TreeSet<Bytes> ordered;

        KeyMap(int expectedKeys) {
            map = new HashMap<>((int) (expectedKeys / 0.75f) + 1);
        }

        List<byte[]> get(Bytes key) {
            return map.get(key);
        }

        void put(Bytes key, List<byte[]> values) {
            if (map.put(key, values) == null && ordered != null) {
                ordered.add(key);
            }
        }

        void remove(Bytes key) {
            if (map.remove(key) != null && ordered != null) {
                ordered.remove(key);
            }
        }

        boolean isEmpty() {
            return map.isEmpty();
        }

        NavigableSet<Bytes> orderedKeys() {
            if (ordered == null) {
                ordered = new TreeSet<>(map.keySet());
            }
            return ordered;
        }
    }
}
