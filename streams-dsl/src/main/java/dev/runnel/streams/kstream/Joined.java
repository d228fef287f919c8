package dev.runnel.streams.kstream;

import dev.runnel.common.serialization.Serde;
import java.time.Duration;

/**
 * Options of a stream-table join: the serdes of the key, the stream's values and the table's values (used when the
 * stream is repartitioned first, and for the grace-period buffer), the processor name, and a grace period.
 * Unset serdes fall back to the stream's, then the defaults.
 * <p>With a grace period (KIP-923) the stream records wait in a buffer store ({@code <processor name>-Buffer},
 * change-logged) until stream time passes their timestamp plus the grace period, and are then joined in timestamp
 * order, each against the table's value as of its timestamp: a table update that arrives after a stream record but
 * within the grace period still joins with it. The table must be versioned, with a history retention of at least the
 * grace period, or the join fails with {@link IllegalArgumentException}. A record already later than the grace
 * period is joined when it arrives.
 * Immutable: every {@code withX} returns a new instance.
 */
public class Joined<K, V, VO> implements NamedOperation<Joined<K, V, VO>> {
    /** The key serde, or {@code null}. */
    protected final Serde<K> keySerde;
    /** The stream's value serde, or {@code null}. */
    protected final Serde<V> valueSerde;
    /** The table's value serde, or {@code null}. */
    protected final Serde<VO> otherValueSerde;
    /** The processor name (also the base of a repartition topic), or {@code null}. */
    protected final String name;
    /** How long stream records wait for late table updates, or {@code null} for no buffering. */
    protected final Duration gracePeriod;

    private Joined(Serde<K> keySerde, Serde<V> valueSerde, Serde<VO> otherValueSerde, String name,
        Duration gracePeriod) {
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.otherValueSerde = otherValueSerde;
        this.name = name;
        this.gracePeriod = gracePeriod;
    }

    /** Creates a copy of {@code joined}. */
    protected Joined(Joined<K, V, VO> joined) {
        this(joined.keySerde, joined.valueSerde, joined.otherValueSerde, joined.name, joined.gracePeriod);
    }

    /** Returns an instance with the given serdes. */
    public static <K, V, VO> Joined<K, V, VO> with(Serde<K> keySerde, Serde<V> valueSerde,
        Serde<VO> otherValueSerde) {
        return new Joined<>(keySerde, valueSerde, otherValueSerde, null, null);
    }

    /** Returns an instance with the given serdes and processor name. */
    public static <K, V, VO> Joined<K, V, VO> with(Serde<K> keySerde, Serde<V> valueSerde,
        Serde<VO> otherValueSerde, String name) {
        return new Joined<>(keySerde, valueSerde, otherValueSerde, name, null);
    }

    /** Returns an instance with the given serdes, processor name and grace period ({@code null} for none). */
    public static <K, V, VO> Joined<K, V, VO> with(Serde<K> keySerde, Serde<V> valueSerde,
        Serde<VO> otherValueSerde, String name, Duration gracePeriod) {
        return new Joined<>(keySerde, valueSerde, otherValueSerde, name, gracePeriod);
    }

    /** Returns an instance with the given key serde. */
    public static <K, V, VO> Joined<K, V, VO> keySerde(Serde<K> keySerde) {
        return new Joined<>(keySerde, null, null, null, null);
    }

    /** Returns an instance with the given stream value serde. */
    public static <K, V, VO> Joined<K, V, VO> valueSerde(Serde<V> valueSerde) {
        return new Joined<>(null, valueSerde, null, null, null);
    }

    /** Returns an instance with the given table value serde. */
    public static <K, V, VO> Joined<K, V, VO> otherValueSerde(Serde<VO> otherValueSerde) {
        return new Joined<>(null, null, otherValueSerde, null, null);
    }

    /** Returns an instance naming the join processor. */
    public static <K, V, VO> Joined<K, V, VO> as(String name) {
        return new Joined<>(null, null, null, name, null);
    }

    /** Returns a copy with the given key serde. */
    public Joined<K, V, VO> withKeySerde(Serde<K> keySerde) {
        return new Joined<>(keySerde, valueSerde, otherValueSerde, name, gracePeriod);
    }

    /** Returns a copy with the given stream value serde. */
    public Joined<K, V, VO> withValueSerde(Serde<V> valueSerde) {
        return new Joined<>(keySerde, valueSerde, otherValueSerde, name, gracePeriod);
    }

    /** Returns a copy with the given table value serde. */
    public Joined<K, V, VO> withOtherValueSerde(Serde<VO> otherValueSerde) {
        return new Joined<>(keySerde, valueSerde, otherValueSerde, name, gracePeriod);
    }

    /** Returns a copy naming the join processor. */
    @Override
    public Joined<K, V, VO> withName(String name) {
        return new Joined<>(keySerde, valueSerde, otherValueSerde, name, gracePeriod);
    }

    /** Returns a copy whose stream records wait {@code gracePeriod} for late table updates (see the class comment). */
    public Joined<K, V, VO> withGracePeriod(Duration gracePeriod) {
        return new Joined<>(keySerde, valueSerde, otherValueSerde, name, gracePeriod);
    }

    /** Returns the grace period, or {@code null} for none. */
    public Duration gracePeriod() {
        return gracePeriod;
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
