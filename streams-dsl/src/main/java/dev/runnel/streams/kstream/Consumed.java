package dev.runnel.streams.kstream;

import dev.runnel.common.serialization.Serde;
import dev.runnel.streams.AutoOffsetReset;
import dev.runnel.streams.Topology;
import dev.runnel.streams.processor.TimestampExtractor;
import java.util.Objects;

/**
 * How a source reads its topic: key and value serdes, timestamp extractor, offset reset policy and processor name;
 * unset parts use the application defaults. Immutable: every {@code withX} returns a new instance.
 *
 * <pre>{@code
 * builder.stream("clicks", Consumed.with(Serdes.String(), Serdes.Long()).withName("clicks-source"));
 * }</pre>
 */
public class Consumed<K, V> implements NamedOperation<Consumed<K, V>> {
    /** The key serde, or {@code null} for the default. */
    protected final Serde<K> keySerde;
    /** The value serde, or {@code null} for the default. */
    protected final Serde<V> valueSerde;
    /** The timestamp extractor, or {@code null} for the default. */
    protected final TimestampExtractor timestampExtractor;
    /** The source processor name, or {@code null} for a generated one. */
    protected final String processorName;
    /** Where to start without a valid committed offset, or {@code null} for {@code auto.offset.reset}. */
    protected final AutoOffsetReset resetPolicy;

    /** Creates an option object. */
    protected Consumed(Serde<K> keySerde, Serde<V> valueSerde, TimestampExtractor timestampExtractor,
        AutoOffsetReset resetPolicy, String processorName) {
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.timestampExtractor = timestampExtractor;
        this.resetPolicy = resetPolicy;
        this.processorName = processorName;
    }

    /** Creates a copy of {@code consumed}. */
    protected Consumed(Consumed<K, V> consumed) {
        this(consumed.keySerde, consumed.valueSerde, consumed.timestampExtractor, consumed.resetPolicy,
            consumed.processorName);
    }

    /** Returns an instance with the given serdes. */
    public static <K, V> Consumed<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Consumed<>(keySerde, valueSerde, null, null, null);
    }

    /** Returns an instance with the given serdes and timestamp extractor. */
    public static <K, V> Consumed<K, V> with(Serde<K> keySerde, Serde<V> valueSerde,
        TimestampExtractor timestampExtractor) {
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, null, null);
    }

    /** Returns an instance with the given serdes, timestamp extractor and offset reset policy. */
    public static <K, V> Consumed<K, V> with(Serde<K> keySerde, Serde<V> valueSerde,
        TimestampExtractor timestampExtractor, AutoOffsetReset resetPolicy) {
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, resetPolicy, null);
    }

    /** Returns an instance with the given offset reset policy. */
    public static <K, V> Consumed<K, V> with(AutoOffsetReset resetPolicy) {
        return new Consumed<>(null, null, null, resetPolicy, null);
    }

    /**
     * Returns an instance with the given offset reset policy.
     *
     * @deprecated as in Kafka Streams 4: use {@link #with(AutoOffsetReset)}
     */
    @Deprecated
    public static <K, V> Consumed<K, V> with(Topology.AutoOffsetReset resetPolicy) {
        return with(policyOf(resetPolicy));
    }

    /**
     * Returns an instance with the given serdes, timestamp extractor and offset reset policy.
     *
     * @deprecated as in Kafka Streams 4: use {@link #with(Serde, Serde, TimestampExtractor, AutoOffsetReset)}
     */
    @Deprecated
    public static <K, V> Consumed<K, V> with(Serde<K> keySerde, Serde<V> valueSerde,
        TimestampExtractor timestampExtractor, Topology.AutoOffsetReset resetPolicy) {
        return with(keySerde, valueSerde, timestampExtractor, policyOf(resetPolicy));
    }

    /** Returns an instance with the given timestamp extractor. */
    public static <K, V> Consumed<K, V> with(TimestampExtractor timestampExtractor) {
        return new Consumed<>(null, null, timestampExtractor, null, null);
    }

    /** Returns an instance naming the source processor. */
    public static <K, V> Consumed<K, V> as(String processorName) {
        return new Consumed<>(null, null, null, null, processorName);
    }

    /** Returns a copy with the given key serde. */
    public Consumed<K, V> withKeySerde(Serde<K> keySerde) {
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, resetPolicy, processorName);
    }

    /** Returns a copy with the given value serde. */
    public Consumed<K, V> withValueSerde(Serde<V> valueSerde) {
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, resetPolicy, processorName);
    }

    /** Returns a copy with the given timestamp extractor. */
    public Consumed<K, V> withTimestampExtractor(TimestampExtractor timestampExtractor) {
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, resetPolicy, processorName);
    }

    /** Returns a copy with the given offset reset policy ({@code null}: the {@code auto.offset.reset} config). */
    public Consumed<K, V> withOffsetResetPolicy(AutoOffsetReset resetPolicy) {
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, resetPolicy, processorName);
    }

    /**
     * Returns a copy with the given offset reset policy.
     *
     * @deprecated as in Kafka Streams 4: use {@link #withOffsetResetPolicy(AutoOffsetReset)}
     */
    @Deprecated
    public Consumed<K, V> withOffsetResetPolicy(Topology.AutoOffsetReset resetPolicy) {
        return withOffsetResetPolicy(policyOf(resetPolicy));
    }

    /** Returns a copy naming the source processor. */
    @Override
    public Consumed<K, V> withName(String processorName) {
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, resetPolicy, processorName);
    }

    @SuppressWarnings("deprecation")
    private static AutoOffsetReset policyOf(Topology.AutoOffsetReset resetPolicy) {
        if (resetPolicy == null) {
            return null;
        }
        return resetPolicy == Topology.AutoOffsetReset.EARLIEST ? AutoOffsetReset.earliest() : AutoOffsetReset.latest();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Consumed<?, ?> that && Objects.equals(keySerde, that.keySerde)
            && Objects.equals(valueSerde, that.valueSerde)
            && Objects.equals(timestampExtractor, that.timestampExtractor)
            && Objects.equals(resetPolicy, that.resetPolicy) && Objects.equals(processorName, that.processorName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keySerde, valueSerde, timestampExtractor, resetPolicy, processorName);
    }
}
