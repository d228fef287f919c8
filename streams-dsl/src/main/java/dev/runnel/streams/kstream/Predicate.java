package dev.runnel.streams.kstream;

/** Tests a record; used by filter, filterNot and split. Must not have side effects. */
@FunctionalInterface
public interface Predicate<K, V> {
    /** Returns whether the record passes. */
    boolean test(K key, V value);
}
