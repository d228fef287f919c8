package dev.runnel.streams.state;

/** A key-value store that keeps each value's timestamp; the DSL's tables and aggregates use it. */
public interface TimestampedKeyValueStore<K, V> extends KeyValueStore<K, ValueAndTimestamp<V>> {
}
