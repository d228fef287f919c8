package dev.runnel.streams.kstream;

import dev.runnel.common.serialization.Serde;

/**
 * Options of a grouping: the serdes of the grouped records and the name of the repartition topic
 * ({@code <application.id>-<name>-repartition}) and of its processors. Immutable: each {@code withX} returns a new
 * instance.
 */
public class Grouped<K, V> implements NamedOperation<Grouped<K, V>> {
    /** The name, or {@code null} for a generated one. */
    protected final String name;
    /** The key serde, or {@code null} for the default. */
    protected final Serde<K> keySerde;
    /** The value serde, or {@code null} for the default. */
    protected final Serde<V> valueSerde;

    /** Copies {@code grouped}. */
    protected Grouped(Grouped<K, V> grouped) {
        this(grouped.name, grouped.keySerde, grouped.valueSerde);
    }

    private Grouped(String name, Serde<K> keySerde, Serde<V> valueSerde) {
        this.name = name;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    /** Returns options with the given name and default serdes. */
    public static <K, V> Grouped<K, V> as(String name) {
        return new Grouped<>(name, null, null);
    }

    /** Returns options with the given key serde. */
    public static <K, V> Grouped<K, V> keySerde(Serde<K> keySerde) {
        return new Grouped<>(null, keySerde, null);
    }

    /** Returns options with the given value serde. */
    public static <K, V> Grouped<K, V> valueSerde(Serde<V> valueSerde) {
        return new Grouped<>(null, null, valueSerde);
    }

    /** Returns options with the given name and serdes ({@code null} = default). */
    public static <K, V> Grouped<K, V> with(String name, Serde<K> keySerde, Serde<V> valueSerde) {
        return new Grouped<>(name, keySerde, valueSerde);
    }

    /** Returns options with the given serdes ({@code null} = default). */
    public static <K, V> Grouped<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Grouped<>(null, keySerde, valueSerde);
    }

    /** Returns a copy with the given name. */
    @Override
    public Grouped<K, V> withName(String name) {
        return new Grouped<>(name, keySerde, valueSerde);
    }

    /** Returns a copy with the given key serde. */
    public Grouped<K, V> withKeySerde(Serde<K> keySerde) {
        return new Grouped<>(name, keySerde, valueSerde);
    }

    /** Returns a copy with the given value serde. */
    public Grouped<K, V> withValueSerde(Serde<V> valueSerde) {
        return new Grouped<>(name, keySerde, valueSerde);
    }
}
