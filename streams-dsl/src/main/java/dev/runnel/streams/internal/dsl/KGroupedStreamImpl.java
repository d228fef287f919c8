package dev.runnel.streams.internal.dsl;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.internal.state.DslStoreBuilder;
import dev.runnel.streams.kstream.Aggregator;
import dev.runnel.streams.kstream.CogroupedKStream;
import dev.runnel.streams.kstream.Initializer;
import dev.runnel.streams.kstream.KGroupedStream;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.internal.dsl.OptionsInternal.NamedInternal;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Named;
import dev.runnel.streams.kstream.Reducer;
import dev.runnel.streams.kstream.SessionWindowedKStream;
import dev.runnel.streams.kstream.SessionWindows;
import dev.runnel.streams.kstream.SlidingWindows;
import dev.runnel.streams.kstream.TimeWindowedKStream;
import dev.runnel.streams.kstream.Window;
import dev.runnel.streams.kstream.Windows;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.StoreBuilder;
import java.util.Objects;

/** The grouped stream of {@link KStreamImpl#groupByKey} and {@link KStreamImpl#groupBy}. */
public final class KGroupedStreamImpl<K, V> implements KGroupedStream<K, V> {
    /** Prefix of aggregate and count nodes and stores. */
    public static final String AGGREGATE_NAME = "KSTREAM-AGGREGATE-";
    /** Prefix of reduce nodes and stores. */
    public static final String REDUCE_NAME = "KSTREAM-REDUCE-";

    private final GroupedStreamAggregateBuilder<K, V> aggregateBuilder;

    /** Groups {@code stream}; {@code repartitionRequired} says whether aggregations must repartition first. */
    public KGroupedStreamImpl(KStreamImpl<K, V> stream, GroupedInternal<K, V> grouped, boolean repartitionRequired) {
        this.aggregateBuilder = new GroupedStreamAggregateBuilder<>(stream, grouped, repartitionRequired);
    }

    GroupedStreamAggregateBuilder<K, V> aggregateBuilder() {
        return aggregateBuilder;
    }

    @Override
    public KTable<K, Long> count() {
        return doCount(NamedInternal.empty(), null);
    }

    @Override
    public KTable<K, Long> count(Named named) {
        return doCount(Objects.requireNonNull(named, "named can't be null"), null);
    }

    @Override
    public KTable<K, Long> count(Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized) {
        return doCount(NamedInternal.empty(), Objects.requireNonNull(materialized, "materialized can't be null"));
    }

    @Override
    public KTable<K, Long> count(Named named, Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(named, "named cannot be null");
        Objects.requireNonNull(materialized, "materialized can't be null");
        return doCount(named, materialized);
    }

    /** Counts; {@code materialized} is {@code null} when the caller gave none. */
    private KTable<K, Long> doCount(Named named, Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized) {
        if (materialized != null) {
            // Kafka Streams' count(Materialized) takes one more store index when it generates the store's name;
            // taking it too keeps the generated names after it Kafka's.
            new MaterializedInternal<>(materialized, aggregateBuilder.builder(), AGGREGATE_NAME);
        }
        MaterializedInternal<K, Long, KeyValueStore<Bytes, byte[]>> options =
            new MaterializedInternal<>(materialized, aggregateBuilder.builder(), AGGREGATE_NAME);
        Serde<Long> valueSerde = options.valueSerde() != null ? options.valueSerde() : Serdes.Long();
        return doAggregate(named, AGGREGATE_NAME, options,
            new KStreamAggregate<K, V, Long>(options.storeName(), () -> 0L, (key, value, agg) -> agg + 1), valueSerde);
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> reducer) {
        return reduce(reducer, NamedInternal.empty(), Materialized.with(null, null));
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> reducer, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return reduce(reducer, NamedInternal.empty(),
            Objects.requireNonNull(materialized, "materialized can't be null"));
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> reducer, Named named,
        Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(reducer, "reducer can't be null");
        Objects.requireNonNull(named, "name can't be null");
        Objects.requireNonNull(materialized, "materialized can't be null");
        MaterializedInternal<K, V, KeyValueStore<Bytes, byte[]>> options =
            new MaterializedInternal<>(materialized, aggregateBuilder.builder(), REDUCE_NAME);
        Serde<V> valueSerde = options.valueSerde() != null ? options.valueSerde() : aggregateBuilder.valueSerde();
        return doAggregate(named, REDUCE_NAME, options, KStreamAggregate.reduce(options.storeName(), reducer),
            valueSerde);
    }

    @Override
    public <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator) {
        return aggregate(initializer, aggregator, NamedInternal.empty(), Materialized.with(null, null));
    }

    @Override
    public <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return aggregate(initializer, aggregator, NamedInternal.empty(),
            Objects.requireNonNull(materialized, "materialized can't be null"));
    }

    @Override
    public <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
        Named named, Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(initializer, "initializer can't be null");
        Objects.requireNonNull(aggregator, "aggregator can't be null");
        Objects.requireNonNull(named, "named can't be null");
        Objects.requireNonNull(materialized, "materialized can't be null");
        MaterializedInternal<K, VR, KeyValueStore<Bytes, byte[]>> options =
            new MaterializedInternal<>(materialized, aggregateBuilder.builder(), AGGREGATE_NAME);
        return doAggregate(named, AGGREGATE_NAME, options,
            new KStreamAggregate<K, V, VR>(options.storeName(), initializer, aggregator), options.valueSerde());
    }

    private <VR> KTable<K, VR> doAggregate(Named named, String prefix,
        MaterializedInternal<K, VR, KeyValueStore<Bytes, byte[]>> options, ProcessorSupplier<K, V, K, ?> supplier,
        Serde<VR> valueSerde) {
        String processorName = aggregateBuilder.processorName(named, prefix);
        Serde<K> keySerde = options.keySerde() != null ? options.keySerde() : aggregateBuilder.keySerde();
        StoreBuilder<?> store = keyValueStore(options, keySerde, valueSerde);
        aggregateBuilder.build(processorName, supplier, store, options.storeName());
        return new KTableImpl<>(aggregateBuilder.builder(), processorName, keySerde, valueSerde,
            options.queryableStoreName());
    }

    /** Returns the key-value store builder of an aggregation: timestamped, or headers-aware (KIP-1285). */
    static <K, VR> StoreBuilder<?> keyValueStore(MaterializedInternal<K, VR, KeyValueStore<Bytes, byte[]>> options,
        Serde<K> keySerde, Serde<VR> valueSerde) {
        return options.configure(DslStoreBuilder.timestampedKeyValue(options.keyValueStoreSupplier(), keySerde,
            valueSerde));
    }

    @Override
    public <W extends Window> TimeWindowedKStream<K, V> windowedBy(Windows<W> windows) {
        return new TimeWindowedKStreamImpl<>(aggregateBuilder,
            Objects.requireNonNull(windows, "windows can't be null"));
    }

    @Override
    public TimeWindowedKStream<K, V> windowedBy(SlidingWindows windows) {
        return new SlidingWindowedKStreamImpl<>(aggregateBuilder,
            Objects.requireNonNull(windows, "windows can't be null"));
    }

    @Override
    public SessionWindowedKStream<K, V> windowedBy(SessionWindows windows) {
        return new SessionWindowedKStreamImpl<>(aggregateBuilder,
            Objects.requireNonNull(windows, "windows can't be null"));
    }

    @Override
    public <VOut> CogroupedKStream<K, VOut> cogroup(Aggregator<? super K, ? super V, VOut> aggregator) {
        Objects.requireNonNull(aggregator, "aggregator can't be null");
        return new CogroupedKStreamImpl<K, VOut>(aggregateBuilder.builder()).add(this, aggregator);
    }
}
