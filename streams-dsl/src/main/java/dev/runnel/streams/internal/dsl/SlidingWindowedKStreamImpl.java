package dev.runnel.streams.internal.dsl;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.kstream.Aggregator;
import dev.runnel.streams.kstream.EmitStrategy;
import dev.runnel.streams.kstream.Initializer;
import dev.runnel.streams.kstream.Merger;
import dev.runnel.streams.kstream.SlidingWindows;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import dev.runnel.streams.state.StoreBuilder;
import dev.runnel.streams.state.WindowStore;

/** A grouped stream windowed by sliding windows; aggregations use {@link KStreamSlidingWindowAggregate}. */
final class SlidingWindowedKStreamImpl<K, V> extends AbstractTimeWindowedKStream<K, V> {
    private final SlidingWindows windows;

    SlidingWindowedKStreamImpl(GroupedStreamAggregateBuilder<K, V> aggregateBuilder, SlidingWindows windows) {
        super(aggregateBuilder);
        this.windows = windows;
    }

    @Override
    <VR> ProcessorSupplier<K, V, Windowed<K>, Change<VR>> processor(String storeName, Initializer<VR> initializer,
        Aggregator<? super K, ? super V, VR> aggregator, Merger<? super K, VR> merger) {
        return new KStreamSlidingWindowAggregate<>(storeName, windows, initializer, aggregator, emitStrategy);
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

    /** Returns the store builder of an aggregation over sliding {@code windows}; shared with cogrouped streams. */
    static <K, VR> StoreBuilder<?> store(MaterializedInternal<K, VR, WindowStore<Bytes, byte[]>> options,
        SlidingWindows windows, EmitStrategy emitStrategy, Serde<K> keySerde, Serde<VR> valueSerde) {
        // Windows of the same start have the same end, so the store's window size is the time difference. The
        // retention is Kafka's, 2 * difference + grace: a window stays open until end + grace, and a new window
        // copies from one starting up to 2 * difference earlier.
        long d = windows.timeDifferenceMs();
        long g = windows.gracePeriodMs();
        long retentionMs = retentionMs(options, 2 * d + g, () -> "2 * time difference plus the grace period."
            + " Got time difference=[" + d + "], grace=[" + g + "]");
        return windowStore(options, d, retentionMs, emitStrategy, true, keySerde, valueSerde);
    }

    /** Returns the windowed key format of an aggregation over sliding {@code windows}. */
    static WindowedKeyInfo windowedKeyInfo(SlidingWindows windows) {
        return new WindowedKeyInfo(windows.gracePeriodMs(), windows.timeDifferenceMs(), false);
    }
}
