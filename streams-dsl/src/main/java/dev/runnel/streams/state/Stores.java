package dev.runnel.streams.state;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Time;
import dev.runnel.streams.internal.state.HeadersKeyValueBytesStoreSupplier;
import dev.runnel.streams.internal.state.HeadersSessionBytesStoreSupplier;
import dev.runnel.streams.internal.state.HeadersWindowBytesStoreSupplier;
import dev.runnel.streams.internal.state.InMemoryKeyValueBytesStoreSupplier;
import dev.runnel.streams.internal.state.InMemoryVersionedBytesStoreSupplier;
import dev.runnel.streams.internal.state.LruMapBytesStoreSupplier;
import dev.runnel.streams.internal.state.InMemorySessionBytesStoreSupplier;
import dev.runnel.streams.internal.state.InMemoryWindowBytesStoreSupplier;
import dev.runnel.streams.internal.state.KeyValueStoreBuilder;
import dev.runnel.streams.internal.state.SessionStoreBuilder;
import dev.runnel.streams.internal.state.SessionStoreWithHeadersBuilder;
import dev.runnel.streams.internal.state.TimestampedKeyValueStoreBuilder;
import dev.runnel.streams.internal.state.TimestampedKeyValueStoreWithHeadersBuilder;
import dev.runnel.streams.internal.state.TimestampedWindowStoreBuilder;
import dev.runnel.streams.internal.state.TimeArguments;
import dev.runnel.streams.internal.state.TimestampedWindowStoreWithHeadersBuilder;
import dev.runnel.streams.internal.state.VersionedKeyValueStoreBuilder;
import dev.runnel.streams.internal.state.WindowStoreBuilder;
import java.time.Duration;
import java.util.Objects;

/**
 * Factories for store suppliers and builders.
 *
 * <pre>{@code
 * StoreBuilder<KeyValueStore<String, Long>> counts = Stores.keyValueStoreBuilder(
 *     Stores.inMemoryKeyValueStore("counts"), Serdes.String(), Serdes.Long());
 * topology.addStateStore(counts, "counter");
 * }</pre>
 *
 * <p>Runnel keeps every store's data in memory and logs its changes to a changelog topic, so the
 * {@code persistent*} factories return in-memory stores: durability comes from the changelog, as it does for Kafka
 * Streams' in-memory stores.
 */
public final class Stores {
    /** The smallest default sweep interval of a versioned store, so that a short retention does not sweep often. */
    private static final long DEFAULT_MIN_SEGMENT_INTERVAL_MS = 1_000L;

    /** Public as in Kafka Streams; everything here is static. */
    public Stores() {
    }

    /** Returns a supplier of in-memory key-value stores. */
    public static KeyValueBytesStoreSupplier inMemoryKeyValueStore(String name) {
        return new InMemoryKeyValueBytesStoreSupplier(Objects.requireNonNull(name, "name cannot be null"));
    }

    /**
     * Returns a supplier of in-memory key-value stores holding at most {@code maxCacheSize} entries: a put beyond it
     * evicts the least recently read or written entry, and logs its deletion.
     *
     * @throws IllegalArgumentException if {@code maxCacheSize} is negative
     */
    public static KeyValueBytesStoreSupplier lruMap(String name, int maxCacheSize) {
        Objects.requireNonNull(name, "name cannot be null");
        if (maxCacheSize < 0) {
            throw new IllegalArgumentException("maxCacheSize cannot be negative");
        }
        return new LruMapBytesStoreSupplier(name, maxCacheSize);
    }

    /** Returns a supplier of key-value stores; in-memory in Runnel (see the class comment). */
    public static KeyValueBytesStoreSupplier persistentKeyValueStore(String name) {
        return inMemoryKeyValueStore(name);
    }

    /** Returns a supplier of stores for timestamped key-value stores; in-memory in Runnel. */
    public static KeyValueBytesStoreSupplier persistentTimestampedKeyValueStore(String name) {
        return inMemoryKeyValueStore(name);
    }

    /**
     * Returns a supplier of stores for headers-aware timestamped key-value stores (KIP-1271), marked with
     * {@link HeadersBytesStoreSupplier}; in-memory in Runnel.
     */
    public static KeyValueBytesStoreSupplier persistentTimestampedKeyValueStoreWithHeaders(String name) {
        return new HeadersKeyValueBytesStoreSupplier(inMemoryKeyValueStore(name));
    }

    /**
     * Returns a supplier of versioned key-value stores (see {@link VersionedKeyValueStore}); in-memory in Runnel, like
     * the other {@code persistent*} stores, with the history restored from the changelog. Expired versions are swept
     * out every {@code max(historyRetention / 3, 1s)} of stream time.
     *
     * @param historyRetention how far behind stream time old versions stay queryable and puts are accepted
     * @throws IllegalArgumentException if {@code historyRetention} is null or negative
     */
    public static VersionedBytesStoreSupplier persistentVersionedKeyValueStore(String name,
        Duration historyRetention) {
        long historyRetentionMs = nonNegativeMillis(historyRetention, "historyRetention");
        return persistentVersionedKeyValueStore(name, historyRetention,
            Duration.ofMillis(Math.max(historyRetentionMs / 3, DEFAULT_MIN_SEGMENT_INTERVAL_MS)));
    }

    /**
     * As {@link #persistentVersionedKeyValueStore(String, Duration)}, sweeping expired versions out every
     * {@code segmentInterval} of stream time (Kafka's RocksDB store drops a segment of that length at a time).
     *
     * @throws IllegalArgumentException if a duration is null, {@code historyRetention} negative or
     *     {@code segmentInterval} not positive
     */
    public static VersionedBytesStoreSupplier persistentVersionedKeyValueStore(String name,
        Duration historyRetention, Duration segmentInterval) {
        Objects.requireNonNull(name, "name cannot be null");
        long historyRetentionMs = nonNegativeMillis(historyRetention, "historyRetention");
        long segmentIntervalMs = TimeArguments.millis(segmentInterval, "segmentInterval");
        if (segmentIntervalMs <= 0) {
            throw new IllegalArgumentException("segmentInterval cannot be zero or negative");
        }
        return new InMemoryVersionedBytesStoreSupplier(name, historyRetentionMs, segmentIntervalMs);
    }

    /**
     * Returns a builder of versioned key-value stores; {@code null} serdes fall back to the application's defaults.
     * Versioned stores are never cached: {@code withCachingEnabled()} on the builder throws.
     */
    public static <K, V> StoreBuilder<VersionedKeyValueStore<K, V>> versionedKeyValueStoreBuilder(
        VersionedBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        return new VersionedKeyValueStoreBuilder<>(Objects.requireNonNull(supplier, "supplier cannot be null"),
            keySerde, valueSerde, Time.SYSTEM);
    }

    /**
     * Returns a builder of key-value stores; {@code null} serdes fall back to the application's default serdes.
     */
    public static <K, V> StoreBuilder<KeyValueStore<K, V>> keyValueStoreBuilder(KeyValueBytesStoreSupplier supplier,
        Serde<K> keySerde, Serde<V> valueSerde) {
        return new KeyValueStoreBuilder<>(Objects.requireNonNull(supplier, "supplier cannot be null"), keySerde,
            valueSerde, Time.SYSTEM);
    }

    /** Returns a builder of timestamped key-value stores; {@code null} serdes fall back to the defaults. */
    public static <K, V> StoreBuilder<TimestampedKeyValueStore<K, V>> timestampedKeyValueStoreBuilder(
        KeyValueBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        return new TimestampedKeyValueStoreBuilder<>(Objects.requireNonNull(supplier, "supplier cannot be null"),
            keySerde, valueSerde, Time.SYSTEM);
    }

    /**
     * Returns a builder of headers-aware timestamped key-value stores (KIP-1271), which keep each value's timestamp
     * and record headers; {@code null} serdes fall back to the defaults. Any built-in supplier keeps the headers in
     * Runnel (unlike Kafka Streams' legacy RocksDB suppliers), {@link #persistentTimestampedKeyValueStoreWithHeaders}
     * included.
     */
    public static <K, V> StoreBuilder<TimestampedKeyValueStoreWithHeaders<K, V>>
        timestampedKeyValueStoreWithHeadersBuilder(KeyValueBytesStoreSupplier supplier, Serde<K> keySerde,
        Serde<V> valueSerde) {
        return new TimestampedKeyValueStoreWithHeadersBuilder<>(
            Objects.requireNonNull(supplier, "supplier cannot be null"), keySerde, valueSerde, Time.SYSTEM);
    }

    /**
     * Returns a supplier of in-memory window stores.
     *
     * @param retentionPeriod how long a window is kept after its start, in stream time; at least {@code windowSize}
     * @param windowSize the window size (the end of each returned {@code Windowed} key is start + size)
     * @param retainDuplicates whether to keep every value put for a key and window (stream-stream join buffers)
     * @throws IllegalArgumentException if a duration is null or negative, or the retention is smaller than the
     *     window size
     */
    public static WindowBytesStoreSupplier inMemoryWindowStore(String name, Duration retentionPeriod,
        Duration windowSize, boolean retainDuplicates) {
        Objects.requireNonNull(name, "name cannot be null");
        long retentionMs = nonNegativeMillis(retentionPeriod, "retentionPeriod");
        long windowSizeMs = nonNegativeMillis(windowSize, "windowSize");
        if (windowSizeMs > retentionMs) {
            throw new IllegalArgumentException("The retention period of the window store " + name + " must be no"
                + " smaller than its window size. Got size=[" + windowSize + "], retention=[" + retentionPeriod + "]");
        }
        return new InMemoryWindowBytesStoreSupplier(name, retentionMs, windowSizeMs, retainDuplicates);
    }

    /** Returns a supplier of window stores; in-memory in Runnel (see the class comment). */
    public static WindowBytesStoreSupplier persistentWindowStore(String name, Duration retentionPeriod,
        Duration windowSize, boolean retainDuplicates) {
        return inMemoryWindowStore(name, retentionPeriod, windowSize, retainDuplicates);
    }

    /** Returns a supplier of stores for timestamped window stores; in-memory in Runnel. */
    public static WindowBytesStoreSupplier persistentTimestampedWindowStore(String name, Duration retentionPeriod,
        Duration windowSize, boolean retainDuplicates) {
        return inMemoryWindowStore(name, retentionPeriod, windowSize, retainDuplicates);
    }

    /**
     * Returns a supplier of stores for headers-aware timestamped window stores (KIP-1271), marked with
     * {@link HeadersBytesStoreSupplier}; in-memory in Runnel. The arguments are those of {@link #inMemoryWindowStore}.
     */
    public static WindowBytesStoreSupplier persistentTimestampedWindowStoreWithHeaders(String name,
        Duration retentionPeriod, Duration windowSize, boolean retainDuplicates) {
        return new HeadersWindowBytesStoreSupplier(inMemoryWindowStore(name, retentionPeriod, windowSize,
            retainDuplicates));
    }

    /** Returns a builder of window stores; {@code null} serdes fall back to the application's default serdes. */
    public static <K, V> StoreBuilder<WindowStore<K, V>> windowStoreBuilder(WindowBytesStoreSupplier supplier,
        Serde<K> keySerde, Serde<V> valueSerde) {
        return new WindowStoreBuilder<>(Objects.requireNonNull(supplier, "supplier cannot be null"), keySerde,
            valueSerde, Time.SYSTEM);
    }

    /** Returns a builder of timestamped window stores; {@code null} serdes fall back to the defaults. */
    public static <K, V> StoreBuilder<TimestampedWindowStore<K, V>> timestampedWindowStoreBuilder(
        WindowBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        return new TimestampedWindowStoreBuilder<>(Objects.requireNonNull(supplier, "supplier cannot be null"),
            keySerde, valueSerde, Time.SYSTEM);
    }

    /**
     * Returns a builder of headers-aware timestamped window stores (KIP-1271), which keep each window's value with the
     * timestamp of its last update and its record headers; {@code null} serdes fall back to the defaults. Any
     * built-in supplier keeps the headers in Runnel, {@link #persistentTimestampedWindowStoreWithHeaders} included.
     */
    public static <K, V> StoreBuilder<TimestampedWindowStoreWithHeaders<K, V>>
        timestampedWindowStoreWithHeadersBuilder(WindowBytesStoreSupplier supplier, Serde<K> keySerde,
        Serde<V> valueSerde) {
        return new TimestampedWindowStoreWithHeadersBuilder<>(
            Objects.requireNonNull(supplier, "supplier cannot be null"), keySerde, valueSerde, Time.SYSTEM);
    }

    /**
     * Returns a supplier of in-memory session stores.
     *
     * @param retentionPeriod how long a session is kept after its end, in stream time
     * @throws IllegalArgumentException if {@code retentionPeriod} is null or negative
     */
    public static SessionBytesStoreSupplier inMemorySessionStore(String name, Duration retentionPeriod) {
        Objects.requireNonNull(name, "name cannot be null");
        return new InMemorySessionBytesStoreSupplier(name, nonNegativeMillis(retentionPeriod, "retentionPeriod"));
    }

    /** Returns a supplier of session stores; in-memory in Runnel (see the class comment). */
    public static SessionBytesStoreSupplier persistentSessionStore(String name, Duration retentionPeriod) {
        return inMemorySessionStore(name, retentionPeriod);
    }

    /**
     * Returns a supplier of stores for headers-aware session stores (KIP-1271), marked with
     * {@link HeadersBytesStoreSupplier}; in-memory in Runnel.
     *
     * @param retentionPeriod how long a session is kept after its end, in stream time
     */
    public static SessionBytesStoreSupplier persistentSessionStoreWithHeaders(String name, Duration retentionPeriod) {
        return new HeadersSessionBytesStoreSupplier(inMemorySessionStore(name, retentionPeriod));
    }

    /** Returns a builder of session stores; {@code null} serdes fall back to the application's default serdes. */
    public static <K, V> StoreBuilder<SessionStore<K, V>> sessionStoreBuilder(SessionBytesStoreSupplier supplier,
        Serde<K> keySerde, Serde<V> valueSerde) {
        return new SessionStoreBuilder<>(Objects.requireNonNull(supplier, "supplier cannot be null"), keySerde,
            valueSerde, Time.SYSTEM);
    }

    /**
     * Returns a builder of headers-aware session stores (KIP-1271), which keep each session's aggregate with its
     * record headers; {@code null} serdes fall back to the defaults. Any built-in supplier keeps the headers in
     * Runnel, {@link #persistentSessionStoreWithHeaders} included.
     */
    public static <K, V> StoreBuilder<SessionStoreWithHeaders<K, V>> sessionStoreWithHeadersBuilder(
        SessionBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        return new SessionStoreWithHeadersBuilder<>(Objects.requireNonNull(supplier, "supplier cannot be null"),
            keySerde, valueSerde, Time.SYSTEM);
    }

    /** Returns the duration in milliseconds, refusing it as Kafka Streams does if null, too long or negative. */
    private static long nonNegativeMillis(Duration duration, String what) {
        long millis = TimeArguments.millis(duration, what);
        if (millis < 0) {
            throw new IllegalArgumentException(what + " cannot be negative");
        }
        return millis;
    }
}
