package dev.runnel.streams.internal.dsl;

import dev.runnel.common.serialization.Serde;
import dev.runnel.streams.kstream.KStream;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.kstream.Named;

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

    /** Creates the table handle; {@code queryableStoreName} is null unless the user named the store. */
    public KTableImpl(InternalStreamsBuilder builder, String name, Serde<K> keySerde, Serde<V> valueSerde,
        String queryableStoreName) {
        this.builder = builder;
        this.name = name;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.queryableStoreName = queryableStoreName;
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
}
