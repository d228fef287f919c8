package dev.runnel.streams.state;

import dev.runnel.streams.processor.StateStore;

/**
 * A key-value store that keeps several versions of each key's value, each valid from its own timestamp until the
 * next version's, so that a lookup can ask for the value a key had at a past time. A second put with the same key and
 * timestamp replaces the first.
 *
 * <p>The store's <em>history retention</em> says how far behind the observed stream time (the largest timestamp put
 * so far) versions stay queryable: {@link #get(Object, long)} answers exactly for any time within it and returns
 * {@code null} for a time older than that. The retention is also the store's grace period: a put or delete whose
 * timestamp is older than the stream time minus the retention is refused. The latest version of a key is kept
 * whatever its age.
 *
 * <pre>{@code
 * VersionedKeyValueStore<String, String> prices = context.getStateStore("prices");
 * prices.put("apple", "1.10", 1_000L);
 * prices.put("apple", "1.25", 5_000L);
 * prices.get("apple", 3_000L);   // <1.10, timestamp=1000>: valid until 5000, which a VersionedKeyQuery reports
 * }</pre>
 *
 * <p>Keys must not be null; a {@code null} value is a deletion. Not thread-safe for writes; owned by the task.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface VersionedKeyValueStore<K, V> extends StateStore {
    /** Returned by {@link #put} when the put record is the key's latest version, so its validity has no end yet. */
    long PUT_RETURN_CODE_VALID_TO_UNDEFINED = -1L;

    /** Returned by {@link #put} when the record was not put: its timestamp is older than the history retention. */
    long PUT_RETURN_CODE_NOT_PUT = Long.MIN_VALUE;

    /**
     * Adds a version of {@code key}'s value, valid from {@code timestamp}; a {@code null} value deletes the key as of
     * that time. A version older than the latest is inserted into the history, and ends where the next one begins.
     *
     * @return the timestamp until which the new version is valid, {@link #PUT_RETURN_CODE_VALID_TO_UNDEFINED} if it
     *     is the latest version, or {@link #PUT_RETURN_CODE_NOT_PUT} if it was refused as older than the history
     *     retention
     */
    long put(K key, V value, long timestamp);

    /**
     * Deletes {@code key} as of {@code timestamp}: puts a tombstone, which ends the validity of the version before it.
     *
     * @return the version that was valid at {@code timestamp} before the deletion (without its validTo, as
     *     {@link #get(Object, long)} returns it), or {@code null} if there was none or the timestamp is older than the
     *     history retention (then nothing is deleted)
     */
    VersionedRecord<V> delete(K key, long timestamp);

    /** Returns the latest version of {@code key}'s value, or {@code null} if the key has none or is deleted. */
    VersionedRecord<V> get(K key);

    /**
     * Returns the version of {@code key}'s value that was valid at {@code asOfTimestamp} (its timestamp is at most
     * {@code asOfTimestamp} and the next version's, if any, after it), or {@code null} if there was none then, or if
     * {@code asOfTimestamp} is older than the history retention. As in Kafka Streams, the record has no validTo (a
     * {@code VersionedKeyQuery} reports it).
     */
    VersionedRecord<V> get(K key, long asOfTimestamp);
}
