package dev.runnel.streams;

import java.util.Objects;

/** A key and a value, as the DSL's mappers return and the test topics read; immutable if its parts are. */
public final class KeyValue<K, V> {
    /** The key, possibly {@code null}. */
    public final K key;
    /** The value, possibly {@code null}. */
    public final V value;

    /** Creates a pair. */
    public KeyValue(K key, V value) {
        this.key = key;
        this.value = value;
    }

    /** Creates a pair. */
    public static <K, V> KeyValue<K, V> pair(K key, V value) {
        return new KeyValue<>(key, value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyValue<?, ?> that && Objects.equals(key, that.key)
            && Objects.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, value);
    }

    @Override
    public String toString() {
        return "KeyValue(" + key + ", " + value + ")";
    }
}
