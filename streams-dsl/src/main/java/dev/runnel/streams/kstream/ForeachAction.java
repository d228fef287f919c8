package dev.runnel.streams.kstream;

/** Acts on a record for its side effect (peek, foreach). */
@FunctionalInterface
public interface ForeachAction<K, V> {
    /** Runs the action. */
    void apply(K key, V value);
}
