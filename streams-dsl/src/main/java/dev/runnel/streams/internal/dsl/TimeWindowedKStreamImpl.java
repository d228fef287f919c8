package dev.runnel.streams.internal.dsl;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.kstream.Aggregator;
import dev.runnel.streams.kstream.EmitStrategy;
import dev.runnel.streams.kstream.Initializer;
import dev.runnel.streams.kstream.Merger;
import dev.runnel.streams.kstream.TimeWindowedKStream;
import dev.runnel.streams.kstream.UnlimitedWindows;
import dev.runnel.streams.kstream.Window;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.kstream.Windows;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import dev.runnel.streams.state.StoreBuilder;
import dev.runnel.streams.state.WindowStore;

/** A grouped stream windowed by fixed-size time windows; aggregations use {@link KStreamWindowAggregate}. */
final class TimeWindowedKStreamImpl<K, V, W extends Window> extends AbstractTimeWindowedKStream<K, V> {
    private final Windows<W> windows;

    TimeWindowedKStreamImpl(GroupedStreamAggregateBuilder<K, V> aggregateBuilder, Windows<W> windows) {
        super(aggregateBuilder);
        this.windows = windows;
    }

    /**
     * @throws IllegalArgumentException for {@code onWindowClose} over unlimited windows, which never close (as Kafka
     *     Streams)
     */
    @Override
    public TimeWindowedKStream<K, V> emitStrategy(EmitStrategy strategy) {
        if (windows instanceof UnlimitedWindows && strategy.type() == EmitStrategy.StrategyType.ON_WINDOW_CLOSE) {
            throw new IllegalArgumentException("ON_WINDOW_CLOSE emit strategy cannot be used for UnlimitedWindows");
        }
        return super.emitStrategy(strategy);
    }

    @Override
    <VR> ProcessorSupplier<K, V, Windowed<K>, Change<VR>> processor(String storeName, Initializer<VR> initializer,
        Aggregator<? super K, ? super V, VR> aggregator, Merger<? super K, VR> merger) {
        return new KStreamWindowAggregate<>(storeName, windows, initializer, aggregator, emitStrategy);
    }

    @Override
    <VR> StoreBuilder<?> store(MaterializedInternal<K, VR, WindowStore<Bytes, byte[]>> options, Serde<K> keySerde,
        Serde<VR> valueSerde) {
        return store(options, windows, emitStrategy, keySerde, valueSerde);
    }

    @Override
    WindowedKeyInfo windowedKeyInfo() {
        return windowedKeyInfo(windows);
    }

    /** Returns the store builder of an aggregation over fixed-size {@code windows}; shared with cogrouped streams. */
    static <K, VR> StoreBuilder<?> store(MaterializedInternal<K, VR, WindowStore<Bytes, byte[]>> options,
        Windows<?> windows, EmitStrategy emitStrategy, Serde<K> keySerde, Serde<VR> valueSerde) {
        long retentionMs = retentionMs(options, windows.size() + windows.gracePeriodMs(), () -> "its window size"
            + " plus the grace period. Got size=[" + windows.size() + "], grace=[" + windows.gracePeriodMs() + "]");
        return windowStore(options, windows.size(), retentionMs, emitStrategy, false, keySerde, valueSerde);
    }

    /** Returns the windowed key format of an aggregation over fixed-size {@code windows}. */
    static WindowedKeyInfo windowedKeyInfo(Windows<?> windows) {
        return new WindowedKeyInfo(windows.gracePeriodMs(), windows.size(), false);
    }
}
