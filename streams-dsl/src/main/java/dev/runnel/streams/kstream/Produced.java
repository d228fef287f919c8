package dev.runnel.streams.kstream;

import dev.runnel.common.serialization.Serde;
import dev.runnel.streams.processor.StreamPartitioner;
import java.util.Objects;

/**
 * How a sink writes its topic: key and value serdes, partitioner and processor name; unset serdes fall back to the
 * stream's serdes, then the application defaults. Immutable: every {@code withX} returns a new instance.
 */
public class Produced<K, V> implements NamedOperation<Produced<K, V>> {
    /** The key serde, or {@code null}. */
    protected final Serde<K> keySerde;
    /** The value serde, or {@code null}. */
    protected final Serde<V> valueSerde;
    /** The partitioner, or {@code null} for the producer's. */
    protected final StreamPartitioner<? super K, ? super V> partitioner;
    /** The sink processor name, or {@code null} for a generated one. */
    protected final String processorName;

    /** Creates an option object. */
    protected Produced(Serde<K> keySerde, Serde<V> valueSerde, StreamPartitioner<? super K, ? super V> partitioner,
        String processorName) {
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.partitioner = partitioner;
        this.processorName = processorName;
    }

    /** Creates a copy of {@code produced}. */
    protected Produced(Produced<K, V> produced) {
        this(produced.keySerde, produced.valueSerde, produced.partitioner, produced.processorName);
    }

    /** Returns an instance with the given serdes. */
    public static <K, V> Produced<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Produced<>(keySerde, valueSerde, null, null);
    }

    /** Returns an instance with the given serdes and partitioner. */
    public static <K, V> Produced<K, V> with(Serde<K> keySerde, Serde<V> valueSerde,
        StreamPartitioner<? super K, ? super V> partitioner) {
        return new Produced<>(keySerde, valueSerde, partitioner, null);
    }

    /** Returns an instance naming the sink processor. */
    public static <K, V> Produced<K, V> as(String processorName) {
        return new Produced<>(null, null, null, processorName);
    }

    /** Returns an instance with the given key serde. */
    public static <K, V> Produced<K, V> keySerde(Serde<K> keySerde) {
        return new Produced<>(keySerde, null, null, null);
    }

    /** Returns an instance with the given value serde. */
    public static <K, V> Produced<K, V> valueSerde(Serde<V> valueSerde) {
        return new Produced<>(null, valueSerde, null, null);
    }

    /** Returns an instance with the given partitioner. */
    public static <K, V> Produced<K, V> streamPartitioner(StreamPartitioner<? super K, ? super V> partitioner) {
        return new Produced<>(null, null, partitioner, null);
    }

    /** Returns a copy with the given key serde. */
    public Produced<K, V> withKeySerde(Serde<K> keySerde) {
        return new Produced<>(keySerde, valueSerde, partitioner, processorName);
    }

    /** Returns a copy with the given value serde. */
    public Produced<K, V> withValueSerde(Serde<V> valueSerde) {
        return new Produced<>(keySerde, valueSerde, partitioner, processorName);
    }

    /** Returns a copy with the given partitioner. */
    public Produced<K, V> withStreamPartitioner(StreamPartitioner<? super K, ? super V> partitioner) {
        return new Produced<>(keySerde, valueSerde, partitioner, processorName);
    }

    /** Returns a copy naming the sink processor. */
    @Override
    public Produced<K, V> withName(String processorName) {
        return new Produced<>(keySerde, valueSerde, partitioner, processorName);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Produced<?, ?> that && Objects.equals(keySerde, that.keySerde)
            && Objects.equals(valueSerde, that.valueSerde) && Objects.equals(partitioner, that.partitioner)
            && Objects.equals(processorName, that.processorName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keySerde, valueSerde, partitioner, processorName);
    }
}
