package dev.runnel.streams.state;

/** A window store whose values carry the timestamp of the record that last updated them. */
public interface TimestampedWindowStore<K, V> extends WindowStore<K, ValueAndTimestamp<V>> {
}
