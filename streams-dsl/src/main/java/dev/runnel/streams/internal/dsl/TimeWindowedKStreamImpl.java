package dev.runnel.streams.internal.dsl;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.kstream.Aggregator;
import dev.runnel.streams.kstream.Initializer;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Named;
import dev.runnel.streams.kstream.Reducer;
import dev.runnel.streams.kstream.TimeWindowedKStream;
import dev.runnel.streams.kstream.Window;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.kstream.Windows;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import dev.runnel.streams.state.StoreBuilder;
import dev.runnel.streams.state.Stores;
import dev.runnel.streams.state.WindowBytesStoreSupplier;
import dev.runnel.streams.state.WindowStore;
import java.time.Duration;
import java.util.Objects;

/** A grouped stream windowed by fixed-size time windows; aggregations use {@link KStreamWindowAggregate}. */
final class TimeWindowedKStreamImpl<K, V, W extends Window> implements TimeWindowedKStream<K, V> {
    private final GroupedStreamAggregateBuilder<K, V> aggregateBuilder;
    private final Windows<W> windows;

    TimeWindowedKStreamImpl(GroupedStreamAggregateBuilder<K, V> aggregateBuilder, Windows<W> windows) {
        this.aggregateBuilder = aggregateBuilder;
        this.windows = windows;
    }

    @Override
    public KTable<Windowed<K>, Long> count() {
        return count(null, null);
    }

    @Override
    public KTable<Windowed<K>, Long> count(Named named) {
        return count(named, null);
    }

    @Override
    public KTable<Windowed<K>, Long> count(Materialized<K, Long, WindowStore<Bytes, byte[]>> materialized) {
        return count(null, materialized);
    }

    @Override
    public KTable<Windowed<K>, Long> count(Named named,
        Materialized<K, Long, WindowStore<Bytes, byte[]>> materialized) {
        MaterializedInternal<K, Long, WindowStore<Bytes, byte[]>> options = new MaterializedInternal<>(materialized,
            aggregateBuilder.builder(), KGroupedStreamImpl.AGGREGATE_NAME);
        return build(named, KGroupedStreamImpl.AGGREGATE_NAME, options, () -> 0L, (key, value, agg) -> agg + 1,
            options.valueSerde() != null ? options.valueSerde() : Serdes.Long());
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
        Aggregator<? super K, ? super V, VR> aggregator) {
        return aggregate(initializer, aggregator, null, null);
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
        Aggregator<? super K, ? super V, VR> aggregator, Named named) {
        return aggregate(initializer, aggregator, named, null);
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
        Aggregator<? super K, ? super V, VR> aggregator, Materialized<K, VR, WindowStore<Bytes, byte[]>> materialized) {
        return aggregate(initializer, aggregator, null, materialized);
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
        Aggregator<? super K, ? super V, VR> aggregator, Named named,
        Materialized<K, VR, WindowStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(initializer, "initializer can't be null");
        Objects.requireNonNull(aggregator, "aggregator can't be null");
        MaterializedInternal<K, VR, WindowStore<Bytes, byte[]>> options = new MaterializedInternal<>(materialized,
            aggregateBuilder.builder(), KGroupedStreamImpl.AGGREGATE_NAME);
        return build(named, KGroupedStreamImpl.AGGREGATE_NAME, options, initializer, aggregator,
            options.valueSerde());
    }

    @Override
    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer) {
        return reduce(reducer, null, null);
    }

    @Override
    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named) {
        return reduce(reducer, named, null);
    }

    @Override
    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer,
        Materialized<K, V, WindowStore<Bytes, byte[]>> materialized) {
        return reduce(reducer, null, materialized);
    }

    @Override
    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named,
        Materialized<K, V, WindowStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(reducer, "reducer can't be null");
        MaterializedInternal<K, V, WindowStore<Bytes, byte[]>> options = new MaterializedInternal<>(materialized,
            aggregateBuilder.builder(), KGroupedStreamImpl.REDUCE_NAME);
        return build(named, KGroupedStreamImpl.REDUCE_NAME, options, () -> null,
            (key, value, agg) -> agg == null ? value : reducer.apply(agg, value),
            options.valueSerde() != null ? options.valueSerde() : aggregateBuilder.valueSerde());
    }

    private <VR> KTable<Windowed<K>, VR> build(Named named, String prefix,
        MaterializedInternal<K, VR, WindowStore<Bytes, byte[]>> options, Initializer<VR> initializer,
        Aggregator<? super K, ? super V, VR> aggregator, Serde<VR> valueSerde) {
        String processorName = aggregateBuilder.processorName(named, prefix);
        Serde<K> keySerde = options.keySerde() != null ? options.keySerde() : aggregateBuilder.keySerde();
        ProcessorSupplier<K, V, Windowed<K>, Change<VR>> supplier =
            new KStreamWindowAggregate<>(options.storeName(), windows, initializer, aggregator);
        StoreBuilder<?> store = windowStore(options, windows.size(), windows.gracePeriodMs(), keySerde, valueSerde);
        aggregateBuilder.build(processorName, supplier, store, options.storeName());
        WindowedKeyInfo info = new WindowedKeyInfo(windows.gracePeriodMs(), windows.size(), false);
        return new KTableImpl<>(aggregateBuilder.builder(), processorName, info.serde(keySerde), valueSerde,
            options.queryableStoreName(), info);
    }

    /**
     * Returns the timestamped window store builder of a windowed aggregation. The retention is the Materialized one,
     * else window size + grace, which is the least that keeps every open window.
     *
     * @throws IllegalArgumentException if the Materialized retention is less than window size + grace
     */
    static <K, VR> StoreBuilder<?> windowStore(MaterializedInternal<K, VR, WindowStore<Bytes, byte[]>> options,
        long sizeMs, long graceMs, Serde<K> keySerde, Serde<VR> valueSerde) {
        long retentionMs = options.retention() != null ? options.retention().toMillis() : sizeMs + graceMs;
        if (retentionMs < sizeMs + graceMs) {
            throw new IllegalArgumentException("The retention period of the window store " + options.storeName()
                + " must be no smaller than its window size plus the grace period. Got size=[" + sizeMs + "],"
                + " grace=[" + graceMs + "], retention=[" + retentionMs + "]");
        }
        WindowBytesStoreSupplier supplier = options.storeSupplier() instanceof WindowBytesStoreSupplier given
            ? given
            : Stores.inMemoryWindowStore(options.storeName(), Duration.ofMillis(retentionMs), Duration.ofMillis(sizeMs),
                false);
        return options.configure(Stores.timestampedWindowStoreBuilder(supplier, keySerde, valueSerde));
    }
}
