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
import dev.runnel.streams.kstream.Merger;
import dev.runnel.streams.kstream.Named;
import dev.runnel.streams.kstream.SessionWindowedKStream;
import dev.runnel.streams.kstream.SessionWindows;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import dev.runnel.streams.state.DslSessionParams;
import dev.runnel.streams.state.SessionBytesStoreSupplier;
import dev.runnel.streams.state.SessionStore;
import dev.runnel.streams.state.StoreBuilder;
import java.time.Duration;
import java.util.Objects;

/** A grouped stream windowed by sessions; aggregations use {@link KStreamSessionWindowAggregate}. */
final class SessionWindowedKStreamImpl<K, V> extends AbstractWindowedKStream<K, V, SessionStore<Bytes, byte[]>>
    implements SessionWindowedKStream<K, V> {
    private final SessionWindows windows;

    SessionWindowedKStreamImpl(GroupedStreamAggregateBuilder<K, V> aggregateBuilder, SessionWindows windows) {
        super(aggregateBuilder);
        this.windows = windows;
    }

    @Override
    public SessionWindowedKStream<K, V> emitStrategy(EmitStrategy strategy) {
        setEmitStrategy(strategy);
        return this;
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
        Aggregator<? super K, ? super V, VR> aggregator, Merger<? super K, VR> sessionMerger) {
        return aggregate(initializer, aggregator, sessionMerger, NamedInternal.empty(), Materialized.with(null, null));
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
        Aggregator<? super K, ? super V, VR> aggregator, Merger<? super K, VR> sessionMerger, Named named) {
        return aggregate(initializer, aggregator, sessionMerger, Objects.requireNonNull(named, "named cannot be null"),
            Materialized.with(null, null));
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
        Aggregator<? super K, ? super V, VR> aggregator, Merger<? super K, VR> sessionMerger,
        Materialized<K, VR, SessionStore<Bytes, byte[]>> materialized) {
        return aggregate(initializer, aggregator, sessionMerger, NamedInternal.empty(),
            Objects.requireNonNull(materialized, "materialized can't be null"));
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
        Aggregator<? super K, ? super V, VR> aggregator, Merger<? super K, VR> sessionMerger, Named named,
        Materialized<K, VR, SessionStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(initializer, "initializer can't be null");
        Objects.requireNonNull(aggregator, "aggregator can't be null");
        Objects.requireNonNull(sessionMerger, "sessionMerger can't be null");
        Objects.requireNonNull(named, "named cannot be null");
        Objects.requireNonNull(materialized, "materialized can't be null");
        MaterializedInternal<K, VR, SessionStore<Bytes, byte[]>> options =
            materialize(materialized, KGroupedStreamImpl.AGGREGATE_NAME);
        return build(named, KGroupedStreamImpl.AGGREGATE_NAME, options, initializer, aggregator, sessionMerger,
            options.valueSerde());
    }

    @Override
    <VR> ProcessorSupplier<K, V, Windowed<K>, Change<VR>> processor(String storeName, Initializer<VR> initializer,
        Aggregator<? super K, ? super V, VR> aggregator, Merger<? super K, VR> merger) {
        return new KStreamSessionWindowAggregate<>(storeName, windows, initializer, aggregator, merger,
            emitStrategy);
    }

    @Override
    <VR> StoreBuilder<?> store(MaterializedInternal<K, VR, SessionStore<Bytes, byte[]>> options, Serde<K> keySerde,
        Serde<VR> valueSerde) {
        return sessionStore(options, windows, emitStrategy, keySerde, valueSerde);
    }

    @Override
    WindowedKeyInfo windowedKeyInfo() {
        return new WindowedKeyInfo(windows.gracePeriodMs() + windows.inactivityGap(), 0, true);
    }

    /**
     * Returns the session store builder of a session aggregation; the retention is the Materialized one, else
     * inactivity gap + grace.
     *
     * @throws IllegalArgumentException if the Materialized retention is less than gap + grace
     */
    static <K, VR> StoreBuilder<?> sessionStore(MaterializedInternal<K, VR, SessionStore<Bytes, byte[]>> options,
        SessionWindows windows, EmitStrategy emitStrategy, Serde<K> keySerde, Serde<VR> valueSerde) {
        long minimum = windows.inactivityGap() + windows.gracePeriodMs();
        long retentionMs = options.retention() != null ? options.retention().toMillis() : minimum;
        if (retentionMs < minimum) {
            throw new IllegalArgumentException("The retention period of the session store " + options.storeName()
                + " must be no smaller than the session inactivity gap plus the grace period. Got gap=["
                + windows.inactivityGap() + "], grace=[" + windows.gracePeriodMs() + "], retention=[" + retentionMs
                + "]");
        }
        SessionBytesStoreSupplier supplier = options.sessionStoreSupplier(new DslSessionParams(options.storeName(),
            Duration.ofMillis(retentionMs), emitStrategy, DslStoreFormat.PLAIN));
        return options.configure(DslStoreBuilder.session(supplier, keySerde, valueSerde));
    }
}
