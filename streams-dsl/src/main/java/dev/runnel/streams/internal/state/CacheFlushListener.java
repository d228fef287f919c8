package dev.runnel.streams.internal.state;

/**
 * Receives the entries a caching layer writes down on flush or when the cache is full, so that an operator forwards
 * only those (Kafka Streams' cache-flush forwarding): one call per key and flush however often the key was updated in
 * between.
 */
@FunctionalInterface
public interface CacheFlushListener<K, V> {
    /**
     * Receives one flushed entry.
     *
     * @param newValue the value written ({@code null}: deleted)
     * @param oldValue the value it replaced, if old values were asked for, else {@code null}
     * @param timestamp the timestamp of the record that last updated the entry
     */
    void apply(K key, V newValue, V oldValue, long timestamp);
}
