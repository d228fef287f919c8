package dev.runnel.streams.internal.dsl;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.kstream.Aggregator;
import dev.runnel.streams.kstream.EmitStrategy;
import dev.runnel.streams.kstream.Initializer;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.internal.dsl.OptionsInternal.NamedInternal;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Merger;
import dev.runnel.streams.kstream.Named;
import dev.runnel.streams.kstream.Reducer;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import dev.runnel.streams.state.StoreBuilder;
import java.util.Objects;

/**
 * The count and reduce operations of a windowed grouped stream, and the wiring every windowed aggregation shares:
 * naming the processor, picking the serdes, adding processor and store, and returning the windowed table. Subclasses
 * supply what depends on the kind of window: the aggregating processor, its store and the windowed key format.
 *
 * @param <S> the store type a user may materialize the aggregate in: a window or a session store of bytes
 */
abstract class AbstractWindowedKStream<K, V, S extends StateStore> {
    final GroupedStreamAggregateBuilder<K, V> aggregateBuilder;
    EmitStrategy emitStrategy = EmitStrategy.onWindowUpdate();

    AbstractWindowedKStream(GroupedStreamAggregateBuilder<K, V> aggregateBuilder) {
        this.aggregateBuilder = aggregateBuilder;
    }

    public KTable<Windowed<K>, Long> count() {
        return count(NamedInternal.empty(), Materialized.with(null, null));
    }

    public KTable<Windowed<K>, Long> count(Named named) {
        return count(Objects.requireNonNull(named, "named cannot be null"), Materialized.with(null, null));
    }

    public KTable<Windowed<K>, Long> count(Materialized<K, Long, S> materialized) {
        return count(NamedInternal.empty(), Objects.requireNonNull(materialized, "materialized can't be null"));
    }

    public KTable<Windowed<K>, Long> count(Named named, Materialized<K, Long, S> materialized) {
        Objects.requireNonNull(named, "named cannot be null");
        Objects.requireNonNull(materialized, "materialized can't be null");
        MaterializedInternal<K, Long, S> options = materialize(materialized, KGroupedStreamImpl.AGGREGATE_NAME);
        return build(named, KGroupedStreamImpl.AGGREGATE_NAME, options, () -> 0L, (key, value, agg) -> agg + 1,
            (key, one, two) -> one + two, options.valueSerde() != null ? options.valueSerde() : Serdes.Long());
    }

    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer) {
        return reduce(reducer, NamedInternal.empty(), Materialized.with(null, null));
    }

    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named) {
        return reduce(reducer, Objects.requireNonNull(named, "named can't be null"), Materialized.with(null, null));
    }

    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Materialized<K, V, S> materialized) {
        return reduce(reducer, NamedInternal.empty(),
            Objects.requireNonNull(materialized, "materialized can't be null"));
    }

    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named, Materialized<K, V, S> materialized) {
        Objects.requireNonNull(reducer, "reducer can't be null");
        Objects.requireNonNull(named, "named can't be null");
        Objects.requireNonNull(materialized, "materialized can't be null");
        MaterializedInternal<K, V, S> options = materialize(materialized, KGroupedStreamImpl.REDUCE_NAME);
        return build(named, KGroupedStreamImpl.REDUCE_NAME, options, () -> null,
            (key, value, agg) -> agg == null ? value : reducer.apply(agg, value),
            (key, one, two) -> one == null ? two : two == null ? one : reducer.apply(one, two),
            options.valueSerde() != null ? options.valueSerde() : aggregateBuilder.valueSerde());
    }

    /** Returns the options of {@code materialized}, generating a store name with {@code storePrefix} if it has none. */
    final <VR> MaterializedInternal<K, VR, S> materialize(Materialized<K, VR, S> materialized, String storePrefix) {
        return new MaterializedInternal<>(materialized, aggregateBuilder.builder(), storePrefix);
    }

    /**
     * Adds the aggregation to the topology and returns its windowed table.
     *
     * @param merger combines the aggregates of two sessions; only session windows merge, others ignore it
     */
    final <VR> KTable<Windowed<K>, VR> build(Named named, String prefix, MaterializedInternal<K, VR, S> options,
        Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator, Merger<? super K, VR> merger,
        Serde<VR> valueSerde) {
        String processorName = aggregateBuilder.processorName(named, prefix);
        Serde<K> keySerde = options.keySerde() != null ? options.keySerde() : aggregateBuilder.keySerde();
        StoreBuilder<?> store = store(options, keySerde, valueSerde);
        aggregateBuilder.build(processorName, processor(options.storeName(), initializer, aggregator, merger), store,
            options.storeName());
        WindowedKeyInfo info = windowedKeyInfo();
        return new KTableImpl<>(aggregateBuilder.builder(), processorName, info.serde(keySerde), valueSerde,
            options.queryableStoreName(), info);
    }

    /** Sets the emit strategy of the aggregations built from now on. */
    final void setEmitStrategy(EmitStrategy strategy) {
        this.emitStrategy = Objects.requireNonNull(strategy, "emitStrategy can't be null");
    }

    /**
     * Returns the processor aggregating into store {@code storeName}, emitting as {@link #emitStrategy} says; see
     * {@link #build} for {@code merger}.
     */
    abstract <VR> ProcessorSupplier<K, V, Windowed<K>, Change<VR>> processor(String storeName,
        Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator, Merger<? super K, VR> merger);

    /**
     * Returns the builder of the aggregation's store.
     *
     * @throws IllegalArgumentException if the Materialized retention is too short to keep every open window
     */
    abstract <VR> StoreBuilder<?> store(MaterializedInternal<K, VR, S> options, Serde<K> keySerde,
        Serde<VR> valueSerde);

    abstract WindowedKeyInfo windowedKeyInfo();
}
