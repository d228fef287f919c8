package dev.runnel.streams.internal.dsl;

import dev.runnel.common.serialization.Serde;
import dev.runnel.streams.kstream.Grouped;

/** Read access to a {@link Grouped}; {@code null} reads as no options. */
public final class GroupedInternal<K, V> extends Grouped<K, V> {
    /** Reads {@code grouped}. */
    public GroupedInternal(Grouped<K, V> grouped) {
        super(grouped == null ? Grouped.<K, V>as(null) : grouped);
    }

    /** Returns the name, or {@code null}. */
    public String name() {
        return name;
    }

    /** Returns the key serde, or {@code null}. */
    public Serde<K> keySerde() {
        return keySerde;
    }

    /** Returns the value serde, or {@code null}. */
    public Serde<V> valueSerde() {
        return valueSerde;
    }
}
