package dev.runnel.streams.internal.dsl;

import dev.runnel.common.serialization.ByteArrayDeserializer;
import dev.runnel.common.serialization.ByteArraySerializer;
import dev.runnel.common.serialization.Serde;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.internal.dsl.JoinOptionsInternal.MaterializedInternal;
import dev.runnel.streams.internal.dsl.JoinOptionsInternal.TableJoinedInternal;
import dev.runnel.streams.internal.graph.InternalTopologyBuilder;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.TableJoined;
import dev.runnel.streams.kstream.ValueJoiner;
import dev.runnel.streams.processor.StreamPartitioner;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.Stores;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Wires a foreign-key table join, in Kafka Streams' subscription/response design:
 * <pre>
 * left table ─► SubscriptionSend ─► sink ─► [-subscription-registration-topic, keyed by FK] ─► source
 *                                                                                            ▼
 *                             right table ─► ForeignTableChange      SubscriptionReceive (subscription store)
 *                                                       │                                    ▼
 *                                                       │         SubscriptionJoinForeign (right table's values)
 *                                                       ▼                                    ▼
 *   ResponseResolve ◄─ source ◄─ [-subscription-response-topic, keyed by PK] ◄─ sink ◄───────┘
 *         ▼
 *   result table source (a store only once named or read) ─► result KTable
 * </pre>
 * The registration topic is co-partitioned with the right table's topic, the response topic with the left table's.
 */
final class ForeignKeyJoinBuilder {
    static final String SUBSCRIPTION_REGISTRATION = "KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-";
    static final String SUBSCRIPTION_RESPONSE = "KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-";
    static final String SUBSCRIPTION_PROCESSOR = "KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR-";
    static final String SUBSCRIPTION_STORE = "KTABLE-FK-JOIN-SUBSCRIPTION-STATE-STORE-";
    static final String RESPONSE_RESOLVER = "KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-RESOLVER-PROCESSOR-";
    static final String OUTPUT = "KTABLE-FK-JOIN-OUTPUT-";
    static final String SINK = "KTABLE-SINK-";
    static final String SOURCE = "KTABLE-SOURCE-";
    static final String TOPIC_SUFFIX = "-topic";

    private ForeignKeyJoinBuilder() {
    }

    /** Returns {@code extractor} as a key-and-value extractor, failing at once (not when called) if it is null. */
    static <K, V, KO> BiFunction<K, V, KO> ignoringKey(Function<? super V, ? extends KO> extractor) {
        Objects.requireNonNull(extractor, "foreignKeyExtractor can't be null");
        return (key, value) -> extractor.apply(value);
    }

    /**
     * Joins {@code left} with {@code other} on the key {@code foreignKeyExtractor} picks from each left value;
     * {@code materialized} may be null.
     */
    static <K, V, KO, VO, VR> KTable<K, VR> foreignKeyJoin(KTableImpl<K, V> left, KTable<KO, VO> other,
        BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, TableJoined<K, KO> tableJoined,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized, boolean leftJoin) {
        Objects.requireNonNull(other, "foreignKeyTable can't be null");
        Objects.requireNonNull(foreignKeyExtractor, "foreignKeyExtractor can't be null");
        Objects.requireNonNull(joiner, "joiner can't be null");
        Objects.requireNonNull(tableJoined, "tableJoined can't be null");
        return build(left, left.sameBuilder(other), foreignKeyExtractor, joiner,
            new TableJoinedInternal<>(tableJoined), materialized, leftJoin);
    }

    private static <K, V, KO, VO, VR> KTable<K, VR> build(KTableImpl<K, V> left, KTableImpl<KO, VO> right,
        BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, TableJoinedInternal<K, KO> options,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized, boolean leftJoin) {
        InternalStreamsBuilder builder = left.builder();
        InternalTopologyBuilder topology = builder.topologyBuilder();
        String base = options.name();
        String registrationTopic = named(base, "-subscription-registration", builder, SUBSCRIPTION_REGISTRATION)
            + TOPIC_SUFFIX;
        String sendName = named(base, "-subscription-registration-processor", builder, SUBSCRIPTION_REGISTRATION);
        String registrationSink = named(base, "-subscription-registration-sink", builder, SINK);
        String registrationSource = named(base, "-subscription-registration-source", builder, SOURCE);
        String subscriptionStore = named(base, "-subscription-store", builder, SUBSCRIPTION_STORE);
        String receiveName = named(base, "-subscription-receive", builder, SUBSCRIPTION_PROCESSOR);
        String joinForeignName = named(base, "-subscription-join-foreign", builder, SUBSCRIPTION_PROCESSOR);
        String foreignChangeName = named(base, "-foreign-join-subscription", builder, SUBSCRIPTION_PROCESSOR);
        String responseTopic = named(base, "-subscription-response", builder, SUBSCRIPTION_RESPONSE) + TOPIC_SUFFIX;
        String responseSink = named(base, "-subscription-response-sink", builder, SINK);
        String responseSource = named(base, "-subscription-response-source", builder, SOURCE);
        String resolverName = named(base, "-subscription-response-resolver", builder, RESPONSE_RESOLVER);
        String outputName = named(base, "-result", builder, OUTPUT);
        MaterializedInternal<K, VR, KeyValueStore<Bytes, byte[]>> store = new MaterializedInternal<>(
            materialized != null ? materialized : Materialized.with(null, null), builder, OUTPUT);

        ForeignKeyJoinProcessors.Serdes<K, V, KO, VO> serdes = new ForeignKeyJoinProcessors.Serdes<>(
            left.keySerde(), left.valueSerde(), right.keySerde(), right.valueSerde(), registrationTopic);

        topology.addProcessor(sendName, new ForeignKeyJoinProcessors.SubscriptionSend<>(foreignKeyExtractor,
            leftJoin, serdes), left.name());
        topology.addInternalTopic(registrationTopic, null);
        StreamPartitioner<KO, Void> otherPartitioner = options.otherPartitioner();
        topology.addSink(registrationSink, registrationTopic, null, serializer(right.keySerde()),
            new ByteArraySerializer(), otherPartitioner == null ? null : ignoringValue(otherPartitioner), sendName);
        topology.addSource(registrationSource, null, right.keySerde() == null ? null : right.keySerde().deserializer(),
            new ByteArrayDeserializer(), registrationTopic);

        topology.addProcessor(receiveName, new ForeignKeyJoinProcessors.SubscriptionReceive<KO>(
            subscriptionStore, serdes), registrationSource);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(subscriptionStore),
            Serdes.Bytes(), Serdes.ByteArray()), receiveName);
        KTableValueGetterSupplier<KO, VO> rightGetter = right.valueGetterSupplier();
        topology.addProcessor(joinForeignName, new ForeignKeyJoinProcessors.SubscriptionJoinForeign<K, KO, VO>(
            rightGetter, serdes), receiveName);
        topology.connectProcessorAndStateStores(joinForeignName, rightGetter.storeNames().toArray(new String[0]));
        topology.addProcessor(foreignChangeName, new ForeignKeyJoinProcessors.ForeignTableChange<K, KO, VO>(
            subscriptionStore, serdes), right.name());
        topology.connectProcessorAndStateStores(foreignChangeName, subscriptionStore);
        topology.copartition(Set.of(receiveName, right.name()), "foreign-key join " + outputName
            + " (subscription topic and right table)");

        topology.addInternalTopic(responseTopic, null);
        StreamPartitioner<K, Void> partitioner = options.partitioner();
        topology.addSink(responseSink, responseTopic, null, serializer(left.keySerde()), new ByteArraySerializer(),
            partitioner == null ? null : ignoringValue(partitioner), joinForeignName, foreignChangeName);
        topology.addSource(responseSource, null, left.keySerde() == null ? null : left.keySerde().deserializer(),
            new ByteArrayDeserializer(), responseTopic);
        KTableValueGetterSupplier<K, V> leftGetter = left.valueGetterSupplier();
        topology.addProcessor(resolverName, new ForeignKeyJoinProcessors.ResponseResolve<K, V, VO, VR>(leftGetter,
            joiner, leftJoin, serdes), responseSource);
        topology.connectProcessorAndStateStores(resolverName, leftGetter.storeNames().toArray(new String[0]));
        topology.copartition(Set.of(resolverName, left.name()), "foreign-key join " + outputName
            + " (response topic and left table)");

        // As in Kafka Streams, the result is a table source: it gets its store only if the user names it or a later
        // operation reads its values, so an unmaterialized join needs no serdes for its result.
        Serde<K> keySerde = store.keySerde() != null ? store.keySerde() : left.keySerde();
        return builder.addTableSource(outputName, resolverName, store, keySerde, store.valueSerde(), null);
    }

    private static String named(String base, String suffix, InternalStreamsBuilder builder, String prefix) {
        return builder.suffixed(base, suffix, prefix);
    }

    private static <T> dev.runnel.common.serialization.Serializer<T> serializer(Serde<T> serde) {
        return serde == null ? null : serde.serializer();
    }

    private static <K> StreamPartitioner<K, Object> ignoringValue(StreamPartitioner<K, Void> partitioner) {
        return (topic, key, value, numPartitions) -> partitioner.partitions(topic, key, null, numPartitions);
    }
}
