package dev.runnel.streams.kstream;

/** Merges the aggregates of two sessions of the same key when a record bridges them. */
@FunctionalInterface
public interface Merger<K, V> {
    /** Returns the merge of {@code aggOne} and {@code aggTwo}. */
    V apply(K aggKey, V aggOne, V aggTwo);
}
