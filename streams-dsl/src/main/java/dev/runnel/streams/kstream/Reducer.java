package dev.runnel.streams.kstream;

/** Combines two values of the same key into one of the same type. */
@FunctionalInterface
public interface Reducer<V> {
    /** Returns the combination of the current aggregate {@code value1} and the new value {@code value2}. */
    V apply(V value1, V value2);
}
