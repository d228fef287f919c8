package dev.runnel.streams.internal.dsl;

import dev.runnel.common.serialization.Serde;
import dev.runnel.streams.internal.graph.InternalTopologyBuilder;
import dev.runnel.streams.kstream.Named;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import dev.runnel.streams.state.StoreBuilder;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Adds a grouped stream's aggregation to the topology: the repartition topic if the grouping changed keys, the
 * aggregating processor and its store. Names follow Kafka Streams, so generated names match Kafka's for the same
 * program: the store name is generated first, then the processor's, then the repartition nodes'.
 */
final class GroupedStreamAggregateBuilder<K, V> {
    /** Suffix of repartition topics. */
    static final String REPARTITION_TOPIC_SUFFIX = "-repartition";
    private static final Pattern GENERATED = Pattern.compile("KSTREAM.*-[0-9]{10}");

    private final KStreamImpl<K, V> stream;
    private final GroupedInternal<K, V> grouped;
    private final boolean repartitionRequired;
    /** The source of a named grouping's repartition topic, once an aggregation added it; {@code null} until then. */
    private String namedRepartitionSource;

    GroupedStreamAggregateBuilder(KStreamImpl<K, V> stream, GroupedInternal<K, V> grouped,
        boolean repartitionRequired) {
        this.stream = stream;
        this.grouped = grouped;
        this.repartitionRequired = repartitionRequired;
    }

    /** Returns the name of the grouped stream's node. */
    String streamName() {
        return stream.name();
    }

    InternalStreamsBuilder builder() {
        return stream.builder();
    }

    /** Returns the key serde of the grouped records: the Grouped one, else the stream's, else {@code null}. */
    Serde<K> keySerde() {
        return grouped.keySerde() != null ? grouped.keySerde() : stream.keySerde();
    }

    /** Returns the value serde of the grouped records, or {@code null}. */
    Serde<V> valueSerde() {
        return grouped.valueSerde() != null ? grouped.valueSerde() : stream.valueSerde();
    }

    /**
     * Adds {@code supplier} as node {@code processorName} with {@code store}, behind a repartition topic named after
     * the Grouped name or else {@code storeName}; returns the processor name.
     */
    String build(String processorName, ProcessorSupplier<K, V, ?, ?> supplier, StoreBuilder<?> store,
        String storeName) {
        String parent;
        if (namedRepartitionSource != null) {
            // As in Kafka Streams, the aggregations of a named grouping share its repartition topic, and each one
            // still takes the indexes of the repartition nodes' generated names.
            Repartitioning.generatedNames(builder());
            parent = namedRepartitionSource;
        } else {
            parent = repartitionIfRequired(storeName);
            if (repartitionRequired && grouped.name() != null) {
                namedRepartitionSource = parent;
            }
        }
        InternalTopologyBuilder topology = builder().topologyBuilder();
        topology.addProcessor(processorName, supplier, parent);
        if (store != null) {
            topology.addStateStore(store, processorName);
        } else {
            topology.connectProcessorAndStateStores(processorName, storeName);
        }
        return processorName;
    }

    /** Returns the node aggregations read from: the stream itself, or the source of a new repartition topic. */
    String repartitionIfRequired(String storeName) {
        if (!repartitionRequired) {
            return stream.name();
        }
        String prefix = grouped.name() != null ? grouped.name() : storeName;
        String source = repartition(builder(), stream.name(), prefix, keySerde(), valueSerde());
        builder().optimizer().addRepartition(stream.name(), topic(prefix), keySerde(), valueSerde());
        return source;
    }

    private static String topic(String prefix) {
        return prefix.endsWith(REPARTITION_TOPIC_SUFFIX) ? prefix : prefix + REPARTITION_TOPIC_SUFFIX;
    }

    /**
     * Adds {@code parent → filter(non-null key) → sink → topic → source} and returns the source's name. The
     * repartition nodes always consume three indexes, as in Kafka Streams.
     */
    static String repartition(InternalStreamsBuilder builder, String parent, String prefix, Serde<?> keySerde,
        Serde<?> valueSerde) {
        String topic = topic(prefix);
        List<String> generated = Repartitioning.generatedNames(builder);
        String sinkName = generated.get(0);
        String filterName = generated.get(1);
        String sourceName = generated.get(2);
        if (!GENERATED.matcher(prefix).matches()) {
            sinkName = topic + "-sink";
            filterName = topic + "-filter";
            sourceName = topic + "-source";
        }
        InternalTopologyBuilder topology = builder.topologyBuilder();
        topology.addInternalTopic(topic);
        topology.addProcessor(filterName, new Operators.KStreamFilter<Object, Object>((k, v) -> k != null, false),
            parent);
        topology.addSink(sinkName, topic, null, keySerde == null ? null : keySerde.serializer(),
            valueSerde == null ? null : valueSerde.serializer(), null, filterName);
        topology.addSource(sourceName, null, keySerde == null ? null : keySerde.deserializer(),
            valueSerde == null ? null : valueSerde.deserializer(), topic);
        return sourceName;
    }

    /** Returns the processor name from {@code named}, or a generated one with {@code prefix}. */
    String processorName(Named named, String prefix) {
        return builder().name(named, prefix);
    }
}
