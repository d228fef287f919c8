package dev.runnel.streams.internal.dsl;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.kstream.Grouped;
import dev.runnel.streams.kstream.KGroupedTable;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.internal.dsl.JoinOptionsInternal.MaterializedInternal;
import dev.runnel.streams.internal.dsl.JoinOptionsInternal.TableJoinedInternal;
import dev.runnel.streams.internal.dsl.OptionsInternal.NamedInternal;
import dev.runnel.streams.internal.graph.InternalTopologyBuilder;
import dev.runnel.streams.kstream.KStream;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.kstream.KeyValueMapper;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Named;
import dev.runnel.streams.kstream.Suppressed;
import dev.runnel.streams.state.Stores;
import java.util.List;
import java.util.Objects;
import dev.runnel.streams.kstream.Predicate;
import dev.runnel.streams.kstream.TableJoined;
import dev.runnel.streams.kstream.ValueJoiner;
import dev.runnel.streams.kstream.ValueMapper;
import dev.runnel.streams.kstream.ValueMapperWithKey;
import dev.runnel.streams.kstream.ValueTransformerWithKeySupplier;
import dev.runnel.streams.state.KeyValueStore;
import java.util.Set;
import java.util.function.Function;

/**
 * A table in the DSL: the node whose output is the table's {@link Change}s, its serdes, its queryable store name, and
 * how to read its current values ({@link #valueGetterSupplier()}): from its store, or computed from its parent's for
 * a table that is not materialized. Not thread-safe.
 */
public final class KTableImpl<K, V> implements KTable<K, V> {
    /** Prefix of filter nodes. */
    public static final String FILTER_NAME = "KTABLE-FILTER-";
    /** Prefix of mapValues nodes. */
    public static final String MAPVALUES_NAME = "KTABLE-MAPVALUES-";
    /** Prefix of transformValues nodes and their stores. */
    public static final String TRANSFORMVALUES_NAME = "KTABLE-TRANSFORMVALUES-";
    /** Prefix of the nodes merging both sides of a table-table join. */
    public static final String MERGE_NAME = "KTABLE-MERGE-";

    private final InternalStreamsBuilder builder;
    private final String name;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final String queryableStoreName;
    private final WindowedKeyInfo windowed;
    private final KTableValueGetterSupplier<K, V> valueGetterSupplier;

    /**
     * Creates the handle of a table kept in the timestamped store {@code storeName} (null for a table that cannot be
     * joined); {@code queryableStoreName} is null unless the user named the store.
     */
    public KTableImpl(InternalStreamsBuilder builder, String name, Serde<K> keySerde, Serde<V> valueSerde,
        String queryableStoreName) {
        this(builder, name, keySerde, valueSerde, queryableStoreName, (WindowedKeyInfo) null);
    }

    /**
     * Creates the handle of a table whose keys are {@code Windowed} ({@code windowed} non-null: the result of a
     * windowed aggregation, which {@code suppress(untilWindowCloses)} needs).
     */
    public KTableImpl(InternalStreamsBuilder builder, String name, Serde<K> keySerde, Serde<V> valueSerde,
        String queryableStoreName, WindowedKeyInfo windowed) {
        this(builder, name, keySerde, valueSerde, queryableStoreName, windowed,
            queryableStoreName == null ? null : KTableValueGetterSupplier.ofStore(queryableStoreName));
    }

    /** Creates the table handle with the getters of its current values. */
    public KTableImpl(InternalStreamsBuilder builder, String name, Serde<K> keySerde, Serde<V> valueSerde,
        String queryableStoreName, KTableValueGetterSupplier<K, V> valueGetterSupplier) {
        this(builder, name, keySerde, valueSerde, queryableStoreName, null, valueGetterSupplier);
    }

    private KTableImpl(InternalStreamsBuilder builder, String name, Serde<K> keySerde, Serde<V> valueSerde,
        String queryableStoreName, WindowedKeyInfo windowed, KTableValueGetterSupplier<K, V> valueGetterSupplier) {
        this.builder = builder;
        this.name = name;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.queryableStoreName = queryableStoreName;
        this.windowed = windowed;
        this.valueGetterSupplier = valueGetterSupplier;
    }

    /** Returns the name of the node emitting the table's changes. */
    public String name() {
        return name;
    }

    /** Returns the builder this table belongs to. */
    public InternalStreamsBuilder builder() {
        return builder;
    }

    /** Returns the key serde, or {@code null} if unknown. */
    public Serde<K> keySerde() {
        return keySerde;
    }

    /** Returns the value serde, or {@code null} if unknown. */
    public Serde<V> valueSerde() {
        return valueSerde;
    }

    /** Returns how to read the table's current values. */
    public KTableValueGetterSupplier<K, V> valueGetterSupplier() {
        if (valueGetterSupplier == null) {
            throw new IllegalStateException("Table " + name + " has no value getter; materialize it to join it");
        }
        return valueGetterSupplier;
    }

    @Override
    public KStream<K, V> toStream() {
        return toStream((Named) null);
    }

    @Override
    public KStream<K, V> toStream(Named named) {
        String toStreamName = builder.name(named, InternalStreamsBuilder.KTABLE_TOSTREAM_NAME);
        builder.topologyBuilder().addProcessor(toStreamName, new Operators.KTableToStream<K, V>(), name);
        return new KStreamImpl<>(builder, toStreamName, keySerde, valueSerde, false);
    }

    @Override
    public <KR> KStream<KR, V> toStream(KeyValueMapper<? super K, ? super V, ? extends KR> mapper) {
        return toStream(mapper, null);
    }

    @Override
    public <KR> KStream<KR, V> toStream(KeyValueMapper<? super K, ? super V, ? extends KR> mapper, Named named) {
        Objects.requireNonNull(mapper, "mapper can't be null");
        return toStream(named).selectKey(mapper);
    }

    @Override
    public String queryableStoreName() {
        return queryableStoreName;
    }

    /** Prefix of KTable#groupBy select nodes. */
    static final String SELECT_NAME = "KTABLE-SELECT-";
    /** Prefix of suppress nodes and their buffer stores. */
    static final String SUPPRESS_NAME = "KTABLE-SUPPRESS-";

    @Override
    public <KR, VR> KGroupedTable<KR, VR> groupBy(KeyValueMapper<? super K, ? super V, KeyValue<KR, VR>> selector) {
        return groupBy(selector, null);
    }

    @Override
    public <KR, VR> KGroupedTable<KR, VR> groupBy(KeyValueMapper<? super K, ? super V, KeyValue<KR, VR>> selector,
        Grouped<KR, VR> grouped) {
        Objects.requireNonNull(selector, "selector can't be null");
        GroupedInternal<KR, VR> options = new GroupedInternal<>(grouped);
        String selectName = builder.name(options.name() == null ? null : Named.as(options.name()), SELECT_NAME);
        builder.topologyBuilder().addProcessor(selectName, new KTableRepartitionMap<K, V, KR, VR>(selector), name);
        return new KGroupedTableImpl<>(builder, selectName, options);
    }

    @Override
    public KTable<K, V> suppress(Suppressed<? super K> suppressed) {
        Objects.requireNonNull(suppressed, "suppressed can't be null");
        SuppressedInternal<K> options = new SuppressedInternal<>(suppressed);
        if (options.finalResults() && windowed == null) {
            throw new IllegalArgumentException("Suppressed.untilWindowCloses is only for windowed tables (results of"
                + " windowedBy(...) aggregations); " + name + " is not windowed. Use Suppressed.untilTimeLimit.");
        }
        String suppressName = builder.name(options.name() == null ? null : Named.as(options.name()), SUPPRESS_NAME);
        String storeName = options.name() != null ? options.name() + "-store" : builder.newStoreName(SUPPRESS_NAME);
        long suppressDurationMs = options.finalResults() ? windowed.gracePeriodMs() : options.timeLimitMs();
        builder.topologyBuilder().addProcessor(suppressName, new KTableSuppressProcessorSupplier<K, V>(options,
            storeName, keySerde, valueSerde, suppressDurationMs, windowed), name);
        builder.topologyBuilder().addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(storeName),
            Serdes.Bytes(), Serdes.ByteArray()), suppressName);
        return new KTableImpl<>(builder, suppressName, keySerde, valueSerde, null, windowed);
    }

    // ---- filter, filterNot, mapValues

    @Override
    public KTable<K, V> filter(Predicate<? super K, ? super V> predicate) {
        return doFilter(predicate, null, null, false);
    }

    @Override
    public KTable<K, V> filter(Predicate<? super K, ? super V> predicate, Named named) {
        return doFilter(predicate, named, null, false);
    }

    @Override
    public KTable<K, V> filter(Predicate<? super K, ? super V> predicate,
        Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return doFilter(predicate, null, Objects.requireNonNull(materialized, "materialized can't be null"), false);
    }

    @Override
    public KTable<K, V> filter(Predicate<? super K, ? super V> predicate, Named named,
        Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return doFilter(predicate, named, Objects.requireNonNull(materialized, "materialized can't be null"), false);
    }

    @Override
    public KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate) {
        return doFilter(predicate, null, null, true);
    }

    @Override
    public KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named) {
        return doFilter(predicate, named, null, true);
    }

    @Override
    public KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate,
        Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return doFilter(predicate, null, Objects.requireNonNull(materialized, "materialized can't be null"), true);
    }

    @Override
    public KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named,
        Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return doFilter(predicate, named, Objects.requireNonNull(materialized, "materialized can't be null"), true);
    }

    private KTable<K, V> doFilter(Predicate<? super K, ? super V> predicate, Named named,
        Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized, boolean filterNot) {
        Objects.requireNonNull(predicate, "predicate can't be null");
        return transformValues(KTableOperators.filter(predicate, filterNot), named, materialized, FILTER_NAME,
            valueSerde);
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper) {
        return mapValues(withoutKey(mapper), null, null);
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named) {
        return mapValues(withoutKey(mapper), named, null);
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper) {
        return mapValues(mapper, null, null);
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper,
        Named named) {
        return mapValues(mapper, named, null);
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return mapValues(withoutKey(mapper), null, Objects.requireNonNull(materialized, "materialized can't be null"));
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return mapValues(withoutKey(mapper), named, Objects.requireNonNull(materialized, "materialized can't be null"));
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return mapValues(mapper, null, Objects.requireNonNull(materialized, "materialized can't be null"));
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, Named named,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(mapper, "mapper can't be null");
        return transformValues(KTableOperators.mapValues(mapper), named, materialized, MAPVALUES_NAME, null);
    }

    private static <K, V, VR> ValueMapperWithKey<K, V, VR> withoutKey(ValueMapper<? super V, ? extends VR> mapper) {
        Objects.requireNonNull(mapper, "mapper can't be null");
        return (key, value) -> mapper.apply(value);
    }

    private <VR> KTable<K, VR> transformValues(KTableOperators.ValueFunction<K, V, VR> function, Named named,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized, String prefix, Serde<VR> resultSerde) {
        MaterializedInternal<K, VR, KeyValueStore<Bytes, byte[]>> store = materialized == null
            ? null
            : new MaterializedInternal<>(materialized, builder, prefix);
        String operatorName = builder.name(named, prefix);
        String storeName = store == null ? null : store.storeName();
        builder.topologyBuilder().addProcessor(operatorName,
            new KTableOperators.KTableMapValues<>(function, storeName), name);
        Serde<VR> outValueSerde = store != null && store.valueSerde() != null ? store.valueSerde() : resultSerde;
        Serde<K> outKeySerde = store != null && store.keySerde() != null ? store.keySerde() : keySerde;
        if (store == null) {
            return new KTableImpl<>(builder, operatorName, outKeySerde, outValueSerde, null,
                valueGetterSupplier == null ? null
                    : KTableOperators.transformingGetter(valueGetterSupplier, function));
        }
        builder.topologyBuilder().addStateStore(
            TimestampedKeyValueStoreMaterializer.builder(store, keySerde, resultSerde), operatorName);
        return new KTableImpl<>(builder, operatorName, outKeySerde, outValueSerde, store.queryableStoreName(),
            KTableValueGetterSupplier.ofStore(storeName));
    }

    // ---- transformValues

    @Override
    public <VR> KTable<K, VR> transformValues(
        ValueTransformerWithKeySupplier<? super K, ? super V, ? extends VR> transformerSupplier,
        String... stateStoreNames) {
        return doTransformValues(transformerSupplier, null, null, stateStoreNames);
    }

    @Override
    public <VR> KTable<K, VR> transformValues(
        ValueTransformerWithKeySupplier<? super K, ? super V, ? extends VR> transformerSupplier, Named named,
        String... stateStoreNames) {
        return doTransformValues(transformerSupplier, Objects.requireNonNull(named, "named can't be null"), null,
            stateStoreNames);
    }

    @Override
    public <VR> KTable<K, VR> transformValues(
        ValueTransformerWithKeySupplier<? super K, ? super V, ? extends VR> transformerSupplier,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized, String... stateStoreNames) {
        return doTransformValues(transformerSupplier, null, requireMaterialized(materialized), stateStoreNames);
    }

    @Override
    public <VR> KTable<K, VR> transformValues(
        ValueTransformerWithKeySupplier<? super K, ? super V, ? extends VR> transformerSupplier,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized, Named named, String... stateStoreNames) {
        return doTransformValues(transformerSupplier, Objects.requireNonNull(named, "named can't be null"),
            requireMaterialized(materialized), stateStoreNames);
    }

    private <VR> KTable<K, VR> doTransformValues(
        ValueTransformerWithKeySupplier<? super K, ? super V, ? extends VR> transformerSupplier, Named named,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized, String... stateStoreNames) {
        Objects.requireNonNull(transformerSupplier, "transformerSupplier can't be null");
        Objects.requireNonNull(stateStoreNames, "stateStoreNames can't be null");
        for (String connected : stateStoreNames) {
            Objects.requireNonNull(connected, "stateStoreNames can't contain null as a store name");
        }
        if (transformerSupplier.get() == transformerSupplier.get()) {
            throw new IllegalArgumentException("ValueTransformerWithKeySupplier#get() must return a new object each"
                + " time it is called; it returned the same " + transformerSupplier.get().getClass().getName()
                + " twice.");
        }
        MaterializedInternal<K, VR, KeyValueStore<Bytes, byte[]>> store = materialized == null
            ? null
            : new MaterializedInternal<>(materialized, builder, TRANSFORMVALUES_NAME);
        String operatorName = builder.name(named, TRANSFORMVALUES_NAME);
        String storeName = store == null ? null : store.storeName();
        InternalTopologyBuilder topology = builder.topologyBuilder();
        topology.addProcessor(operatorName, new KTableTransformValues<K, V, VR>(transformerSupplier, storeName), name);
        topology.connectProcessorAndStateStores(operatorName, stateStoreNames);
        if (store == null) {
            return new KTableImpl<>(builder, operatorName, keySerde, null, null, valueGetterSupplier == null ? null
                : KTableTransformValues.transformingGetter(valueGetterSupplier, transformerSupplier,
                    List.of(stateStoreNames)));
        }
        topology.addStateStore(TimestampedKeyValueStoreMaterializer.builder(store, keySerde, null), operatorName);
        Serde<K> outKeySerde = store.keySerde() != null ? store.keySerde() : keySerde;
        return new KTableImpl<>(builder, operatorName, outKeySerde, store.valueSerde(), store.queryableStoreName(),
            KTableValueGetterSupplier.ofStore(storeName));
    }

    // ---- table-table joins

    @Override
    public <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return doJoin(other, joiner, null, null, JoinKind.INNER);
    }

    @Override
    public <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        Named named) {
        return doJoin(other, joiner, named, null, JoinKind.INNER);
    }

    @Override
    public <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return doJoin(other, joiner, null, requireMaterialized(materialized), JoinKind.INNER);
    }

    @Override
    public <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        Named named, Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return doJoin(other, joiner, named, requireMaterialized(materialized), JoinKind.INNER);
    }

    @Override
    public <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return doJoin(other, joiner, null, null, JoinKind.LEFT);
    }

    @Override
    public <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, Named named) {
        return doJoin(other, joiner, named, null, JoinKind.LEFT);
    }

    @Override
    public <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return doJoin(other, joiner, null, requireMaterialized(materialized), JoinKind.LEFT);
    }

    @Override
    public <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, Named named,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return doJoin(other, joiner, named, requireMaterialized(materialized), JoinKind.LEFT);
    }

    @Override
    public <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return doJoin(other, joiner, null, null, JoinKind.OUTER);
    }

    @Override
    public <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, Named named) {
        return doJoin(other, joiner, named, null, JoinKind.OUTER);
    }

    @Override
    public <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return doJoin(other, joiner, null, requireMaterialized(materialized), JoinKind.OUTER);
    }

    @Override
    public <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, Named named,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return doJoin(other, joiner, named, requireMaterialized(materialized), JoinKind.OUTER);
    }

    private static <T> T requireMaterialized(T materialized) {
        return Objects.requireNonNull(materialized, "materialized can't be null");
    }

    /** The kinds of table-table join, with the processor name prefixes Kafka Streams uses. */
    enum JoinKind {
        INNER("KTABLE-JOINTHIS-", "KTABLE-JOINOTHER-", false, false),
        LEFT("KTABLE-LEFTTHIS-", "KTABLE-LEFTOTHER-", true, false),
        OUTER("KTABLE-OUTERTHIS-", "KTABLE-OUTEROTHER-", true, true);

        private final String thisPrefix;
        private final String otherPrefix;
        private final boolean preserveLeft;
        private final boolean preserveRight;

        JoinKind(String thisPrefix, String otherPrefix, boolean preserveLeft, boolean preserveRight) {
            this.thisPrefix = thisPrefix;
            this.otherPrefix = otherPrefix;
            this.preserveLeft = preserveLeft;
            this.preserveRight = preserveRight;
        }
    }

    private <VO, VR> KTable<K, VR> doJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        Named named, Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized, JoinKind kind) {
        Objects.requireNonNull(other, "other can't be null");
        Objects.requireNonNull(joiner, "joiner can't be null");
        KTableImpl<K, VO> right = (KTableImpl<K, VO>) other;
        if (right.builder != builder) {
            throw new IllegalArgumentException("Cannot join tables of different StreamsBuilders");
        }
        MaterializedInternal<K, VR, KeyValueStore<Bytes, byte[]>> store = materialized == null
            ? null
            : new MaterializedInternal<>(materialized, builder, MERGE_NAME);
        NamedInternal renamed = new NamedInternal(named);
        String thisName = renamed.name() != null ? renamed.name() + "-join-this"
            : builder.newProcessorName(kind.thisPrefix);
        String otherName = renamed.name() != null ? renamed.name() + "-join-other"
            : builder.newProcessorName(kind.otherPrefix);
        String mergeName = renamed.orElseGenerateWithPrefix(builder, MERGE_NAME);
        InternalTopologyBuilder topology = builder.topologyBuilder();
        KTableValueGetterSupplier<K, V> leftGetter = valueGetterSupplier();
        KTableValueGetterSupplier<K, VO> rightGetter = right.valueGetterSupplier();
        topology.addProcessor(thisName, new KTableKTableJoin<K, V, VO, VR>(rightGetter, joiner, true,
            kind.preserveLeft, kind.preserveRight), name);
        topology.addProcessor(otherName, new KTableKTableJoin<K, V, VO, VR>(leftGetter, joiner, false,
            kind.preserveRight, kind.preserveLeft), right.name);
        topology.connectProcessorAndStateStores(thisName, rightGetter.storeNames().toArray(new String[0]));
        topology.connectProcessorAndStateStores(otherName, leftGetter.storeNames().toArray(new String[0]));
        topology.copartition(Set.of(thisName, otherName), "table-table join " + mergeName);
        String storeName = store == null ? null : store.storeName();
        topology.addProcessor(mergeName, new KTableKTableJoin.KTableKTableJoinMerger<K, VR>(storeName), thisName,
            otherName);
        Serde<K> outKeySerde = store != null && store.keySerde() != null ? store.keySerde() : keySerde;
        Serde<VR> outValueSerde = store == null ? null : store.valueSerde();
        if (store == null) {
            return new KTableImpl<>(builder, mergeName, outKeySerde, null, null, KTableKTableJoin.joinGetter(
                leftGetter, rightGetter, joiner, kind.preserveLeft, kind.preserveRight));
        }
        topology.addStateStore(TimestampedKeyValueStoreMaterializer.builder(store, keySerde, null), mergeName);
        return new KTableImpl<>(builder, mergeName, outKeySerde, outValueSerde, store.queryableStoreName(),
            KTableValueGetterSupplier.ofStore(storeName));
    }

    // ---- foreign-key joins

    @Override
    public <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return doForeignKeyJoin(other, foreignKeyExtractor, joiner, TableJoined.with(null, null), null, false);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, TableJoined<K, KO> tableJoined) {
        return doForeignKeyJoin(other, foreignKeyExtractor, joiner, tableJoined, null, false);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return doForeignKeyJoin(other, foreignKeyExtractor, joiner, TableJoined.with(null, null),
            requireMaterialized(materialized), false);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, TableJoined<K, KO> tableJoined,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return doForeignKeyJoin(other, foreignKeyExtractor, joiner, tableJoined, requireMaterialized(materialized),
            false);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
        Function<? super V, ? extends KO> foreignKeyExtractor,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return doForeignKeyJoin(other, foreignKeyExtractor, joiner, TableJoined.with(null, null), null, true);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
        Function<? super V, ? extends KO> foreignKeyExtractor, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        TableJoined<K, KO> tableJoined) {
        return doForeignKeyJoin(other, foreignKeyExtractor, joiner, tableJoined, null, true);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
        Function<? super V, ? extends KO> foreignKeyExtractor, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return doForeignKeyJoin(other, foreignKeyExtractor, joiner, TableJoined.with(null, null),
            requireMaterialized(materialized), true);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
        Function<? super V, ? extends KO> foreignKeyExtractor, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        TableJoined<K, KO> tableJoined, Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return doForeignKeyJoin(other, foreignKeyExtractor, joiner, tableJoined, requireMaterialized(materialized),
            true);
    }

    private <VR, KO, VO> KTable<K, VR> doForeignKeyJoin(KTable<KO, VO> other,
        Function<? super V, ? extends KO> foreignKeyExtractor, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        TableJoined<K, KO> tableJoined, Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized,
        boolean leftJoin) {
        Objects.requireNonNull(other, "other can't be null");
        Objects.requireNonNull(foreignKeyExtractor, "foreignKeyExtractor can't be null");
        Objects.requireNonNull(joiner, "joiner can't be null");
        Objects.requireNonNull(tableJoined, "tableJoined can't be null");
        KTableImpl<KO, VO> right = (KTableImpl<KO, VO>) other;
        if (right.builder != builder) {
            throw new IllegalArgumentException("Cannot join tables of different StreamsBuilders");
        }
        return ForeignKeyJoinBuilder.build(this, right, foreignKeyExtractor, joiner,
            new TableJoinedInternal<>(tableJoined), materialized, leftJoin);
    }
}
