package dev.runnel.streams.kstream;

import dev.runnel.common.serialization.Serde;

/**
 * Options of a stream-table join: the serdes of the key, the stream's values and the table's values (used when the
 * stream is repartitioned first), and the processor name. Unset serdes fall back to the stream's, then the defaults.
 * Immutable: every {@code withX} returns a new instance.
 */
public class Joined<K, V, VO> {
    /** The key serde, or {@code null}. */
    protected final Serde<K> keySerde;
    /** The stream's value serde, or {@code null}. */
    protected final Serde<V> valueSerde;
    /** The table's value serde, or {@code null}. */
    protected final Serde<VO> otherValueSerde;
    /** The processor name (also the base of a repartition topic), or {@code null}. */
    protected final String name;

    /** Creates an option object. */
    protected Joined(Serde<K> keySerde, Serde<V> valueSerde, Serde<VO> otherValueSerde, String name) {
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.otherValueSerde = otherValueSerde;
        this.name = name;
    }

    /** Creates a copy of {@code joined}. */
    protected Joined(Joined<K, V, VO> joined) {
        this(joined.keySerde, joined.valueSerde, joined.otherValueSerde, joined.name);
    }

    /** Returns an instance with the given serdes. */
    public static <K, V, VO> Joined<K, V, VO> with(Serde<K> keySerde, Serde<V> valueSerde,
        Serde<VO> otherValueSerde) {
        return new Joined<>(keySerde, valueSerde, otherValueSerde, null);
    }

    /** Returns an instance with the given serdes and processor name. */
    public static <K, V, VO> Joined<K, V, VO> with(Serde<K> keySerde, Serde<V> valueSerde,
        Serde<VO> otherValueSerde, String name) {
        return new Joined<>(keySerde, valueSerde, otherValueSerde, name);
    }

    /** Returns an instance with the given key serde. */
    public static <K, V, VO> Joined<K, V, VO> keySerde(Serde<K> keySerde) {
        return new Joined<>(keySerde, null, null, null);
    }

    /** Returns an instance with the given stream value serde. */
    public static <K, V, VO> Joined<K, V, VO> valueSerde(Serde<V> valueSerde) {
        return new Joined<>(null, valueSerde, null, null);
    }

    /** Returns an instance with the given table value serde. */
    public static <K, V, VO> Joined<K, V, VO> otherValueSerde(Serde<VO> otherValueSerde) {
        return new Joined<>(null, null, otherValueSerde, null);
    }

    /** Returns an instance naming the join processor. */
    public static <K, V, VO> Joined<K, V, VO> as(String name) {
        return new Joined<>(null, null, null, name);
    }

    /** Returns a copy with the given key serde. */
    public Joined<K, V, VO> withKeySerde(Serde<K> keySerde) {
        return new Joined<>(keySerde, valueSerde, otherValueSerde, name);
    }

    /** Returns a copy with the given stream value serde. */
    public Joined<K, V, VO> withValueSerde(Serde<V> valueSerde) {
        return new Joined<>(keySerde, valueSerde, otherValueSerde, name);
    }

    /** Returns a copy with the given table value serde. */
    public Joined<K, V, VO> withOtherValueSerde(Serde<VO> otherValueSerde) {
        return new Joined<>(keySerde, valueSerde, otherValueSerde, name);
    }

    /** Returns a copy naming the join processor. */
    public Joined<K, V, VO> withName(String name) {
        return new Joined<>(keySerde, valueSerde, otherValueSerde, name);
    }

    /** Returns the key serde, or {@code null}. */
    public Serde<K> keySerde() {
        return keySerde;
    }

    /** Returns the stream value serde, or {@code null}. */
    public Serde<V> valueSerde() {
        return valueSerde;
    }

    /** Returns the table value serde, or {@code null}. */
    public Serde<VO> otherValueSerde() {
        return otherValueSerde;
    }
}
