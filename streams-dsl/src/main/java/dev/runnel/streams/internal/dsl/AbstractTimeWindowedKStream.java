package dev.runnel.streams.internal.dsl;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.DslStoreFormat;
import dev.runnel.streams.internal.state.DslStoreBuilder;
import dev.runnel.streams.kstream.Aggregator;
import dev.runnel.streams.kstream.EmitStrategy;
import dev.runnel.streams.kstream.Initializer;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.internal.dsl.OptionsInternal.NamedInternal;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Named;
import dev.runnel.streams.kstream.TimeWindowedKStream;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.state.StoreBuilder;
import dev.runnel.streams.state.DslWindowParams;
import dev.runnel.streams.state.WindowBytesStoreSupplier;
import dev.runnel.streams.state.WindowStore;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/** A grouped stream windowed by time windows, fixed-size or sliding, aggregating into a window store. */
abstract class AbstractTimeWindowedKStream<K, V> extends AbstractWindowedKStream<K, V, WindowStore<Bytes, byte[]>>
    implements TimeWindowedKStream<K, V> {

    AbstractTimeWindowedKStream(GroupedStreamAggregateBuilder<K, V> aggregateBuilder) {
        super(aggregateBuilder);
    }

    @Override
    public TimeWindowedKStream<K, V> emitStrategy(EmitStrategy strategy) {
        setEmitStrategy(strategy);
        return this;
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
        Aggregator<? super K, ? super V, VR> aggregator) {
        return aggregate(initializer, aggregator, NamedInternal.empty(), Materialized.with(null, null));
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
        Aggregator<? super K, ? super V, VR> aggregator, Named named) {
        return aggregate(initializer, aggregator, Objects.requireNonNull(named, "named cannot be null"),
            Materialized.with(null, null));
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
        Aggregator<? super K, ? super V, VR> aggregator, Materialized<K, VR, WindowStore<Bytes, byte[]>> materialized) {
        return aggregate(initializer, aggregator, NamedInternal.empty(),
            Objects.requireNonNull(materialized, "materialized can't be null"));
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
        Aggregator<? super K, ? super V, VR> aggregator, Named named,
        Materialized<K, VR, WindowStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(initializer, "initializer can't be null");
        Objects.requireNonNull(aggregator, "aggregator can't be null");
        Objects.requireNonNull(named, "named cannot be null");
        Objects.requireNonNull(materialized, "materialized can't be null");
        MaterializedInternal<K, VR, WindowStore<Bytes, byte[]>> options =
            materialize(materialized, KGroupedStreamImpl.AGGREGATE_NAME);
        // Time windows never merge, so there is no merger.
        return build(named, KGroupedStreamImpl.AGGREGATE_NAME, options, initializer, aggregator, null,
            options.valueSerde());
    }

    /**
     * Returns the timestamped window store builder of a windowed aggregation ({@code sliding}: of sliding windows).
     *
     * @param retentionMs the store's retention, from {@link #retentionMs}
     */
    static <K, VR> StoreBuilder<?> windowStore(MaterializedInternal<K, VR, WindowStore<Bytes, byte[]>> options,
        long sizeMs, long retentionMs, EmitStrategy emitStrategy, boolean sliding, Serde<K> keySerde,
        Serde<VR> valueSerde) {
        WindowBytesStoreSupplier supplier = options.windowStoreSupplier(new DslWindowParams(options.storeName(),
            Duration.ofMillis(retentionMs), Duration.ofMillis(sizeMs), false, emitStrategy, sliding,
            DslStoreFormat.TIMESTAMPED));
        return options.configure(DslStoreBuilder.timestampedWindow(supplier, keySerde, valueSerde));
    }

    /**
     * Returns the Materialized retention, else {@code leastMs}, the least that keeps every open window.
     *
     * @param least what {@code leastMs} is and the numbers it comes from, for the exception
     * @throws IllegalArgumentException if the Materialized retention is less than {@code leastMs}
     */
    static long retentionMs(MaterializedInternal<?, ?, ?> options, long leastMs, Supplier<String> least) {
        long retentionMs = options.retention() != null ? options.retention().toMillis() : leastMs;
        if (retentionMs < leastMs) {
            throw new IllegalArgumentException("The retention period of the window store " + options.storeName()
                + " must be no smaller than " + least.get() + ", retention=[" + retentionMs + "]");
        }
        return retentionMs;
    }
}
