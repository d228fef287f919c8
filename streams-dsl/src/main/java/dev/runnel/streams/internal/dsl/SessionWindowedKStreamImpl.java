package dev.runnel.streams.internal.dsl;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.kstream.Aggregator;
import dev.runnel.streams.kstream.Initializer;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Merger;
import dev.runnel.streams.kstream.Named;
import dev.runnel.streams.kstream.Reducer;
import dev.runnel.streams.kstream.SessionWindowedKStream;
import dev.runnel.streams.kstream.SessionWindows;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.state.SessionBytesStoreSupplier;
import dev.runnel.streams.state.SessionStore;
import dev.runnel.streams.state.StoreBuilder;
import dev.runnel.streams.state.Stores;
import java.time.Duration;
import java.util.Objects;

/** A grouped stream windowed by sessions; aggregations use {@link KStreamSessionWindowAggregate}. */
final class SessionWindowedKStreamImpl<K, V> implements SessionWindowedKStream<K, V> {
    private final GroupedStreamAggregateBuilder<K, V> aggregateBuilder;
    private final SessionWindows windows;

    SessionWindowedKStreamImpl(GroupedStreamAggregateBuilder<K, V> aggregateBuilder, SessionWindows windows) {
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
    public KTable<Windowed<K>, Long> count(Materialized<K, Long, SessionStore<Bytes, byte[]>> materialized) {
        return count(null, materialized);
    }

    @Override
    public KTable<Windowed<K>, Long> count(Named named,
        Materialized<K, Long, SessionStore<Bytes, byte[]>> materialized) {
        MaterializedInternal<K, Long, SessionStore<Bytes, byte[]>> options = new MaterializedInternal<>(materialized,
            aggregateBuilder.builder(), KGroupedStreamImpl.AGGREGATE_NAME);
        return build(named, KGroupedStreamImpl.AGGREGATE_NAME, options, () -> 0L, (key, value, agg) -> agg + 1,
            (key, one, two) -> one + two, options.valueSerde() != null ? options.valueSerde() : Serdes.Long());
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
        Aggregator<? super K, ? super V, VR> aggregator, Merger<? super K, VR> sessionMerger) {
        return aggregate(initializer, aggregator, sessionMerger, null, null);
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
        Aggregator<? super K, ? super V, VR> aggregator, Merger<? super K, VR> sessionMerger, Named named) {
        return aggregate(initializer, aggregator, sessionMerger, named, null);
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
        Aggregator<? super K, ? super V, VR> aggregator, Merger<? super K, VR> sessionMerger,
        Materialized<K, VR, SessionStore<Bytes, byte[]>> materialized) {
        return aggregate(initializer, aggregator, sessionMerger, null, materialized);
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
        Aggregator<? super K, ? super V, VR> aggregator, Merger<? super K, VR> sessionMerger, Named named,
        Materialized<K, VR, SessionStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(initializer, "initializer can't be null");
        Objects.requireNonNull(aggregator, "aggregator can't be null");
        Objects.requireNonNull(sessionMerger, "sessionMerger can't be null");
        MaterializedInternal<K, VR, SessionStore<Bytes, byte[]>> options = new MaterializedInternal<>(materialized,
            aggregateBuilder.builder(), KGroupedStreamImpl.AGGREGATE_NAME);
        return build(named, KGroupedStreamImpl.AGGREGATE_NAME, options, initializer, aggregator, sessionMerger,
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
        Materialized<K, V, SessionStore<Bytes, byte[]>> materialized) {
        return reduce(reducer, null, materialized);
    }

    @Override
    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named,
        Materialized<K, V, SessionStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(reducer, "reducer can't be null");
        MaterializedInternal<K, V, SessionStore<Bytes, byte[]>> options = new MaterializedInternal<>(materialized,
            aggregateBuilder.builder(), KGroupedStreamImpl.REDUCE_NAME);
        return build(named, KGroupedStreamImpl.REDUCE_NAME, options, () -> null,
            (key, value, agg) -> agg == null ? value : reducer.apply(agg, value),
            (key, one, two) -> one == null ? two : two == null ? one : reducer.apply(one, two),
            options.valueSerde() != null ? options.valueSerde() : aggregateBuilder.valueSerde());
    }

    private <VR> KTable<Windowed<K>, VR> build(Named named, String prefix,
        MaterializedInternal<K, VR, SessionStore<Bytes, byte[]>> options, Initializer<VR> initializer,
        Aggregator<? super K, ? super V, VR> aggregator, Merger<? super K, VR> merger, Serde<VR> valueSerde) {
        String processorName = aggregateBuilder.processorName(named, prefix);
        Serde<K> keySerde = options.keySerde() != null ? options.keySerde() : aggregateBuilder.keySerde();
        StoreBuilder<?> store = sessionStore(options, windows, keySerde, valueSerde);
        aggregateBuilder.build(processorName,
            new KStreamSessionWindowAggregate<>(options.storeName(), windows, initializer, aggregator, merger), store,
            options.storeName());
        WindowedKeyInfo info = new WindowedKeyInfo(windows.gracePeriodMs() + windows.inactivityGap(), 0, true);
        return new KTableImpl<>(aggregateBuilder.builder(), processorName, info.serde(keySerde), valueSerde,
            options.queryableStoreName(), info);
    }

    /**
     * Returns the session store builder of a session aggregation; the retention is the Materialized one, else
     * inactivity gap + grace.
     *
     * @throws IllegalArgumentException if the Materialized retention is less than gap + grace
     */
    static <K, VR> StoreBuilder<?> sessionStore(MaterializedInternal<K, VR, SessionStore<Bytes, byte[]>> options,
        SessionWindows windows, Serde<K> keySerde, Serde<VR> valueSerde) {
        long minimum = windows.inactivityGap() + windows.gracePeriodMs();
        long retentionMs = options.retention() != null ? options.retention().toMillis() : minimum;
        if (retentionMs < minimum) {
            throw new IllegalArgumentException("The retention period of the session store " + options.storeName()
                + " must be no smaller than the session inactivity gap plus the grace period. Got gap=["
                + windows.inactivityGap() + "], grace=[" + windows.gracePeriodMs() + "], retention=[" + retentionMs
                + "]");
        }
        SessionBytesStoreSupplier supplier = options.storeSupplier() instanceof SessionBytesStoreSupplier given
            ? given
            : Stores.inMemorySessionStore(options.storeName(), Duration.ofMillis(retentionMs));
        return options.configure(Stores.sessionStoreBuilder(supplier, keySerde, valueSerde));
    }
}
