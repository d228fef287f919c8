package dev.runnel.streams.kstream;

import java.util.Objects;

/**
 * The key of a windowed aggregation's result: the record key and the window it belongs to.
 *
 * @param <K> the type of the record key
 */
public class Windowed<K> {
    private final K key;
    private final Window window;

    /** Creates a windowed key; {@code window} must not be null. */
    public Windowed(K key, Window window) {
        this.key = key;
        this.window = Objects.requireNonNull(window, "window");
    }

    /** Returns the record key. */
    public K key() {
        return key;
    }

    /** Returns the window. */
    public Window window() {
        return window;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Windowed<?> that)) {
            return false;
        }
        return Objects.equals(key, that.key) && window.equals(that.window);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(key) + window.hashCode();
    }

    /** Returns {@code [key@start/end]}, as Kafka Streams prints windowed keys. */
    @Override
    public String toString() {
        return "[" + key + "@" + window.start() + "/" + window.end() + "]";
    }
}
