package dev.runnel.streams.kstream;

import dev.runnel.common.serialization.Serde;
import dev.runnel.streams.processor.StreamPartitioner;

/**
 * Options of {@link KStream#repartition(Repartitioned)}: the base name of the repartition topic
 * ({@code <application.id>-<name>-repartition}), its number of partitions (unset: as many as the upstream source
 * topics), serdes and partitioner. Immutable: every {@code withX} returns a new instance.
 */
public class Repartitioned<K, V> implements NamedOperation<Repartitioned<K, V>> {
    /** The base name, or {@code null} for a generated one. */
    protected final String name;
    /** The key serde, or {@code null}. */
    protected final Serde<K> keySerde;
    /** The value serde, or {@code null}. */
    protected final Serde<V> valueSerde;
    /** The number of partitions, or {@code null} to inherit it. */
    protected final Integer numberOfPartitions;
    /** The partitioner, or {@code null} for the default. */
    protected final StreamPartitioner<K, V> partitioner;

    /** Creates an option object. */
    protected Repartitioned(String name, Serde<K> keySerde, Serde<V> valueSerde, Integer numberOfPartitions,
        StreamPartitioner<K, V> partitioner) {
        if (numberOfPartitions != null && numberOfPartitions <= 0) {
            throw new IllegalArgumentException("numberOfPartitions must be positive, was " + numberOfPartitions);
        }
        this.name = name;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.numberOfPartitions = numberOfPartitions;
        this.partitioner = partitioner;
    }

    /** Creates a copy of {@code repartitioned}. */
    protected Repartitioned(Repartitioned<K, V> repartitioned) {
        this(repartitioned.name, repartitioned.keySerde, repartitioned.valueSerde, repartitioned.numberOfPartitions,
            repartitioned.partitioner);
    }

    /** Returns an instance naming the repartition topic and processors. */
    public static <K, V> Repartitioned<K, V> as(String name) {
        return new Repartitioned<>(name, null, null, null, null);
    }

    /** Returns an instance with the given serdes. */
    public static <K, V> Repartitioned<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Repartitioned<>(null, keySerde, valueSerde, null, null);
    }

    /** Returns an instance with the given partitioner. */
    public static <K, V> Repartitioned<K, V> streamPartitioner(StreamPartitioner<K, V> partitioner) {
        return new Repartitioned<>(null, null, null, null, partitioner);
    }

    /** Returns an instance with the given number of partitions. */
    public static <K, V> Repartitioned<K, V> numberOfPartitions(int numberOfPartitions) {
        return new Repartitioned<>(null, null, null, numberOfPartitions, null);
    }

    /** Returns a copy with the given name. */
    @Override
    public Repartitioned<K, V> withName(String name) {
        return new Repartitioned<>(name, keySerde, valueSerde, numberOfPartitions, partitioner);
    }

    /** Returns a copy with the given number of partitions. */
    public Repartitioned<K, V> withNumberOfPartitions(int numberOfPartitions) {
        return new Repartitioned<>(name, keySerde, valueSerde, numberOfPartitions, partitioner);
    }

    /** Returns a copy with the given key serde. */
    public Repartitioned<K, V> withKeySerde(Serde<K> keySerde) {
        return new Repartitioned<>(name, keySerde, valueSerde, numberOfPartitions, partitioner);
    }

    /** Returns a copy with the given value serde. */
    public Repartitioned<K, V> withValueSerde(Serde<V> valueSerde) {
        return new Repartitioned<>(name, keySerde, valueSerde, numberOfPartitions, partitioner);
    }

    /** Returns a copy with the given partitioner. */
    public Repartitioned<K, V> withStreamPartitioner(StreamPartitioner<K, V> partitioner) {
        return new Repartitioned<>(name, keySerde, valueSerde, numberOfPartitions, partitioner);
    }
}
