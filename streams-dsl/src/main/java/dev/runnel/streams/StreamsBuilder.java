package dev.runnel.streams;

import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.errors.TopologyException;
import dev.runnel.streams.internal.dsl.ImplicitlyNamedResources;
import dev.runnel.streams.internal.dsl.InternalStreamsBuilder;
import dev.runnel.streams.internal.dsl.TopologyOptimizer;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.GlobalKTable;
import dev.runnel.streams.kstream.KStream;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.StoreBuilder;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point of the DSL: creates streams and tables from topics; {@link #build()} returns the
 * {@link Topology} to run.
 *
 * <pre>{@code
 * StreamsBuilder builder = new StreamsBuilder();
 * builder.stream("input", Consumed.with(Serdes.String(), Serdes.String()))
 *     .filter((key, value) -> value != null)
 *     .to("output");
 * Topology topology = builder.build();
 * }</pre>
 *
 * Generated node names ({@code KSTREAM-SOURCE-0000000000}) follow Kafka Streams, so the same program describes the
 * same way. Mutable; not thread-safe.
 */
public class StreamsBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsBuilder.class);
    private final InternalStreamsBuilder internalStreamsBuilder = new InternalStreamsBuilder();
    private final Topology topology = new Topology(internalStreamsBuilder.topologyBuilder());

    {
        // As in Kafka Streams, whose DSL writes its topology in build(): a clash of names or stores fails the build.
        internalStreamsBuilder.topologyBuilder().deferFailures(true);
    }

    private final boolean hasTopologyConfig;
    /** The topology config's {@code ensure.explicit.internal.resource.naming}; null without a topology config. */
    private final Boolean ensureExplicitNaming;

    /** Creates a builder. */
    public StreamsBuilder() {
        this.hasTopologyConfig = false;
        this.ensureExplicitNaming = null;
    }

    /**
     * Creates a builder whose DSL stores come from the {@code dsl.store.suppliers.class} or {@code default.dsl.store}
     * that {@code topologyConfigs} sets, unless an operation's {@code Materialized} or {@code StreamJoined} chooses,
     * and whose processors are all wrapped by the {@code processor.wrapper.class} it sets.
     *
     * @throws dev.runnel.common.config.ConfigException if the processor wrapper cannot be created
     */
    public StreamsBuilder(TopologyConfig topologyConfigs) {
        Objects.requireNonNull(topologyConfigs, "topologyConfigs can't be null");
        internalStreamsBuilder.topologyBuilder().dslStoreChoice()
            .setTopologyLevel(topologyConfigs.resolveDslStoreSuppliers().orElse(null));
        internalStreamsBuilder.topologyBuilder().processorWrapper(topologyConfigs.processorWrapper());
        this.hasTopologyConfig = true;
        this.ensureExplicitNaming = topologyConfigs.ensureExplicitInternalResourceNaming;
    }

    /** Returns a stream of {@code topic}, with the default serdes. */
    public synchronized <K, V> KStream<K, V> stream(String topic) {
        return stream(Collections.singletonList(topic));
    }

    /** Returns a stream of {@code topic}, read as {@code consumed} says. */
    public synchronized <K, V> KStream<K, V> stream(String topic, Consumed<K, V> consumed) {
        return stream(Collections.singletonList(topic), consumed);
    }

    /** Returns a stream of several topics, with the default serdes. */
    public synchronized <K, V> KStream<K, V> stream(Collection<String> topics) {
        return stream(topics, Consumed.with(null, null));
    }

    /** Returns a stream of several topics, read as {@code consumed} says. */
    public synchronized <K, V> KStream<K, V> stream(Collection<String> topics, Consumed<K, V> consumed) {
        Objects.requireNonNull(topics, "topics can't be null");
        return internalStreamsBuilder.stream(topics, Objects.requireNonNull(consumed, "consumed can't be null"));
    }

    /**
     * Returns a stream of every topic whose whole name {@code topicPattern} matches, with the default serdes: the
     * topics that exist at start and those created while the application runs. Internal topics never match.
     */
    public synchronized <K, V> KStream<K, V> stream(Pattern topicPattern) {
        return stream(topicPattern, Consumed.with(null, null));
    }

    /** Returns a stream of every topic {@code topicPattern} matches, read as {@code consumed} says. */
    public synchronized <K, V> KStream<K, V> stream(Pattern topicPattern, Consumed<K, V> consumed) {
        Objects.requireNonNull(topicPattern, "topicPattern can't be null");
        return internalStreamsBuilder.stream(topicPattern, Objects.requireNonNull(consumed, "consumed can't be null"));
    }

    /** Returns a table of {@code topic} (latest value per key), with the default serdes. */
    public synchronized <K, V> KTable<K, V> table(String topic) {
        return table(topic, Consumed.with(null, null));
    }

    /** Returns a table of {@code topic}, read as {@code consumed} says. */
    public synchronized <K, V> KTable<K, V> table(String topic, Consumed<K, V> consumed) {
        return internalStreamsBuilder.table(Objects.requireNonNull(topic, "topic can't be null"),
            Objects.requireNonNull(consumed, "consumed can't be null"));
    }

    /** Returns a table of {@code topic}, materialized as {@code materialized} says (queryable if named). */
    public synchronized <K, V> KTable<K, V> table(String topic,
        Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return table(topic, Consumed.with(null, null), materialized);
    }

    /** Returns a table of {@code topic}, read as {@code consumed} says and materialized as {@code materialized}. */
    public synchronized <K, V> KTable<K, V> table(String topic, Consumed<K, V> consumed,
        Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return internalStreamsBuilder.table(Objects.requireNonNull(topic, "topic can't be null"),
            Objects.requireNonNull(consumed, "consumed can't be null"),
            Objects.requireNonNull(materialized, "materialized can't be null"));
    }

    /** Returns a global table of {@code topic}, with the default serdes. */
    public synchronized <K, V> GlobalKTable<K, V> globalTable(String topic) {
        return globalTable(topic, Consumed.with(null, null));
    }

    /** Returns a global table of {@code topic}, read as {@code consumed} says. */
    public synchronized <K, V> GlobalKTable<K, V> globalTable(String topic, Consumed<K, V> consumed) {
        return internalStreamsBuilder.globalTable(Objects.requireNonNull(topic, "topic can't be null"),
            Objects.requireNonNull(consumed, "consumed can't be null"));
    }

    /** Returns a global table of {@code topic}, materialized as {@code materialized} says (queryable if named). */
    public synchronized <K, V> GlobalKTable<K, V> globalTable(String topic,
        Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return globalTable(topic, Consumed.with(null, null), materialized);
    }

    /** Returns a global table of {@code topic}, read as {@code consumed} says, materialized as {@code materialized}. */
    public synchronized <K, V> GlobalKTable<K, V> globalTable(String topic, Consumed<K, V> consumed,
        Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return internalStreamsBuilder.globalTable(Objects.requireNonNull(topic, "topic can't be null"),
            Objects.requireNonNull(consumed, "consumed can't be null"),
            Objects.requireNonNull(materialized, "materialized can't be null"));
    }

    /** Adds a store that {@code KStream#process} and {@code processValues} can name. */
    public synchronized StreamsBuilder addStateStore(StoreBuilder<?> builder) {
        internalStreamsBuilder.addStateStore(Objects.requireNonNull(builder, "builder can't be null"));
        return this;
    }

    /** Adds a global store filled from {@code topic} by {@code stateUpdateSupplier}; see Topology#addGlobalStore. */
    public synchronized <K, V> StreamsBuilder addGlobalStore(StoreBuilder<?> storeBuilder, String topic,
        Consumed<K, V> consumed, ProcessorSupplier<K, V, Void, Void> stateUpdateSupplier) {
        Objects.requireNonNull(storeBuilder, "storeBuilder can't be null");
        Objects.requireNonNull(consumed, "consumed can't be null");
        internalStreamsBuilder.addGlobalStore(storeBuilder, topic, consumed, stateUpdateSupplier);
        return this;
    }

    /**
     * Returns the topology built so far. With a {@link TopologyConfig}, its internal topics and stores with generated
     * names are checked as {@link #build(Properties)} checks them.
     *
     * @throws TopologyException if two DSL operations clashed (two processors or stores of one name, a topic read by
     *                           two sources), or, with {@code ensure.explicit.internal.resource.naming=true} in the
     *                           topology config, if an internal topic or store has a generated name
     */
    public synchronized Topology build() {
        endDeferringFailures();
        if (ensureExplicitNaming != null) {
            checkInternalResourceNames(ensureExplicitNaming);
        }
        internalStreamsBuilder.decideNullKeyRepartitions();
        return topology;
    }

    /**
     * Returns the topology, applying the optimizations {@code topology.optimization} enables in {@code props}, and,
     * unless this builder was created with a {@link TopologyConfig}, taking the DSL stores from the
     * {@code dsl.store.suppliers.class} or {@code default.dsl.store} that {@code props} sets. As in Kafka Streams,
     * only this method optimizes: {@link #build()} and a {@link TopologyConfig} never do.
     * <ul>
     * <li>{@code reuse.ktable.source.topics}: the store of a table read from a topic ({@link #table}) uses that topic
     *     as its changelog: no {@code <application.id>-<store>-changelog} topic is created or written, and the store
     *     restores from the source topic up to the committed offset. The topic should be compacted (otherwise
     *     retention may delete records the store still needs) and the serdes symmetric; records that the
     *     deserialization exception handler skipped while processing are restored into the store as they are.</li>
     * <li>{@code merge.repartition.topics}: the repartition topics of the groupings and joins after one key-changing
     *     operation (with no value-changing one in between) become one, right after it, named after the first; the
     *     operations between the key change and each grouping or join then run behind that topic. Repartitions of
     *     {@code KStream#repartition} and of table groupings stay as they are.</li>
     * <li>{@code single.store.self.join} (KIP-862): an inner join of a stream with itself ({@code s.join(s, ...)})
     *     keeps one window store: the other side's window node, the two join nodes and the other store give way to
     *     one self-join processor named as the join's merge node, with the same results.</li>
     * </ul>
     * Internal topics and stores whose names the DSL generated (which change when an operator is added upstream,
     * KIP-1111) are logged as a warning, or, with {@code ensure.explicit.internal.resource.naming=true} (in the
     * topology config if this builder has one, else in {@code props}), fail the build.
     *
     * @throws TopologyException if two DSL operations clashed, or, with {@code
     *                           ensure.explicit.internal.resource.naming=true}, if an internal topic or store has a
     *                           generated name; the message lists them and how to name them
     */
    public synchronized Topology build(Properties props) {
        endDeferringFailures();
        // Quietly, as Kafka Streams reads these props without creating (and logging) a StreamsConfig.
        StreamsConfig config = new StreamsConfig(withApplicationId(props), false);
        TopologyConfig topologyConfig = new TopologyConfig(config);
        if (!hasTopologyConfig) {
            topologyConfig.resolveDslStoreSuppliers()
                .ifPresent(internalStreamsBuilder.topologyBuilder().dslStoreChoice()::setTopologyLevel);
        }
        internalStreamsBuilder.optimizer().optimize(
            TopologyOptimizer.rules(config.getString(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG)));
        internalStreamsBuilder.decideNullKeyRepartitions();
        checkInternalResourceNames(ensureExplicitNaming != null ? ensureExplicitNaming
            : topologyConfig.ensureExplicitInternalResourceNaming);
        return topology;
    }

    /**
     * Throws the first clash the DSL's additions met; the topology built may get processor API additions, which fail
     * at once.
     */
    private void endDeferringFailures() {
        internalStreamsBuilder.topologyBuilder().deferFailures(false);
        internalStreamsBuilder.topologyBuilder().throwDeferredFailure();
    }

    private void checkInternalResourceNames(boolean ensureExplicit) {
        ImplicitlyNamedResources implicit = internalStreamsBuilder.implicitlyNamedResources();
        if (implicit.isEmpty()) {
            return;
        }
        if (ensureExplicit) {
            throw new TopologyException(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG + " is true, but"
                + " these internal resources have generated names, which change when the topology does: "
                + implicit.describe());
        }
        LOG.warn("Internal resources with generated names, which change when an operator is added upstream (state"
            + " then starts empty): {}", implicit.describe());
    }

    private static Properties withApplicationId(Properties props) {
        Properties copy = new Properties();
        if (props != null) {
            // Kafka Streams takes no properties as the defaults
            copy.putAll(props);
        }
        copy.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, "build");
        return copy;
    }
}
