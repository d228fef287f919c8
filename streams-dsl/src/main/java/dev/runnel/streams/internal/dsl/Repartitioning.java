package dev.runnel.streams.internal.dsl;

import dev.runnel.common.serialization.Serde;
import dev.runnel.streams.internal.graph.InternalTopologyBuilder;
import dev.runnel.streams.processor.StreamPartitioner;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Sends a stream through a repartition topic {@code <application.id>-<prefix>-repartition}: a filter dropping null
 * keys (unless a left or outer join downstream takes them, see {@link NullKeyRepartitions}), a sink and a source,
 * which cut the topology into two sub-topologies. Used by {@code KStream#repartition}, and before joins and groupings
 * of streams whose keys may have changed.
 */
public final class Repartitioning {
    /** Suffix of repartition topics. */
    public static final String REPARTITION_TOPIC_SUFFIX = "-repartition";
    /** Prefix of {@code KStream#repartition} nodes with generated names. */
    public static final String REPARTITION_NAME = "KSTREAM-REPARTITION-";
    private static final Pattern GENERATED_NAME = Pattern.compile("KSTREAM.*-[0-9]{10}");

    private Repartitioning() {
    }

    /**
     * Returns new generated names for a repartition's sink, filter and source, in the order Kafka Streams takes them:
     * it takes them for every repartition, even one it names after the user's or reuses.
     */
    static List<String> generatedNames(InternalStreamsBuilder builder) {
        String sink = builder.newProcessorName(KStreamImpl.SINK_NAME);
        String filter = builder.newProcessorName(KStreamImpl.FILTER_NAME);
        return List.of(sink, filter, builder.newProcessorName(KStreamImpl.SOURCE_NAME));
    }

    /**
     * Adds the repartition nodes after {@code stream} and returns the stream read back from the topic. Generated
     * prefixes give generated node names ({@code KSTREAM-SINK-...}); a user's prefix gives
     * {@code <topic>-filter}, {@code <topic>-sink} and {@code <topic>-source}, as in Kafka Streams.
     *
     * @param numberOfPartitions the topic's partition count, or {@code null} to resolve it at start
     */
    public static <K, V> KStreamImpl<K, V> repartition(KStreamImpl<K, V> stream, String prefix, Serde<K> keySerde,
        Serde<V> valueSerde, StreamPartitioner<? super K, ? super V> partitioner, Integer numberOfPartitions) {
        InternalStreamsBuilder builder = stream.builder();
        String topic = prefix.endsWith(REPARTITION_TOPIC_SUFFIX) ? prefix : prefix + REPARTITION_TOPIC_SUFFIX;
        // Generate the names even when unused, so later generated names match Kafka Streams' numbering.
        List<String> generated = generatedNames(builder);
        String sinkName = generated.get(0);
        String filterName = generated.get(1);
        String sourceName = generated.get(2);
        if (!GENERATED_NAME.matcher(prefix).matches()) {
            sinkName = topic + "-sink";
            filterName = topic + "-filter";
            sourceName = topic + "-source";
        }
        InternalTopologyBuilder topology = builder.topologyBuilder();
        topology.addProcessor(filterName, new Operators.KStreamFilter<K, V>(
            builder.nullKeyRepartitions().filterOf(filterName), false), stream.name());
        topology.addInternalTopic(topic, numberOfPartitions);
        topology.addSink(sinkName, topic, null, keySerde == null ? null : keySerde.serializer(),
            valueSerde == null ? null : valueSerde.serializer(), partitioner, filterName);
        topology.addSource(sourceName, null, keySerde == null ? null : keySerde.deserializer(),
            valueSerde == null ? null : valueSerde.deserializer(), topic);
        return new KStreamImpl<>(builder, sourceName, keySerde, valueSerde, false);
    }
}
