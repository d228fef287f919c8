package dev.runnel.streams.internal.state;

import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.WindowStore;
import dev.runnel.streams.state.WindowStoreIterator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The caching layer of a window store ({@link AbstractCachingWindowedStore}). Entries are keyed by
 * {@link WindowKeySchema#toStoreKeyBinary} with sequence 0 (stores that retain duplicates are not cached), and
 * written-down keys carry the window {@code [start, start + windowSize)}. Reads merge cache and store (see the base
 * class). Threading as the base class.
 */
final class CachingWindowStore extends AbstractCachingWindowedStore<WindowStore<Bytes, byte[]>>
    implements WindowStore<Bytes, byte[]> {
    private static final Comparator<Long> FORWARD = Comparator.naturalOrder();
    private static final Comparator<Long> BACKWARD = Comparator.reverseOrder();
    /** The store's order of scans across keys: by window start, then key. */
    private static final Comparator<Windowed<Bytes>> BY_START_THEN_KEY = Comparator
        .comparingLong((Windowed<Bytes> window) -> window.window().start())
        .thenComparing(Windowed::key);

    private final long windowSize;

    CachingWindowStore(WindowStore<Bytes, byte[]> wrapped, long windowSize) {
        super(wrapped);
        this.windowSize = windowSize;
    }

    @Override
    public void put(Bytes key, byte[] value, long windowStartTimestamp) {
        Objects.requireNonNull(key, "key cannot be null");
        putWindow(new Windowed<>(key, WindowKeySchema.timeWindow(windowStartTimestamp, windowSize)), value);
    }

    @Override
    public byte[] fetch(Bytes key, long time) {
        ThreadCache.Entry entry = cached(WindowKeySchema.toStoreKeyBinary(key, time, 0));
        return entry != null ? entry.value : wrapped().fetch(key, time);
    }

    @Override
    public WindowStoreIterator<byte[]> fetch(Bytes key, long timeFrom, long timeTo) {
        return fetchKey(key, timeFrom, timeTo, false);
    }

    @Override
    public WindowStoreIterator<byte[]> backwardFetch(Bytes key, long timeFrom, long timeTo) {
        return fetchKey(key, timeFrom, timeTo, true);
    }

    private WindowStoreIterator<byte[]> fetchKey(Bytes key, long timeFrom, long timeTo, boolean backward) {
        Objects.requireNonNull(key, "key cannot be null");
        // Window starts are never negative, and a negative time would sort last in a binary key.
        long from = Math.max(timeFrom, 0L);
        List<KeyValue<Bytes, byte[]>> windows = timeTo < from ? List.of()
            : cachedRange(key, WindowKeySchema.toStoreKeyBinary(key, from, 0),
                WindowKeySchema.toStoreKeyBinary(key, timeTo, 0));
        List<KeyValue<Long, byte[]>> cached = new ArrayList<>(windows.size());
        for (KeyValue<Bytes, byte[]> window : windows) {
            cached.add(KeyValue.pair(WindowKeySchema.extractStoreTimestamp(window.key.get()), window.value));
        }
        WindowStoreIterator<byte[]> stored = backward ? wrapped().backwardFetch(key, timeFrom, timeTo)
            : wrapped().fetch(key, timeFrom, timeTo);
        return cached.isEmpty() ? stored : new DelegatingWindowStoreIterator<>(new MergedCacheIterator<>(stored,
            new ListKeyValueIterator<>(cached, backward), backward ? BACKWARD : FORWARD));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo, long timeFrom, long timeTo) {
        return scan(window -> inKeyRange(window.key(), keyFrom, keyTo) && startsIn(window, timeFrom, timeTo),
            BY_START_THEN_KEY, false, () -> wrapped().fetch(keyFrom, keyTo, timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes keyFrom, Bytes keyTo, long timeFrom,
        long timeTo) {
        return scan(window -> inKeyRange(window.key(), keyFrom, keyTo) && startsIn(window, timeFrom, timeTo),
            BY_START_THEN_KEY, true, () -> wrapped().backwardFetch(keyFrom, keyTo, timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetchAll(long timeFrom, long timeTo) {
        return scanAllKeys(window -> startsIn(window, timeFrom, timeTo), BY_START_THEN_KEY, false,
            () -> wrapped().fetchAll(timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetchAll(long timeFrom, long timeTo) {
        return scanAllKeys(window -> startsIn(window, timeFrom, timeTo), BY_START_THEN_KEY, true,
            () -> wrapped().backwardFetchAll(timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> all() {
        return scanAllKeys(window -> true, BY_START_THEN_KEY, false, () -> wrapped().all());
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardAll() {
        return scanAllKeys(window -> true, BY_START_THEN_KEY, true, () -> wrapped().backwardAll());
    }

    private static boolean startsIn(Windowed<Bytes> window, long timeFrom, long timeTo) {
        return window.window().start() >= timeFrom && window.window().start() <= timeTo;
    }

    @Override
    Bytes cacheKey(Windowed<Bytes> key) {
        return WindowKeySchema.toStoreKeyBinary(key.key(), key.window().start(), 0);
    }

    @Override
    Windowed<Bytes> windowedKey(Bytes cacheKey) {
        byte[] raw = cacheKey.get();
        return new Windowed<>(WindowKeySchema.extractStoreKey(raw),
            WindowKeySchema.timeWindow(WindowKeySchema.extractStoreTimestamp(raw), windowSize));
    }

    @Override
    byte[] read(Windowed<Bytes> key) {
        return wrapped().fetch(key.key(), key.window().start());
    }

    @Override
    void write(Windowed<Bytes> key, byte[] value) {
        wrapped().put(key.key(), value, key.window().start());
    }
}
