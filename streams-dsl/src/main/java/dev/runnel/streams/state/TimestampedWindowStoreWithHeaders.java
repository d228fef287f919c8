package dev.runnel.streams.state;

/**
 * A window store that keeps, with each window's value, the timestamp of its last update and the record headers it
 * came with (KIP-1271), so that header-carried metadata survives the store, its changelog and a restore. Build one
 * with {@link Stores#timestampedWindowStoreWithHeadersBuilder}.
 */
public interface TimestampedWindowStoreWithHeaders<K, V> extends WindowStore<K, ValueTimestampHeaders<V>> {
}
