package dev.runnel.streams.internal.dsl;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.internal.graph.InternalTopologyBuilder;
import dev.runnel.streams.kstream.Aggregator;
import dev.runnel.streams.kstream.Grouped;
import dev.runnel.streams.kstream.Initializer;
import dev.runnel.streams.kstream.KGroupedTable;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.kstream.KeyValueMapper;
import dev.runnel.streams.internal.dsl.OptionsInternal.NamedInternal;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Named;
import dev.runnel.streams.kstream.Reducer;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import dev.runnel.streams.state.KeyValueStore;
import java.util.Objects;

/**
 * A re-grouped table (KTable#groupBy): the node emitting {@link Change}s keyed by the new group, which every
 * aggregation sends through its own repartition topic ({@code <store or Grouped name>-repartition}) before
 * {@link KTableAggregate} applies the subtractions and additions.
 */
final class KGroupedTableImpl<K, V> implements KGroupedTable<K, V> {
    /** Prefix of aggregate and count nodes and stores. */
    static final String AGGREGATE_NAME = "KTABLE-AGGREGATE-";
    /** Prefix of reduce nodes and stores. */
    static final String REDUCE_NAME = "KTABLE-REDUCE-";
    /** Prefix of KTable#groupBy select nodes. */
    static final String SELECT_NAME = "KTABLE-SELECT-";

    private final InternalStreamsBuilder builder;
    private final String selectName;
    private final GroupedInternal<K, V> grouped;
    /** The source of a named grouping's repartition topic, once an aggregation added it; {@code null} until then. */
    private String namedRepartitionSource;

    KGroupedTableImpl(InternalStreamsBuilder builder, String selectName, GroupedInternal<K, V> grouped) {
        this.builder = builder;
        this.selectName = selectName;
        this.grouped = grouped;
    }

    /**
     * Re-groups {@code table} by the key and value {@code selector} picks (KTable#groupBy): adds the
     * {@code KTABLE-SELECT-} node ({@link KTableRepartitionMap}).
     */
    static <K, V, KR, VR> KGroupedTableImpl<KR, VR> select(KTableImpl<K, V> table,
        KeyValueMapper<? super K, ? super V, KeyValue<KR, VR>> selector, Grouped<KR, VR> grouped) {
        Objects.requireNonNull(selector, "selector can't be null");
        Objects.requireNonNull(grouped, "grouped can't be null");
        GroupedInternal<KR, VR> options = new GroupedInternal<>(grouped);
        InternalStreamsBuilder builder = table.builder();
        String selectName = builder.name(options.name() == null ? null : Named.as(options.name()), SELECT_NAME);
        builder.topologyBuilder().addProcessor(selectName, new KTableRepartitionMap<K, V, KR, VR>(selector),
            table.name());
        // The aggregation subtracts each old value.
        table.materializeSource();
        return new KGroupedTableImpl<>(builder, selectName, options);
    }

    @Override
    public KTable<K, Long> count() {
        return count(NamedInternal.empty(), Materialized.with(null, null));
    }

    @Override
    public KTable<K, Long> count(Named named) {
        return count(Objects.requireNonNull(named, "named cannot be null"), Materialized.with(null, null));
    }

    @Override
    public KTable<K, Long> count(Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized) {
        return count(NamedInternal.empty(), Objects.requireNonNull(materialized, "materialized can't be null"));
    }

    @Override
    public KTable<K, Long> count(Named named, Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(named, "named cannot be null");
        Objects.requireNonNull(materialized, "materialized can't be null");
        MaterializedInternal<K, Long, KeyValueStore<Bytes, byte[]>> options =
            new MaterializedInternal<>(materialized, builder, AGGREGATE_NAME);
        return build(named, AGGREGATE_NAME, options, new KTableAggregate<K, V, Long>(options.storeName(), () -> 0L,
            (key, value, agg) -> agg + 1, (key, value, agg) -> agg - 1),
            options.valueSerde() != null ? options.valueSerde() : Serdes.Long());
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor) {
        return reduce(adder, subtractor, NamedInternal.empty(), Materialized.with(null, null));
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor,
        Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return reduce(adder, subtractor, NamedInternal.empty(),
            Objects.requireNonNull(materialized, "materialized can't be null"));
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor, Named named,
        Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(adder, "adder can't be null");
        Objects.requireNonNull(subtractor, "subtractor can't be null");
        Objects.requireNonNull(named, "named can't be null");
        Objects.requireNonNull(materialized, "materialized can't be null");
        MaterializedInternal<K, V, KeyValueStore<Bytes, byte[]>> options =
            // An unnamed reduce's store takes the aggregation's prefix, as Kafka Streams names it.
            new MaterializedInternal<>(materialized, builder, AGGREGATE_NAME);
        return build(named, REDUCE_NAME, options, KTableAggregate.reduce(options.storeName(), adder, subtractor),
            options.valueSerde() != null ? options.valueSerde() : grouped.valueSerde());
    }

    @Override
    public <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
        Aggregator<? super K, ? super V, VR> subtractor) {
        return aggregate(initializer, adder, subtractor, NamedInternal.empty(), Materialized.with(null, null));
    }

    @Override
    public <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
        Aggregator<? super K, ? super V, VR> subtractor, Named named) {
        return aggregate(initializer, adder, subtractor, Objects.requireNonNull(named, "named can't be null"),
            Materialized.with(null, null));
    }

    @Override
    public <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
        Aggregator<? super K, ? super V, VR> subtractor,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return aggregate(initializer, adder, subtractor, NamedInternal.empty(),
            Objects.requireNonNull(materialized, "materialized can't be null"));
    }

    @Override
    public <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
        Aggregator<? super K, ? super V, VR> subtractor, Named named,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(initializer, "initializer can't be null");
        Objects.requireNonNull(adder, "adder can't be null");
        Objects.requireNonNull(subtractor, "subtractor can't be null");
        Objects.requireNonNull(named, "named can't be null");
        Objects.requireNonNull(materialized, "materialized can't be null");
        MaterializedInternal<K, VR, KeyValueStore<Bytes, byte[]>> options =
            new MaterializedInternal<>(materialized, builder, AGGREGATE_NAME);
        return build(named, AGGREGATE_NAME, options,
            new KTableAggregate<K, V, VR>(options.storeName(), initializer, adder, subtractor), options.valueSerde());
    }

    private <VR> KTable<K, VR> build(Named named, String prefix,
        MaterializedInternal<K, VR, KeyValueStore<Bytes, byte[]>> options,
        ProcessorSupplier<K, Change<V>, K, Change<VR>> supplier, Serde<VR> valueSerde) {
        String topic = (grouped.name() != null ? grouped.name() : options.storeName())
            + GroupedStreamAggregateBuilder.REPARTITION_TOPIC_SUFFIX;
        // The repartition sink and source take the aggregation's name and their indexes before it, as in Kafka Streams.
        String operationName = new OptionsInternal.NamedInternal(named).name();
        String sinkName = builder.suffixed(operationName, "-sink", KStreamImpl.SINK_NAME);
        String sourceName = builder.suffixed(operationName, "-source", KStreamImpl.SOURCE_NAME);
        String processorName = builder.name(operationName, prefix);
        // As in Kafka Streams, the later aggregations of a named grouping read the first one's repartition topic.
        String parent = namedRepartitionSource != null ? namedRepartitionSource
            : addRepartition(topic, sinkName, sourceName);
        if (grouped.name() != null) {
            namedRepartitionSource = parent;
        }
        InternalTopologyBuilder topology = builder.topologyBuilder();
        topology.addProcessor(processorName, supplier, parent);
        Serde<K> keySerde = options.keySerde() != null ? options.keySerde() : grouped.keySerde();
        topology.addStateStore(KGroupedStreamImpl.keyValueStore(options, keySerde, valueSerde), processorName);
        return new KTableImpl<>(builder, processorName, keySerde, valueSerde, options.queryableStoreName());
    }

    /** Adds the repartition topic {@code topic} behind the key selection; returns its source's name. */
    private String addRepartition(String topic, String sinkName, String sourceName) {
        InternalTopologyBuilder topology = builder.topologyBuilder();
        topology.addInternalTopic(topic);
        topology.addSink(sinkName, topic, null, grouped.keySerde() == null ? null : grouped.keySerde().serializer(),
            new ChangeSerde.ChangeSerializer<>(grouped.valueSerde()), null, selectName);
        topology.addSource(sourceName, null, grouped.keySerde() == null ? null : grouped.keySerde().deserializer(),
            new ChangeSerde.ChangeDeserializer<>(grouped.valueSerde()), topic);
        return sourceName;
    }
}
