package dev.runnel.streams.internal.dsl;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.kstream.Grouped;
import dev.runnel.streams.kstream.KGroupedTable;
import dev.runnel.streams.kstream.KStream;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.kstream.KeyValueMapper;
import dev.runnel.streams.kstream.Named;
import dev.runnel.streams.kstream.Suppressed;
import dev.runnel.streams.state.Stores;
import java.util.Objects;

/**
 * A table in the DSL: the node whose output is the table's {@link Change}s, its serdes, and its queryable store
 * name. Table operators (filter, mapValues, joins, groupBy) will add themselves like {@link KStreamImpl#addOperator}.
 */
public final class KTableImpl<K, V> implements KTable<K, V> {
    private final InternalStreamsBuilder builder;
    private final String name;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final String queryableStoreName;
    private final WindowedKeyInfo windowed;

    /** Creates the table handle; {@code queryableStoreName} is null unless the user named the store. */
    public KTableImpl(InternalStreamsBuilder builder, String name, Serde<K> keySerde, Serde<V> valueSerde,
        String queryableStoreName) {
        this(builder, name, keySerde, valueSerde, queryableStoreName, null);
    }

    /**
     * Creates the handle of a table whose keys are {@code Windowed} ({@code windowed} non-null: the result of a
     * windowed aggregation, which {@code suppress(untilWindowCloses)} needs).
     */
    public KTableImpl(InternalStreamsBuilder builder, String name, Serde<K> keySerde, Serde<V> valueSerde,
        String queryableStoreName, WindowedKeyInfo windowed) {
        this.builder = builder;
        this.name = name;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.queryableStoreName = queryableStoreName;
        this.windowed = windowed;
    }

    /** Returns the name of the node emitting the table's changes. */
    public String name() {
        return name;
    }

    @Override
    public KStream<K, V> toStream() {
        return toStream(null);
    }

    @Override
    public KStream<K, V> toStream(Named named) {
        String toStreamName = builder.name(named, InternalStreamsBuilder.KTABLE_TOSTREAM_NAME);
        builder.topologyBuilder().addProcessor(toStreamName, new Operators.KTableToStream<K, V>(), name);
        return new KStreamImpl<>(builder, toStreamName, keySerde, valueSerde, false);
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
}
