package dev.runnel.streams.internal.dsl;

import static dev.runnel.streams.internal.dsl.ForeignKeyJoinBuilder.foreignKeyJoin;
import static dev.runnel.streams.internal.dsl.ForeignKeyJoinBuilder.ignoringKey;
import static dev.runnel.streams.internal.dsl.KTableValueTransforms.withoutKey;

import dev.runnel.common.serialization.Serde;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.internal.dsl.OptionsInternal.NamedInternal;
import dev.runnel.streams.kstream.Grouped;
import dev.runnel.streams.kstream.KGroupedTable;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.internal.dsl.KTableJoins.JoinKind;
import dev.runnel.streams.kstream.KStream;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.kstream.KeyValueMapper;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Named;
import dev.runnel.streams.kstream.Suppressed;
import java.util.Objects;
import dev.runnel.streams.kstream.Predicate;
import dev.runnel.streams.kstream.TableJoined;
import dev.runnel.streams.kstream.ValueJoiner;
import dev.runnel.streams.kstream.ValueMapper;
import dev.runnel.streams.kstream.ValueMapperWithKey;
import dev.runnel.streams.kstream.ValueTransformerWithKeySupplier;
import dev.runnel.streams.state.KeyValueStore;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A table in the DSL: the node whose output is the table's {@link Change}s, its serdes, its queryable store name, and
 * how to read its current values ({@link #valueGetterSupplier()}): from its store, or computed from its parent's for
 * a table that is not materialized. A source table gets its store only once an operation needs it
 * ({@link #materializeSource}). Not thread-safe.
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
    private final SourceStore sourceStore;

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
            queryableStoreName == null ? null : KTableValueGetterSupplier.ofStore(queryableStoreName),
            SourceStore.OWN);
    }

    /** Creates the table handle with the getters of its current values. */
    public KTableImpl(InternalStreamsBuilder builder, String name, Serde<K> keySerde, Serde<V> valueSerde,
        String queryableStoreName, KTableValueGetterSupplier<K, V> valueGetterSupplier) {
        this(builder, name, keySerde, valueSerde, queryableStoreName, valueGetterSupplier, SourceStore.OWN);
    }

    /**
     * Creates the handle of a table whose values, and old values, need {@code sourceStore}, the store of an
     * unmaterialized source table.
     */
    KTableImpl(InternalStreamsBuilder builder, String name, Serde<K> keySerde, Serde<V> valueSerde,
        String queryableStoreName, KTableValueGetterSupplier<K, V> valueGetterSupplier, SourceStore sourceStore) {
        this(builder, name, keySerde, valueSerde, queryableStoreName, null, valueGetterSupplier, sourceStore);
    }

    private KTableImpl(InternalStreamsBuilder builder, String name, Serde<K> keySerde, Serde<V> valueSerde,
        String queryableStoreName, WindowedKeyInfo windowed, KTableValueGetterSupplier<K, V> valueGetterSupplier,
        SourceStore sourceStore) {
        this.builder = builder;
        this.name = name;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.queryableStoreName = queryableStoreName;
        this.windowed = windowed;
        this.valueGetterSupplier = valueGetterSupplier;
        this.sourceStore = sourceStore;
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

    /** Returns how to read the table's current values, materializing the source table they come from if need be. */
    public KTableValueGetterSupplier<K, V> valueGetterSupplier() {
        if (valueGetterSupplier == null) {
            throw new IllegalStateException("Table " + name + " has no value getter; materialize it to join it");
        }
        materializeSource();
        return valueGetterSupplier;
    }

    /**
     * Returns how to read the table's current values, or {@code null} if they cannot be read, without materializing
     * anything: for a table computed from this one, whose getter is only used if its own is.
     */
    KTableValueGetterSupplier<K, V> valueGetterSupplierOrNull() {
        return valueGetterSupplier;
    }

    /**
     * Gives the unmaterialized source table this table is computed from its store, as Kafka Streams does when an
     * operation reads the table's values (joins) or its old values (groupBy, suppress): an unmaterialized source
     * forwards changes without old values. Does nothing for a table with a store of its own, which supplies both.
     */
    void materializeSource() {
        sourceStore.materialize();
    }

    /** Returns the source store this table's values come from: the table's own for one that has a store. */
    SourceStore sourceStore() {
        return sourceStore;
    }

    /**
     * Returns whether the table's changes carry their old values to a child that reads them: unless they come from
     * a source table without a store. Only final once the topology is built, as a later operation may add that store.
     */
    boolean sendsOldValues() {
        return sourceStore.materialized();
    }

    /**
     * Returns this table, whose keys are {@code parent}'s, with {@code parent}'s windows: as in Kafka Streams,
     * suppress(untilWindowCloses) finds the windowed aggregation upstream through the operations that keep the keys.
     */
    KTableImpl<K, V> windowedLike(KTableImpl<K, ?> parent) {
        return parent.windowed == null || parent.windowed.equals(windowed) ? this
            : new KTableImpl<>(builder, name, keySerde, valueSerde, queryableStoreName, parent.windowed,
                valueGetterSupplier, sourceStore);
    }

    /** Returns how the table's keys are windowed, or {@code null} if they are not {@code Windowed}. */
    WindowedKeyInfo windowed() {
        return windowed;
    }

    @Override
    public KStream<K, V> toStream() {
        return toStream(NamedInternal.empty());
    }

    @Override
    public KStream<K, V> toStream(Named named) {
        Objects.requireNonNull(named, "named can't be null");
        String toStreamName = builder.name(named, InternalStreamsBuilder.KTABLE_TOSTREAM_NAME);
        builder.topologyBuilder().addProcessor(toStreamName, new Operators.KTableToStream<K, V>(), name);
        return new KStreamImpl<>(builder, toStreamName, keySerde, valueSerde, false);
    }

    @Override
    public <KR> KStream<KR, V> toStream(KeyValueMapper<? super K, ? super V, ? extends KR> mapper) {
        return toStream(mapper, NamedInternal.empty());
    }

    @Override
    public <KR> KStream<KR, V> toStream(KeyValueMapper<? super K, ? super V, ? extends KR> mapper, Named named) {
        Objects.requireNonNull(mapper, "mapper cannot be null");
        return toStream(named).selectKey(mapper);
    }

    @Override
    public String queryableStoreName() {
        return queryableStoreName;
    }

    @Override
    public <KR, VR> KGroupedTable<KR, VR> groupBy(KeyValueMapper<? super K, ? super V, KeyValue<KR, VR>> selector) {
        return groupBy(selector, Grouped.with(null, null));
    }

    @Override
    public <KR, VR> KGroupedTable<KR, VR> groupBy(KeyValueMapper<? super K, ? super V, KeyValue<KR, VR>> selector,
        Grouped<KR, VR> grouped) {
        return KGroupedTableImpl.select(this, selector, grouped);
    }

    @Override
    public KTable<K, V> suppress(Suppressed<? super K> suppressed) {
        return KTableSuppression.suppress(this, suppressed);
    }

    // ---- filter, filterNot, mapValues

    @Override
    public KTable<K, V> filter(Predicate<? super K, ? super V> predicate) {
        return KTableValueTransforms.filter(this, predicate, null, null, false);
    }

    @Override
    public KTable<K, V> filter(Predicate<? super K, ? super V> predicate, Named named) {
        return KTableValueTransforms.filter(this, predicate, requireNamed(named), null, false);
    }

    @Override
    public KTable<K, V> filter(Predicate<? super K, ? super V> predicate,
        Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return KTableValueTransforms.filter(this, predicate, null, requireMaterialized(materialized), false);
    }

    @Override
    public KTable<K, V> filter(Predicate<? super K, ? super V> predicate, Named named,
        Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return KTableValueTransforms.filter(this, predicate, requireNamed(named), requireMaterialized(materialized),
            false);
    }

    @Override
    public KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate) {
        return KTableValueTransforms.filter(this, predicate, null, null, true);
    }

    @Override
    public KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named) {
        return KTableValueTransforms.filter(this, predicate, requireNamed(named), null, true);
    }

    @Override
    public KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate,
        Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return KTableValueTransforms.filter(this, predicate, null, requireMaterialized(materialized), true);
    }

    @Override
    public KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named,
        Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return KTableValueTransforms.filter(this, predicate, requireNamed(named), requireMaterialized(materialized),
            true);
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper) {
        return KTableValueTransforms.mapValues(this, withoutKey(mapper), null, null);
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named) {
        return KTableValueTransforms.mapValues(this, withoutKey(mapper), requireNamed(named), null);
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper) {
        return KTableValueTransforms.mapValues(this, mapper, null, null);
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper,
        Named named) {
        return KTableValueTransforms.mapValues(this, mapper, requireNamed(named), null);
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return KTableValueTransforms.mapValues(this, withoutKey(mapper), null, requireMaterialized(materialized));
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return KTableValueTransforms.mapValues(this, withoutKey(mapper), requireNamed(named),
            requireMaterialized(materialized));
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return KTableValueTransforms.mapValues(this, mapper, null, requireMaterialized(materialized));
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, Named named,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return KTableValueTransforms.mapValues(this, mapper, requireNamed(named), requireMaterialized(materialized));
    }

    // ---- transformValues

    @Override
    public <VR> KTable<K, VR> transformValues(
        ValueTransformerWithKeySupplier<? super K, ? super V, ? extends VR> transformerSupplier,
        String... stateStoreNames) {
        return KTableValueTransforms.transform(this, transformerSupplier, null, null, stateStoreNames);
    }

    @Override
    public <VR> KTable<K, VR> transformValues(
        ValueTransformerWithKeySupplier<? super K, ? super V, ? extends VR> transformerSupplier, Named named,
        String... stateStoreNames) {
        return KTableValueTransforms.transform(this, transformerSupplier,
            Objects.requireNonNull(named, "processorName can't be null"), null, stateStoreNames);
    }

    @Override
    public <VR> KTable<K, VR> transformValues(
        ValueTransformerWithKeySupplier<? super K, ? super V, ? extends VR> transformerSupplier,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized, String... stateStoreNames) {
        return KTableValueTransforms.transform(this, transformerSupplier, null, requireMaterialized(materialized),
            stateStoreNames);
    }

    @Override
    public <VR> KTable<K, VR> transformValues(
        ValueTransformerWithKeySupplier<? super K, ? super V, ? extends VR> transformerSupplier,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized, Named named, String... stateStoreNames) {
        return KTableValueTransforms.transform(this, transformerSupplier,
            Objects.requireNonNull(named, "named can't be null"), requireMaterialized(materialized), stateStoreNames);
    }

    // ---- table-table joins

    @Override
    public <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return KTableJoins.join(this, other, joiner, null, null, JoinKind.INNER);
    }

    @Override
    public <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        Named named) {
        return KTableJoins.join(this, other, joiner, requireJoinName(named), null, JoinKind.INNER);
    }

    @Override
    public <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return KTableJoins.join(this, other, joiner, null, requireMaterialized(materialized), JoinKind.INNER);
    }

    @Override
    public <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        Named named, Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return KTableJoins.join(this, other, joiner, requireJoinName(named), requireMaterialized(materialized),
            JoinKind.INNER);
    }

    @Override
    public <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return KTableJoins.join(this, other, joiner, null, null, JoinKind.LEFT);
    }

    @Override
    public <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, Named named) {
        return KTableJoins.join(this, other, joiner, requireJoinName(named), null, JoinKind.LEFT);
    }

    @Override
    public <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return KTableJoins.join(this, other, joiner, null, requireMaterialized(materialized), JoinKind.LEFT);
    }

    @Override
    public <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, Named named,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return KTableJoins.join(this, other, joiner, requireJoinName(named), requireMaterialized(materialized),
            JoinKind.LEFT);
    }

    @Override
    public <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return KTableJoins.join(this, other, joiner, null, null, JoinKind.OUTER);
    }

    @Override
    public <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, Named named) {
        return KTableJoins.join(this, other, joiner, requireJoinName(named), null, JoinKind.OUTER);
    }

    @Override
    public <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return KTableJoins.join(this, other, joiner, null, requireMaterialized(materialized), JoinKind.OUTER);
    }

    @Override
    public <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, Named named,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return KTableJoins.join(this, other, joiner, requireJoinName(named), requireMaterialized(materialized),
            JoinKind.OUTER);
    }

    private static <T> T requireMaterialized(T materialized) {
        return Objects.requireNonNull(materialized, "materialized can't be null");
    }

    private static Named requireNamed(Named named) {
        return Objects.requireNonNull(named, "named cannot be null");
    }

    private static Named requireJoinName(Named named) {
        return Objects.requireNonNull(named, "joinName can't be null");
    }

    /** Returns {@code other} as a table of this table's builder; tables of two builders cannot be joined. */
    <KO, VO> KTableImpl<KO, VO> sameBuilder(KTable<KO, VO> other) {
        KTableImpl<KO, VO> table = (KTableImpl<KO, VO>) other;
        if (table.builder != builder) {
            throw new IllegalArgumentException("Cannot join tables of different StreamsBuilders");
        }
        return table;
    }

    // ---- foreign-key joins

    @Override
    public <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return join(other, ignoringKey(foreignKeyExtractor), joiner);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, TableJoined<K, KO> tableJoined) {
        return join(other, ignoringKey(foreignKeyExtractor), joiner, tableJoined);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return join(other, ignoringKey(foreignKeyExtractor), joiner, materialized);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, TableJoined<K, KO> tableJoined,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return join(other, ignoringKey(foreignKeyExtractor), joiner, tableJoined, materialized);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
        Function<? super V, ? extends KO> foreignKeyExtractor,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return leftJoin(other, ignoringKey(foreignKeyExtractor), joiner);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
        Function<? super V, ? extends KO> foreignKeyExtractor, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        TableJoined<K, KO> tableJoined) {
        return leftJoin(other, ignoringKey(foreignKeyExtractor), joiner, tableJoined);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
        Function<? super V, ? extends KO> foreignKeyExtractor, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return leftJoin(other, ignoringKey(foreignKeyExtractor), joiner, materialized);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
        Function<? super V, ? extends KO> foreignKeyExtractor, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        TableJoined<K, KO> tableJoined, Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return leftJoin(other, ignoringKey(foreignKeyExtractor), joiner, tableJoined, materialized);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other,
        BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return foreignKeyJoin(this, other, foreignKeyExtractor, joiner, TableJoined.with(null, null), null, false);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other,
        BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, TableJoined<K, KO> tableJoined) {
        return foreignKeyJoin(this, other, foreignKeyExtractor, joiner, tableJoined, null, false);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other,
        BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return foreignKeyJoin(this, other, foreignKeyExtractor, joiner, TableJoined.with(null, null),
            requireMaterialized(materialized), false);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other,
        BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, TableJoined<K, KO> tableJoined,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return foreignKeyJoin(this, other, foreignKeyExtractor, joiner, tableJoined, requireMaterialized(materialized),
            false);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
        BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return foreignKeyJoin(this, other, foreignKeyExtractor, joiner, TableJoined.with(null, null), null, true);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
        BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, TableJoined<K, KO> tableJoined) {
        return foreignKeyJoin(this, other, foreignKeyExtractor, joiner, tableJoined, null, true);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
        BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return foreignKeyJoin(this, other, foreignKeyExtractor, joiner, TableJoined.with(null, null),
            requireMaterialized(materialized), true);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
        BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, TableJoined<K, KO> tableJoined,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return foreignKeyJoin(this, other, foreignKeyExtractor, joiner, tableJoined, requireMaterialized(materialized),
            true);
    }
}
