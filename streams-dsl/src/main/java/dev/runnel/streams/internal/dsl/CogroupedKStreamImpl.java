package dev.runnel.streams.internal.dsl;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.internal.graph.InternalTopologyBuilder;
import dev.runnel.streams.kstream.Aggregator;
import dev.runnel.streams.kstream.CogroupedKStream;
import dev.runnel.streams.kstream.EmitStrategy;
import dev.runnel.streams.kstream.Initializer;
import dev.runnel.streams.kstream.KGroupedStream;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.internal.dsl.OptionsInternal.NamedInternal;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Merger;
import dev.runnel.streams.kstream.Named;
import dev.runnel.streams.kstream.SessionWindowedCogroupedKStream;
import dev.runnel.streams.kstream.SessionWindows;
import dev.runnel.streams.kstream.SlidingWindows;
import dev.runnel.streams.kstream.TimeWindowedCogroupedKStream;
import dev.runnel.streams.kstream.Window;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.kstream.Windows;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.SessionStore;
import dev.runnel.streams.state.StoreBuilder;
import dev.runnel.streams.state.WindowStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A cogrouping: one aggregating processor per grouped stream (each repartitioned if its grouping changed keys), all
 * connected to one store, and a merge node whose output is the result table.
 */
final class CogroupedKStreamImpl<K, VOut> implements CogroupedKStream<K, VOut> {
    /** Prefix of the per-stream aggregating nodes. */
    static final String AGGREGATE_NAME = "COGROUPKSTREAM-AGGREGATE-";
    /** Prefix of the merge node. */
    static final String MERGE_NAME = "COGROUPKSTREAM-MERGE-";

    private final InternalStreamsBuilder builder;
    private final Map<KGroupedStreamImpl<K, ?>, Aggregator<? super K, ?, VOut>> groups = new LinkedHashMap<>();
    /** The node each grouped stream's records come from: the stream's, or its repartition topic's source. */
    private final Map<KGroupedStreamImpl<K, ?>, String> parents = new HashMap<>();

    CogroupedKStreamImpl(InternalStreamsBuilder builder) {
        this.builder = builder;
    }

    <V> CogroupedKStreamImpl<K, VOut> add(KGroupedStreamImpl<K, V> grouped,
        Aggregator<? super K, ? super V, VOut> aggregator) {
        if (groups.containsKey(grouped)) {
            throw new IllegalArgumentException("This grouped stream is already part of the cogrouping");
        }
        groups.put(grouped, aggregator);
        return this;
    }

    @Override
    public <VIn> CogroupedKStream<K, VOut> cogroup(KGroupedStream<K, VIn> groupedStream,
        Aggregator<? super K, ? super VIn, VOut> aggregator) {
        Objects.requireNonNull(groupedStream, "groupedStream can't be null");
        Objects.requireNonNull(aggregator, "aggregator can't be null");
        return add((KGroupedStreamImpl<K, VIn>) groupedStream, aggregator);
    }

    @Override
    public KTable<K, VOut> aggregate(Initializer<VOut> initializer) {
        return aggregate(initializer, NamedInternal.empty(), Materialized.with(null, null));
    }

    @Override
    public KTable<K, VOut> aggregate(Initializer<VOut> initializer, Named named) {
        return aggregate(initializer, Objects.requireNonNull(named, "named can't be null"),
            Materialized.with(null, null));
    }

    @Override
    public KTable<K, VOut> aggregate(Initializer<VOut> initializer,
        Materialized<K, VOut, KeyValueStore<Bytes, byte[]>> materialized) {
        return aggregate(initializer, NamedInternal.empty(),
            Objects.requireNonNull(materialized, "materialized can't be null"));
    }

    @Override
    @SuppressWarnings("unchecked")
    public KTable<K, VOut> aggregate(Initializer<VOut> initializer, Named named,
        Materialized<K, VOut, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(initializer, "initializer can't be null");
        Objects.requireNonNull(named, "named can't be null");
        Objects.requireNonNull(materialized, "materialized can't be null");
        MaterializedInternal<K, VOut, KeyValueStore<Bytes, byte[]>> options =
            new MaterializedInternal<>(materialized, builder, AGGREGATE_NAME);
        Serde<K> keySerde = keySerde(options.keySerde());
        StoreBuilder<?> store = KGroupedStreamImpl.keyValueStore(options, keySerde, options.valueSerde());
        String merge = build(named, options.storeName(), store,
            aggregator -> new KStreamAggregate<>(options.storeName(), initializer, aggregator));
        return new KTableImpl<>(builder, merge, keySerde, options.valueSerde(), options.queryableStoreName());
    }

    @Override
    public <W extends Window> TimeWindowedCogroupedKStream<K, VOut> windowedBy(Windows<W> windows) {
        Objects.requireNonNull(windows, "windows can't be null");
        return new TimeWindowed(TimeWindowedKStreamImpl.windowedKeyInfo(windows)) {
            @Override
            StoreBuilder<?> store(MaterializedInternal<K, VOut, WindowStore<Bytes, byte[]>> options,
                Serde<K> keySerde) {
                return TimeWindowedKStreamImpl.store(options, windows, EmitStrategy.onWindowUpdate(), keySerde,
                    options.valueSerde());
            }

            @Override
            <V> ProcessorSupplier<K, V, Windowed<K>, Change<VOut>> processor(String storeName,
                Initializer<VOut> initializer, Aggregator<? super K, ? super V, VOut> aggregator) {
                return new KStreamWindowAggregate<>(storeName, windows, initializer, aggregator,
                    EmitStrategy.onWindowUpdate());
            }
        };
    }

    @Override
    public TimeWindowedCogroupedKStream<K, VOut> windowedBy(SlidingWindows windows) {
        Objects.requireNonNull(windows, "slidingWindows can't be null");
        return new TimeWindowed(SlidingWindowedKStreamImpl.windowedKeyInfo(windows)) {
            @Override
            StoreBuilder<?> store(MaterializedInternal<K, VOut, WindowStore<Bytes, byte[]>> options,
                Serde<K> keySerde) {
                return SlidingWindowedKStreamImpl.store(options, windows, EmitStrategy.onWindowUpdate(), keySerde,
                    options.valueSerde());
            }

            @Override
            <V> ProcessorSupplier<K, V, Windowed<K>, Change<VOut>> processor(String storeName,
                Initializer<VOut> initializer, Aggregator<? super K, ? super V, VOut> aggregator) {
                return new KStreamSlidingWindowAggregate<>(storeName, windows, initializer, aggregator,
                    EmitStrategy.onWindowUpdate());
            }
        };
    }

    @Override
    public SessionWindowedCogroupedKStream<K, VOut> windowedBy(SessionWindows windows) {
        Objects.requireNonNull(windows, "sessionWindows can't be null");
        return new SessionWindowedCogroupedKStream<>() {
            @Override
            public KTable<Windowed<K>, VOut> aggregate(Initializer<VOut> initializer,
                Merger<? super K, VOut> sessionMerger) {
                return aggregate(initializer, sessionMerger, NamedInternal.empty(), Materialized.with(null, null));
            }

            @Override
            public KTable<Windowed<K>, VOut> aggregate(Initializer<VOut> initializer,
                Merger<? super K, VOut> sessionMerger, Named named) {
                return aggregate(initializer, sessionMerger, Objects.requireNonNull(named, "named can't be null"),
                    Materialized.with(null, null));
            }

            @Override
            public KTable<Windowed<K>, VOut> aggregate(Initializer<VOut> initializer,
                Merger<? super K, VOut> sessionMerger,
                Materialized<K, VOut, SessionStore<Bytes, byte[]>> materialized) {
                return aggregate(initializer, sessionMerger, NamedInternal.empty(),
                    Objects.requireNonNull(materialized, "materialized can't be null"));
            }

            @Override
            @SuppressWarnings("unchecked")
            public KTable<Windowed<K>, VOut> aggregate(Initializer<VOut> initializer,
                Merger<? super K, VOut> sessionMerger, Named named,
                Materialized<K, VOut, SessionStore<Bytes, byte[]>> materialized) {
                Objects.requireNonNull(initializer, "initializer can't be null");
                Objects.requireNonNull(sessionMerger, "sessionMerger can't be null");
                Objects.requireNonNull(named, "named can't be null");
                Objects.requireNonNull(materialized, "materialized can't be null");
                MaterializedInternal<K, VOut, SessionStore<Bytes, byte[]>> options =
                    new MaterializedInternal<>(materialized, builder, AGGREGATE_NAME);
                Serde<K> keySerde = keySerde(options.keySerde());
                StoreBuilder<?> store = SessionWindowedKStreamImpl.sessionStore(options, windows,
                    EmitStrategy.onWindowUpdate(), keySerde, options.valueSerde());
                String merge = build(named, options.storeName(), store,
                    aggregator -> new KStreamSessionWindowAggregate<>(options.storeName(), windows, initializer,
                        aggregator, sessionMerger, EmitStrategy.onWindowUpdate()));
                WindowedKeyInfo info = new WindowedKeyInfo(windows.gracePeriodMs() + windows.inactivityGap(), 0, true);
                return new KTableImpl<>(builder, merge, info.serde(keySerde), options.valueSerde(),
                    options.queryableStoreName(), info);
            }
        };
    }

    private Serde<K> keySerde(Serde<K> materializedKeySerde) {
        if (materializedKeySerde != null) {
            return materializedKeySerde;
        }
        for (KGroupedStreamImpl<K, ?> grouped : groups.keySet()) {
            if (grouped.aggregateBuilder().keySerde() != null) {
                return grouped.aggregateBuilder().keySerde();
            }
        }
        return null;
    }

    /** Adds one aggregating node per grouped stream, all on {@code store}, and the merge node; returns its name. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private String build(Named named, String storeName, StoreBuilder<?> store,
        Function<Aggregator, ProcessorSupplier> supplierFor) {
        InternalTopologyBuilder topology = builder.topologyBuilder();
        NamedPrefix names = new NamedPrefix(named);
        // As in Kafka Streams, every repartition comes first, then the aggregations, which numbers their names.
        int repartitioned = 0;
        for (KGroupedStreamImpl<K, ?> grouped : groups.keySet()) {
            GroupedStreamAggregateBuilder<K, ?> aggregateBuilder = grouped.aggregateBuilder();
            String parent = parents.get(grouped);
            if (parent == null) {
                parent = aggregateBuilder.repartitionIfRequired(repartitioned == 0 ? storeName
                    : storeName + "-" + repartitioned);
                parents.put(grouped, parent);
            } else if (!parent.equals(aggregateBuilder.streamName())) {
                // As in Kafka Streams, the cogrouping's later aggregations read the repartition topic its first one
                // added, and still take the indexes of the repartition nodes' generated names.
                Repartitioning.generatedNames(builder);
            }
            if (!parent.equals(aggregateBuilder.streamName())) {
                repartitioned++;
            }
        }
        List<String> aggregateNames = new ArrayList<>();
        int index = 0;
        for (Map.Entry<KGroupedStreamImpl<K, ?>, Aggregator<? super K, ?, VOut>> group : groups.entrySet()) {
            String parent = parents.get(group.getKey());
            String name = names.name(builder, "-cogroup-agg-" + index++, AGGREGATE_NAME);
            topology.addProcessor(name, supplierFor.apply(group.getValue()), parent);
            if (aggregateNames.isEmpty()) {
                topology.addStateStore(store, name);
            } else {
                topology.connectProcessorAndStateStores(name, storeName);
            }
            aggregateNames.add(name);
        }
        String merge = names.name(builder, "-cogroup-merge", MERGE_NAME);
        topology.addProcessor(merge, new Operators.KStreamPassThrough<>(), aggregateNames.toArray(new String[0]));
        return merge;
    }

    /**
     * A cogrouping windowed by time windows, fixed-size or sliding: each grouped stream gets the window kind's
     * aggregating processor, all on one window store.
     */
    private abstract class TimeWindowed implements TimeWindowedCogroupedKStream<K, VOut> {
        private final WindowedKeyInfo info;

        TimeWindowed(WindowedKeyInfo info) {
            this.info = info;
        }

        /** Returns the builder of the shared window store. */
        abstract StoreBuilder<?> store(MaterializedInternal<K, VOut, WindowStore<Bytes, byte[]>> options,
            Serde<K> keySerde);

        /** Returns the processor aggregating one grouped stream into store {@code storeName}. */
        abstract <V> ProcessorSupplier<K, V, Windowed<K>, Change<VOut>> processor(String storeName,
            Initializer<VOut> initializer, Aggregator<? super K, ? super V, VOut> aggregator);

        @Override
        public KTable<Windowed<K>, VOut> aggregate(Initializer<VOut> initializer) {
            return aggregate(initializer, NamedInternal.empty(), Materialized.with(null, null));
        }

        @Override
        public KTable<Windowed<K>, VOut> aggregate(Initializer<VOut> initializer, Named named) {
            return aggregate(initializer, Objects.requireNonNull(named, "named can't be null"),
                Materialized.with(null, null));
        }

        @Override
        public KTable<Windowed<K>, VOut> aggregate(Initializer<VOut> initializer,
            Materialized<K, VOut, WindowStore<Bytes, byte[]>> materialized) {
            return aggregate(initializer, NamedInternal.empty(),
                Objects.requireNonNull(materialized, "materialized can't be null"));
        }

        @Override
        @SuppressWarnings("unchecked")
        public KTable<Windowed<K>, VOut> aggregate(Initializer<VOut> initializer, Named named,
            Materialized<K, VOut, WindowStore<Bytes, byte[]>> materialized) {
            Objects.requireNonNull(initializer, "initializer can't be null");
            Objects.requireNonNull(named, "named can't be null");
            Objects.requireNonNull(materialized, "materialized can't be null");
            MaterializedInternal<K, VOut, WindowStore<Bytes, byte[]>> options =
                new MaterializedInternal<>(materialized, builder, AGGREGATE_NAME);
            Serde<K> keySerde = keySerde(options.keySerde());
            String merge = build(named, options.storeName(), store(options, keySerde),
                aggregator -> processor(options.storeName(), initializer, aggregator));
            return new KTableImpl<>(builder, merge, info.serde(keySerde), options.valueSerde(),
                options.queryableStoreName(), info);
        }
    }

    /** Names of the cogroup nodes: the user's name plus a suffix, or generated. */
    private record NamedPrefix(Named named) {
        String name(InternalStreamsBuilder builder, String suffix, String prefix) {
            return builder.suffixed(new OptionsInternal.NamedInternal(named).name(), suffix, prefix);
        }
    }
}
