package dev.runnel.streams.internal.state;

import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.StateStoreContext;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.VersionedKeyValueStore;
import dev.runnel.streams.state.VersionedRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The innermost versioned store: every key's versions in memory, restored from the changelog records' timestamps.
 * As a {@link KeyValueStore} (the type its supplier must return) it answers only {@link #get(Bytes)}, with the latest
 * value; the plain writes and scans throw, since a version needs a timestamp. Thread-safe: every method is
 * synchronized, so interactive queries may read while the task writes.
 */
/*
 * Implementation notes. Each key maps to its versions ordered by timestamp; a null value is a tombstone, which ends
 * the version before it. A version is valid from its timestamp until the next version's. Queries are answered for
 * times at or after the expiry bound (observed stream time minus history retention), so a version whose successor
 * starts at or before the bound can never be returned again and is dropped; so is a key left with only a tombstone
 * at or before the bound. A key's expired versions are dropped when the key is written; keys that are not written
 * again are swept once per segment interval of stream time, which bounds what stale keys hold.
 */
public final class InMemoryVersionedKeyValueStore extends InMemoryStore
    implements KeyValueStore<Bytes, byte[]>, VersionedBytesStore {
    private static final Logger LOG = LoggerFactory.getLogger(InMemoryVersionedKeyValueStore.class);

    private final long historyRetentionMs;
    private final long segmentIntervalMs;
    private final Map<Bytes, TreeMap<Long, byte[]>> versions = new HashMap<>();
    /** The largest timestamp put so far; {@code Long.MIN_VALUE} before the first put. */
    private long observedStreamTime = Long.MIN_VALUE;
    /** The stream-time segment ({@code observedStreamTime / segmentIntervalMs}) of the last full sweep. */
    private long sweptSegment = Long.MIN_VALUE;

    /** Creates a closed store; {@link #init} opens it. */
    public InMemoryVersionedKeyValueStore(String name, long historyRetentionMs, long segmentIntervalMs) {
        super(name);
        if (historyRetentionMs < 0 || segmentIntervalMs <= 0) {
            throw new IllegalArgumentException("Versioned store " + name + " needs historyRetentionMs >= 0 and"
                + " segmentIntervalMs > 0, got " + historyRetentionMs + " and " + segmentIntervalMs);
        }
        this.historyRetentionMs = historyRetentionMs;
        this.segmentIntervalMs = segmentIntervalMs;
    }

    @Override
    public synchronized void init(StateStoreContext context, StateStore root) {
        if (root != null) {
            context.register(root, (TimestampedStateRestoreCallback) (key, value, timestamp) -> {
                synchronized (this) {
                    write(Bytes.wrap(key), value, timestamp);
                }
            });
        }
        setOpen(true);
    }

    @Override
    public synchronized long put(Bytes key, byte[] value, long timestamp) {
        requireOpen();
        return write(Objects.requireNonNull(key, "key"), value, timestamp);
    }

    private long write(Bytes key, byte[] value, long timestamp) {
        if (timestamp < expiryBound()) {
            LOG.debug("Store {} refuses a put at {}: older than stream time {} minus history retention {}", name,
                timestamp, observedStreamTime, historyRetentionMs);
            return VersionedKeyValueStore.PUT_RETURN_CODE_NOT_PUT;
        }
        observedStreamTime = Math.max(observedStreamTime, timestamp);
        TreeMap<Long, byte[]> history = versions.computeIfAbsent(key, k -> new TreeMap<>());
        history.put(timestamp, value);
        Long validTo = history.higherKey(timestamp);
        if (dropExpired(history)) {
            versions.remove(key);
        }
        maybeSweep();
        return validTo == null ? VersionedKeyValueStore.PUT_RETURN_CODE_VALID_TO_UNDEFINED : validTo;
    }

    @Override
    public synchronized VersionedRecord<byte[]> latest(Bytes key) {
        requireOpen();
        TreeMap<Long, byte[]> history = versions.get(Objects.requireNonNull(key, "key"));
        if (history == null) {
            return null;
        }
        Map.Entry<Long, byte[]> last = history.lastEntry();
        return last.getValue() == null ? null : new VersionedRecord<>(last.getValue(), last.getKey());
    }

    @Override
    public synchronized VersionedRecord<byte[]> get(Bytes key, long asOfTimestamp) {
        requireOpen();
        TreeMap<Long, byte[]> history = versions.get(Objects.requireNonNull(key, "key"));
        if (history == null) {
            return null;
        }
        if (asOfTimestamp < expiryBound()) {
            // Older than the history: only the latest version, which never expires, can answer (as in Kafka).
            return latestStartedBy(history, asOfTimestamp);
        }
        Map.Entry<Long, byte[]> version = history.floorEntry(asOfTimestamp);
        if (version == null || version.getValue() == null) {
            return null;
        }
        Long validTo = history.higherKey(version.getKey());
        return validTo == null
            ? new VersionedRecord<>(version.getValue(), version.getKey())
            : new VersionedRecord<>(version.getValue(), version.getKey(), validTo);
    }

    @Override
    public synchronized List<VersionedRecord<byte[]>> versions(Bytes key, long fromTime, long toTime) {
        requireOpen();
        TreeMap<Long, byte[]> history = versions.get(Objects.requireNonNull(key, "key"));
        // As get(key, asOf): only times within the history are answered for, though expired versions may linger;
        // before it, only the latest version, which never expires.
        if (history == null || fromTime > toTime) {
            return List.of();
        }
        if (toTime < expiryBound()) {
            VersionedRecord<byte[]> latest = latestStartedBy(history, toTime);
            return latest == null ? List.of() : List.of(latest);
        }
        long from = Math.max(fromTime, expiryBound());
        // The version valid at `from` starts at or before it; every later one that starts by toTime overlaps too.
        Long first = history.floorKey(from);
        List<VersionedRecord<byte[]>> found = new ArrayList<>();
        Map.Entry<Long, byte[]> version = history.ceilingEntry(first == null ? from : first);
        while (version != null && version.getKey() <= toTime) {
            Map.Entry<Long, byte[]> next = history.higherEntry(version.getKey());
            if (version.getValue() != null) {
                found.add(next == null ? new VersionedRecord<>(version.getValue(), version.getKey())
                    : new VersionedRecord<>(version.getValue(), version.getKey(), next.getKey()));
            }
            version = next;
        }
        return found;
    }

    /** Returns the key's latest version if it is not a deletion and started at or before {@code time}, else null. */
    private static VersionedRecord<byte[]> latestStartedBy(TreeMap<Long, byte[]> history, long time) {
        Map.Entry<Long, byte[]> latest = history.lastEntry();
        return latest.getValue() != null && latest.getKey() <= time
            ? new VersionedRecord<>(latest.getValue(), latest.getKey()) : null;
    }

    /** Returns the oldest time queries are answered for (and puts accepted at). */
    private long expiryBound() {
        return observedStreamTime < Long.MIN_VALUE + historyRetentionMs
            ? Long.MIN_VALUE
            : observedStreamTime - historyRetentionMs;
    }

    /** Drops the versions no query can reach any more; returns whether the key has nothing left worth keeping. */
    private boolean dropExpired(TreeMap<Long, byte[]> history) {
        long bound = expiryBound();
        while (history.size() > 1 && history.higherKey(history.firstKey()) <= bound) {
            history.pollFirstEntry();
        }
        Map.Entry<Long, byte[]> only = history.size() == 1 ? history.firstEntry() : null;
        return history.isEmpty() || only != null && only.getValue() == null && only.getKey() <= bound;
    }

    private void maybeSweep() {
        long segment = Math.floorDiv(observedStreamTime, segmentIntervalMs);
        if (segment == sweptSegment) {
            return;
        }
        sweptSegment = segment;
        Iterator<TreeMap<Long, byte[]>> histories = versions.values().iterator();
        while (histories.hasNext()) {
            if (dropExpired(histories.next())) {
                histories.remove();
            }
        }
    }

    /** Returns how many versions (tombstones included) the store holds, for tests. */
    synchronized int versionCount() {
        return versions.values().stream().mapToInt(Map::size).sum();
    }

    /** Returns the latest value of {@code key}, or null; the one plain key-value read a versioned store serves. */
    @Override
    public byte[] get(Bytes key) {
        VersionedRecord<byte[]> latest = latest(key);
        return latest == null ? null : latest.value();
    }

    @Override
    public void put(Bytes key, byte[] value) {
        throw unsupported("put without a timestamp");
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        throw unsupported("putIfAbsent");
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        throw unsupported("putAll");
    }

    @Override
    public byte[] delete(Bytes key) {
        throw unsupported("delete without a timestamp");
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        throw unsupported("range");
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        throw unsupported("all");
    }

    @Override
    public synchronized long approximateNumEntries() {
        return versions.size();
    }

    private UnsupportedOperationException unsupported(String operation) {
        return new UnsupportedOperationException("Versioned store " + name + " does not support " + operation
            + "; use its VersionedKeyValueStore operations");
    }

    @Override
    public synchronized void close() {
        setOpen(false);
    }

}
