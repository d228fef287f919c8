package dev.runnel.streams.internal.state;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A store's open iterators, for Kafka's {@code num-open-iterators} and {@code oldest-iterator-open-since-ms} (KIP-989),
 * and how long each stayed open, for {@code iterator-duration}. Thread-safe: interactive queries open iterators on
 * their own threads.
 */
final class StoreIterators {
    /** Tracks nothing: for a store not yet initialized. */
    static final StoreIterators OFF = new StoreIterators(StateStoreMetrics.Operation.OFF, false);

    private final StateStoreMetrics.Operation duration;
    private final boolean tracking;
    /** The open iterators and when each was opened, in ms since the epoch. */
    private final Map<Object, Long> openSince = new ConcurrentHashMap<>();

    StoreIterators(StateStoreMetrics.Operation duration, boolean tracking) {
        this.duration = duration;
        this.tracking = tracking;
    }

    /** Returns whether iterators must be wrapped to be counted. */
    boolean tracking() {
        return tracking;
    }

    void opened(Object iterator) {
        openSince.put(iterator, System.currentTimeMillis());
    }

    /** Records that {@code iterator}, opened at {@code startNanos} (from the operation's start()), closed. */
    void closed(Object iterator, long startNanos) {
        openSince.remove(iterator);
        duration.record(startNanos);
    }

    long open() {
        return openSince.size();
    }

    /** Returns when the oldest open iterator was opened, or null if none is open. */
    Long oldestOpenSince() {
        return openSince.values().stream().min(Long::compare).orElse(null);
    }
}
