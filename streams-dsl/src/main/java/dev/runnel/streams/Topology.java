package dev.runnel.streams;

import dev.runnel.common.serialization.Deserializer;
import dev.runnel.common.serialization.Serializer;
import dev.runnel.streams.errors.TopologyException;
import dev.runnel.streams.internal.graph.InternalTopologyBuilder;
import dev.runnel.streams.processor.StreamPartitioner;
import dev.runnel.streams.processor.TimestampExtractor;
import dev.runnel.streams.processor.TopicNameExtractor;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import dev.runnel.streams.state.StoreBuilder;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A processing graph built with the processor API (or by {@link StreamsBuilder#build()}): sources read topics,
 * processors transform records and use state stores, sinks write topics.
 *
 * <pre>{@code
 * Topology topology = new Topology()
 *     .addSource("orders", Serdes.String().deserializer(), Serdes.Long().deserializer(), "orders")
 *     .addProcessor("big", BigOrders::new, "orders")
 *     .addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("totals"),
 *         Serdes.String(), Serdes.Long()), "big")
 *     .addSink("out", "big-orders", Serdes.String().serializer(), Serdes.Long().serializer(), "big");
 * }</pre>
 *
 * <p>A source reads named topics or, given a {@link Pattern}, every topic whose whole name matches it: those that
 * exist when the application starts and those created while it runs (the stream threads rebalance to pick them up).
 * The application's internal topics never match. A topic can be read by one source only: a pattern that matches a
 * named source topic is refused here, and a topic that two patterns match stops the application when it is seen.
 *
 * <p>Every method validates at once and throws {@link dev.runnel.streams.errors.TopologyException} ("Invalid
 * topology: ...") for unknown parents, duplicate names, topics read twice and unknown stores. Missing serdes fall
 * back to {@code default.key.serde}/{@code default.value.serde} when a task starts. Mutable; the methods are
 * synchronized, as in Kafka Streams.
 */
public class Topology {
    private final InternalTopologyBuilder internalTopologyBuilder;

    /** Creates an empty topology. */
    public Topology() {
        this(new InternalTopologyBuilder());
    }

    /**
     * Creates an empty topology with the given topology configs. Runnel keeps only their DSL store choice
     * ({@code dsl.store.suppliers.class}, {@code default.dsl.store}) and processor wrapper
     * ({@code processor.wrapper.class}) with the topology; the running client's config gives the rest.
     *
     * @throws dev.runnel.common.config.ConfigException if the processor wrapper cannot be created
     */
    public Topology(TopologyConfig topologyConfigs) {
        this();
        internalTopologyBuilder.dslStoreChoice()
            .setTopologyLevel(topologyConfigs.resolveDslStoreSuppliers().orElse(null));
        internalTopologyBuilder.processorWrapper(topologyConfigs.processorWrapper());
    }

    Topology(InternalTopologyBuilder internalTopologyBuilder) {
        this.internalTopologyBuilder = internalTopologyBuilder;
    }

    InternalTopologyBuilder internalTopologyBuilder() {
        return internalTopologyBuilder;
    }

    /**
     * Where a source starts without a valid committed offset.
     *
     * @deprecated as in Kafka Streams 4: use {@link dev.runnel.streams.AutoOffsetReset}
     */
    @Deprecated
    public enum AutoOffsetReset {
        EARLIEST, LATEST
    }

    /** Adds a source reading {@code topics} with the default deserializers and timestamp extractor. */
    public synchronized Topology addSource(String name, String... topics) {
        internalTopologyBuilder.addSource(name, null, null, null, topics);
        return this;
    }

    /** Adds a source that starts as {@code offsetReset} says where it has no valid committed offset. */
    public synchronized Topology addSource(dev.runnel.streams.AutoOffsetReset offsetReset, String name,
        String... topics) {
        internalTopologyBuilder.addSource(name, offsetReset, null, null, null, topics);
        return this;
    }

    /**
     * Adds a source that starts as {@code offsetReset} says where it has no valid committed offset.
     *
     * @deprecated as in Kafka Streams 4: use {@link #addSource(dev.runnel.streams.AutoOffsetReset, String, String...)}
     */
    @Deprecated
    public synchronized Topology addSource(AutoOffsetReset offsetReset, String name, String... topics) {
        return addSource(policy(offsetReset), name, topics);
    }

    /** Returns the policy meaning the same as the deprecated enum's {@code offsetReset}. */
    @SuppressWarnings("deprecation")
    private static dev.runnel.streams.AutoOffsetReset policy(AutoOffsetReset offsetReset) {
        return offsetReset == AutoOffsetReset.LATEST ? dev.runnel.streams.AutoOffsetReset.latest()
            : dev.runnel.streams.AutoOffsetReset.earliest();
    }

    /** Adds a source with its own offset reset policy and timestamp extractor. */
    public synchronized Topology addSource(dev.runnel.streams.AutoOffsetReset offsetReset,
        TimestampExtractor timestampExtractor, String name, String... topics) {
        internalTopologyBuilder.addSource(name, offsetReset, timestampExtractor, null, null, topics);
        return this;
    }

    /** Adds a source with its own offset reset policy and deserializers ({@code null} for the default). */
    public synchronized Topology addSource(dev.runnel.streams.AutoOffsetReset offsetReset, String name,
        Deserializer<?> keyDeserializer, Deserializer<?> valueDeserializer, String... topics) {
        internalTopologyBuilder.addSource(name, offsetReset, null, keyDeserializer, valueDeserializer, topics);
        return this;
    }

    /** Adds a source with its own offset reset policy, timestamp extractor and deserializers. */
    public synchronized Topology addSource(dev.runnel.streams.AutoOffsetReset offsetReset, String name,
        TimestampExtractor timestampExtractor, Deserializer<?> keyDeserializer, Deserializer<?> valueDeserializer,
        String... topics) {
        internalTopologyBuilder.addSource(name, offsetReset, timestampExtractor, keyDeserializer, valueDeserializer,
            topics);
        return this;
    }

    /** Adds a source with its own timestamp extractor. */
    public synchronized Topology addSource(TimestampExtractor timestampExtractor, String name, String... topics) {
        internalTopologyBuilder.addSource(name, timestampExtractor, null, null, topics);
        return this;
    }

    /** Adds a source with its own deserializers ({@code null} for the default). */
    public synchronized Topology addSource(String name, Deserializer<?> keyDeserializer,
        Deserializer<?> valueDeserializer, String... topics) {
        internalTopologyBuilder.addSource(name, null, keyDeserializer, valueDeserializer, topics);
        return this;
    }

    /** Adds a source with its own timestamp extractor and deserializers. */
    public synchronized Topology addSource(String name, TimestampExtractor timestampExtractor,
        Deserializer<?> keyDeserializer, Deserializer<?> valueDeserializer, String... topics) {
        internalTopologyBuilder.addSource(name, timestampExtractor, keyDeserializer, valueDeserializer, topics);
        return this;
    }

    /** Adds a source reading the topics {@code topicPattern} matches, with the default deserializers. */
    public synchronized Topology addSource(String name, Pattern topicPattern) {
        internalTopologyBuilder.addSource(name, null, null, null, null, topicPattern);
        return this;
    }

    /** Adds a pattern source that starts as {@code offsetReset} says where it has no valid committed offset. */
    public synchronized Topology addSource(dev.runnel.streams.AutoOffsetReset offsetReset, String name,
        Pattern topicPattern) {
        internalTopologyBuilder.addSource(name, offsetReset, null, null, null, topicPattern);
        return this;
    }

    /**
     * Adds a pattern source that starts as {@code offsetReset} says where it has no valid committed offset.
     *
     * @deprecated as in Kafka Streams 4: use {@link #addSource(dev.runnel.streams.AutoOffsetReset, String, Pattern)}
     */
    @Deprecated
    public synchronized Topology addSource(AutoOffsetReset offsetReset, String name, Pattern topicPattern) {
        return addSource(policy(offsetReset), name, topicPattern);
    }

    /**
     * As {@link #addSource(dev.runnel.streams.AutoOffsetReset, TimestampExtractor, String, String...)}.
     *
     * @deprecated as in Kafka Streams 4: use the overload taking a {@link dev.runnel.streams.AutoOffsetReset}
     */
    @Deprecated
    public synchronized Topology addSource(AutoOffsetReset offsetReset, TimestampExtractor timestampExtractor,
        String name, String... topics) {
        return addSource(policy(offsetReset), timestampExtractor, name, topics);
    }

    /**
     * As {@link #addSource(dev.runnel.streams.AutoOffsetReset, TimestampExtractor, String, Pattern)}.
     *
     * @deprecated as in Kafka Streams 4: use the overload taking a {@link dev.runnel.streams.AutoOffsetReset}
     */
    @Deprecated
    public synchronized Topology addSource(AutoOffsetReset offsetReset, TimestampExtractor timestampExtractor,
        String name, Pattern topicPattern) {
        return addSource(policy(offsetReset), timestampExtractor, name, topicPattern);
    }

    /**
     * As {@link #addSource(dev.runnel.streams.AutoOffsetReset, String, Deserializer, Deserializer, String...)}.
     *
     * @deprecated as in Kafka Streams 4: use the overload taking a {@link dev.runnel.streams.AutoOffsetReset}
     */
    @Deprecated
    public synchronized Topology addSource(AutoOffsetReset offsetReset, String name, Deserializer<?> keyDeserializer,
        Deserializer<?> valueDeserializer, String... topics) {
        return addSource(policy(offsetReset), name, keyDeserializer, valueDeserializer, topics);
    }

    /**
     * As {@link #addSource(dev.runnel.streams.AutoOffsetReset, String, Deserializer, Deserializer, Pattern)}.
     *
     * @deprecated as in Kafka Streams 4: use the overload taking a {@link dev.runnel.streams.AutoOffsetReset}
     */
    @Deprecated
    public synchronized Topology addSource(AutoOffsetReset offsetReset, String name, Deserializer<?> keyDeserializer,
        Deserializer<?> valueDeserializer, Pattern topicPattern) {
        return addSource(policy(offsetReset), name, keyDeserializer, valueDeserializer, topicPattern);
    }

    /**
     * As {@link #addSource(dev.runnel.streams.AutoOffsetReset, String, TimestampExtractor, Deserializer,
     * Deserializer, String...)}.
     *
     * @deprecated as in Kafka Streams 4: use the overload taking a {@link dev.runnel.streams.AutoOffsetReset}
     */
    @Deprecated
    public synchronized Topology addSource(AutoOffsetReset offsetReset, String name,
        TimestampExtractor timestampExtractor, Deserializer<?> keyDeserializer, Deserializer<?> valueDeserializer,
        String... topics) {
        return addSource(policy(offsetReset), name, timestampExtractor, keyDeserializer, valueDeserializer, topics);
    }

    /**
     * As {@link #addSource(dev.runnel.streams.AutoOffsetReset, String, TimestampExtractor, Deserializer,
     * Deserializer, Pattern)}.
     *
     * @deprecated as in Kafka Streams 4: use the overload taking a {@link dev.runnel.streams.AutoOffsetReset}
     */
    @Deprecated
    public synchronized Topology addSource(AutoOffsetReset offsetReset, String name,
        TimestampExtractor timestampExtractor, Deserializer<?> keyDeserializer, Deserializer<?> valueDeserializer,
        Pattern topicPattern) {
        return addSource(policy(offsetReset), name, timestampExtractor, keyDeserializer, valueDeserializer,
            topicPattern);
    }

    /** Adds a pattern source with its own timestamp extractor. */
    public synchronized Topology addSource(TimestampExtractor timestampExtractor, String name, Pattern topicPattern) {
        internalTopologyBuilder.addSource(name, null, timestampExtractor, null, null, topicPattern);
        return this;
    }

    /** Adds a pattern source with its own offset reset policy and timestamp extractor. */
    public synchronized Topology addSource(dev.runnel.streams.AutoOffsetReset offsetReset,
        TimestampExtractor timestampExtractor, String name, Pattern topicPattern) {
        internalTopologyBuilder.addSource(name, offsetReset, timestampExtractor, null, null, topicPattern);
        return this;
    }

    /** Adds a pattern source with its own deserializers ({@code null} for the default). */
    public synchronized Topology addSource(String name, Deserializer<?> keyDeserializer,
        Deserializer<?> valueDeserializer, Pattern topicPattern) {
        internalTopologyBuilder.addSource(name, null, null, keyDeserializer, valueDeserializer, topicPattern);
        return this;
    }

    /** Adds a pattern source with its own offset reset policy and deserializers ({@code null} for the default). */
    public synchronized Topology addSource(dev.runnel.streams.AutoOffsetReset offsetReset, String name,
        Deserializer<?> keyDeserializer, Deserializer<?> valueDeserializer, Pattern topicPattern) {
        internalTopologyBuilder.addSource(name, offsetReset, null, keyDeserializer, valueDeserializer, topicPattern);
        return this;
    }

    /** Adds a pattern source with its own timestamp extractor and deserializers. */
    public synchronized Topology addSource(String name, TimestampExtractor timestampExtractor,
        Deserializer<?> keyDeserializer, Deserializer<?> valueDeserializer, Pattern topicPattern) {
        internalTopologyBuilder.addSource(name, null, timestampExtractor, keyDeserializer, valueDeserializer,
            topicPattern);
        return this;
    }

    /** Adds a pattern source with its own offset reset policy, timestamp extractor and deserializers. */
    public synchronized Topology addSource(dev.runnel.streams.AutoOffsetReset offsetReset, String name,
        TimestampExtractor timestampExtractor, Deserializer<?> keyDeserializer, Deserializer<?> valueDeserializer,
        Pattern topicPattern) {
        internalTopologyBuilder.addSource(name, offsetReset, timestampExtractor, keyDeserializer, valueDeserializer,
            topicPattern);
        return this;
    }

    /**
     * Adds a processor fed by {@code parentNames}. {@code supplier.get()} must return a new processor every call;
     * stores returned by {@code supplier.stores()} are added and connected.
     */
    public synchronized <KIn, VIn, KOut, VOut> Topology addProcessor(String name,
        ProcessorSupplier<KIn, VIn, KOut, VOut> supplier, String... parentNames) {
        internalTopologyBuilder.addProcessor(name, supplier, parentNames);
        return this;
    }

    /** Adds a sink writing to {@code topic} with the default serializers. */
    public synchronized Topology addSink(String name, String topic, String... parentNames) {
        internalTopologyBuilder.addSink(name, requireTopic(topic), null, null, null, null, parentNames);
        return this;
    }

    /** Adds a sink writing to {@code topic}, partitioned by {@code partitioner}. */
    public synchronized <K, V> Topology addSink(String name, String topic,
        StreamPartitioner<? super K, ? super V> partitioner, String... parentNames) {
        internalTopologyBuilder.addSink(name, requireTopic(topic), null, null, null, partitioner, parentNames);
        return this;
    }

    /** Adds a sink writing to {@code topic} with its own serializers. */
    public synchronized <K, V> Topology addSink(String name, String topic, Serializer<K> keySerializer,
        Serializer<V> valueSerializer, String... parentNames) {
        internalTopologyBuilder.addSink(name, requireTopic(topic), null, keySerializer, valueSerializer, null,
            parentNames);
        return this;
    }

    /** Adds a sink writing to {@code topic} with its own serializers and partitioner. */
    public synchronized <K, V> Topology addSink(String name, String topic, Serializer<K> keySerializer,
        Serializer<V> valueSerializer, StreamPartitioner<? super K, ? super V> partitioner, String... parentNames) {
        internalTopologyBuilder.addSink(name, requireTopic(topic), null, keySerializer, valueSerializer, partitioner,
            parentNames);
        return this;
    }

    /** Adds a sink writing each record to the topic {@code topicExtractor} picks. */
    public synchronized <K, V> Topology addSink(String name, TopicNameExtractor<? super K, ? super V> topicExtractor,
        String... parentNames) {
        internalTopologyBuilder.addSink(name, null, requireExtractor(topicExtractor), null, null, null, parentNames);
        return this;
    }

    /** Adds a sink writing to the topic {@code topicExtractor} picks, partitioned by {@code partitioner}. */
    public synchronized <K, V> Topology addSink(String name, TopicNameExtractor<? super K, ? super V> topicExtractor,
        StreamPartitioner<? super K, ? super V> partitioner, String... parentNames) {
        internalTopologyBuilder.addSink(name, null, requireExtractor(topicExtractor), null, null, partitioner,
            parentNames);
        return this;
    }

    /** Adds a sink writing to the topic {@code topicExtractor} picks, with its own serializers. */
    public synchronized <K, V> Topology addSink(String name, TopicNameExtractor<? super K, ? super V> topicExtractor,
        Serializer<K> keySerializer, Serializer<V> valueSerializer, String... parentNames) {
        internalTopologyBuilder.addSink(name, null, requireExtractor(topicExtractor), keySerializer, valueSerializer,
            null, parentNames);
        return this;
    }

    /** Adds a sink writing to the topic {@code topicExtractor} picks, with its own serializers and partitioner. */
    public synchronized <K, V> Topology addSink(String name, TopicNameExtractor<? super K, ? super V> topicExtractor,
        Serializer<K> keySerializer, Serializer<V> valueSerializer, StreamPartitioner<? super K, ? super V> partitioner,
        String... parentNames) {
        internalTopologyBuilder.addSink(name, null, requireExtractor(topicExtractor), keySerializer, valueSerializer,
            partitioner, parentNames);
        return this;
    }

    private static String requireTopic(String topic) {
        return Objects.requireNonNull(topic, "topic cannot be null");
    }

    private static <K, V> TopicNameExtractor<K, V> requireExtractor(TopicNameExtractor<K, V> topicExtractor) {
        return Objects.requireNonNull(topicExtractor, "topicExtractor cannot be null");
    }

    /** Adds a state store and connects it to the named processors (more can connect later). */
    public synchronized Topology addStateStore(StoreBuilder<?> storeBuilder, String... processorNames) {
        internalTopologyBuilder.addStateStore(storeBuilder, processorNames);
        return this;
    }

    /** Connects existing stores to an existing processor. */
    public synchronized Topology connectProcessorAndStateStores(String processorName, String... stateStoreNames) {
        if (stateStoreNames != null && stateStoreNames.length == 0) {
            throw new TopologyException("stateStoreNames cannot be empty");
        }
        internalTopologyBuilder.connectProcessorAndStateStores(processorName, stateStoreNames);
        return this;
    }

    /**
     * Adds a global store: every instance reads all of {@code topic} through {@code stateUpdateSupplier}'s processor,
     * which should only put records into the store. The store's logging must be disabled (the topic is its changelog).
     */
    public synchronized <KIn, VIn> Topology addGlobalStore(StoreBuilder<?> storeBuilder, String sourceName,
        Deserializer<KIn> keyDeserializer, Deserializer<VIn> valueDeserializer, String topic, String processorName,
        ProcessorSupplier<KIn, VIn, Void, Void> stateUpdateSupplier) {
        internalTopologyBuilder.addGlobalStore(storeBuilder, sourceName, null, keyDeserializer, valueDeserializer,
            topic, processorName, stateUpdateSupplier);
        return this;
    }

    /** Adds a global store whose source has its own timestamp extractor. */
    public synchronized <KIn, VIn> Topology addGlobalStore(StoreBuilder<?> storeBuilder, String sourceName,
        TimestampExtractor timestampExtractor, Deserializer<KIn> keyDeserializer, Deserializer<VIn> valueDeserializer,
        String topic, String processorName, ProcessorSupplier<KIn, VIn, Void, Void> stateUpdateSupplier) {
        internalTopologyBuilder.addGlobalStore(storeBuilder, sourceName, timestampExtractor, keyDeserializer,
            valueDeserializer, topic, processorName, stateUpdateSupplier);
        return this;
    }

    /**
     * Adds a read-only state store (KIP-813): {@code stateUpdateSupplier}'s processor reads {@code topic} through
     * source {@code sourceName} and should only put its records into the store. Unlike a global store, the store is
     * local to each task and partitioned like {@code topic}; other processors of the same sub-topology may connect to
     * it with {@link #connectProcessorAndStateStores} and read it, but their writes throw. {@code topic} is the
     * store's changelog: logging is disabled on {@code storeBuilder}, and on start the store restores from
     * {@code topic}, so the processor must store the topic's keys and values unchanged.
     * <pre>{@code
     * topology.addReadOnlyStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("prices"),
     *         Serdes.String(), Serdes.Long()),
     *     "prices-source", new StringDeserializer(), new LongDeserializer(), "prices", "prices-updater",
     *     PriceUpdater::new);
     * }</pre>
     */
    public synchronized <KIn, VIn> Topology addReadOnlyStateStore(StoreBuilder<?> storeBuilder, String sourceName,
        TimestampExtractor timestampExtractor, Deserializer<KIn> keyDeserializer, Deserializer<VIn> valueDeserializer,
        String topic, String processorName, ProcessorSupplier<KIn, VIn, Void, Void> stateUpdateSupplier) {
        internalTopologyBuilder.addReadOnlyStateStore(storeBuilder, sourceName, timestampExtractor, keyDeserializer,
            valueDeserializer, topic, processorName, stateUpdateSupplier);
        return this;
    }

    /** Adds a read-only state store whose source uses the configured timestamp extractor; see the other overload. */
    public synchronized <KIn, VIn> Topology addReadOnlyStateStore(StoreBuilder<?> storeBuilder, String sourceName,
        Deserializer<KIn> keyDeserializer, Deserializer<VIn> valueDeserializer, String topic, String processorName,
        ProcessorSupplier<KIn, VIn, Void, Void> stateUpdateSupplier) {
        return addReadOnlyStateStore(storeBuilder, sourceName, null, keyDeserializer, valueDeserializer, topic,
            processorName, stateUpdateSupplier);
    }

    /** Returns the structure of the topology as it is now. */
    public synchronized TopologyDescription describe() {
        return internalTopologyBuilder.describe();
    }
}
