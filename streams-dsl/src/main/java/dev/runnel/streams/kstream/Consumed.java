package dev.runnel.streams.kstream;

import dev.runnel.common.serialization.Serde;
import dev.runnel.streams.processor.TimestampExtractor;

/**
 * How a source reads its topic: key and value serdes, timestamp extractor and processor name; unset parts use the
 * application defaults. Immutable: every {@code withX} returns a new instance.
 *
 * <pre>{@code
 * builder.stream("clicks", Consumed.with(Serdes.String(), Serdes.Long()).withName("clicks-source"));
 * }</pre>
 */
public class Consumed<K, V> {
    /** The key serde, or {@code null} for the default. */
    protected final Serde<K> keySerde;
    /** The value serde, or {@code null} for the default. */
    protected final Serde<V> valueSerde;
    /** The timestamp extractor, or {@code null} for the default. */
    protected final TimestampExtractor timestampExtractor;
    /** The source processor name, or {@code null} for a generated one. */
    protected final String processorName;

    /** Creates an option object. */
    protected Consumed(Serde<K> keySerde, Serde<V> valueSerde, TimestampExtractor timestampExtractor,
        String processorName) {
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.timestampExtractor = timestampExtractor;
        this.processorName = processorName;
    }

    /** Creates a copy of {@code consumed}. */
    protected Consumed(Consumed<K, V> consumed) {
        this(consumed.keySerde, consumed.valueSerde, consumed.timestampExtractor, consumed.processorName);
    }

    /** Returns an instance with the given serdes. */
    public static <K, V> Consumed<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Consumed<>(keySerde, valueSerde, null, null);
    }

    /** Returns an instance with the given serdes and timestamp extractor. */
    public static <K, V> Consumed<K, V> with(Serde<K> keySerde, Serde<V> valueSerde,
        TimestampExtractor timestampExtractor) {
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, null);
    }

    /** Returns an instance with the given timestamp extractor. */
    public static <K, V> Consumed<K, V> with(TimestampExtractor timestampExtractor) {
        return new Consumed<>(null, null, timestampExtractor, null);
    }

    /** Returns an instance naming the source processor. */
    public static <K, V> Consumed<K, V> as(String processorName) {
        return new Consumed<>(null, null, null, processorName);
    }

    /** Returns a copy with the given key serde. */
    public Consumed<K, V> withKeySerde(Serde<K> keySerde) {
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, processorName);
    }

    /** Returns a copy with the given value serde. */
    public Consumed<K, V> withValueSerde(Serde<V> valueSerde) {
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, processorName);
    }

    /** Returns a copy with the given timestamp extractor. */
    public Consumed<K, V> withTimestampExtractor(TimestampExtractor timestampExtractor) {
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, processorName);
    }

    /** Returns a copy naming the source processor. */
    public Consumed<K, V> withName(String processorName) {
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, processorName);
    }
}
