package dev.runnel.streams.internal.dsl;

import dev.runnel.common.serialization.Deserializer;
import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.internal.dsl.OptionsInternal.ConsumedInternal;
import dev.runnel.streams.internal.dsl.OptionsInternal.NamedInternal;
import dev.runnel.streams.internal.graph.InternalTopologyBuilder;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.GlobalKTable;
import dev.runnel.streams.kstream.KStream;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Named;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.StoreBuilder;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The DSL's side of the topology: it names nodes and stores ({@code KSTREAM-FILTER-0000000001}, one counter shared by
 * nodes and stores, as in Kafka Streams, so names match Kafka's for the same program) and adds sources and tables.
 * Operators add themselves through {@link KStreamImpl#addOperator}. Not thread-safe.
 */
public final class InternalStreamsBuilder {
    /** Prefix of table source processors. */
    public static final String KTABLE_SOURCE_NAME = "KTABLE-SOURCE-";
    /** Prefix of toStream processors. */
    public static final String KTABLE_TOSTREAM_NAME = "KTABLE-TOSTREAM-";

    private final InternalTopologyBuilder topologyBuilder = new InternalTopologyBuilder();
    private final TopologyOptimizer optimizer = new TopologyOptimizer(this);
    private int index;
    /** Every name this builder generated, to tell generated store and topic names from given ones. */
    private final Set<String> generatedNames = new HashSet<>();
    private final StreamSources streamSources = new StreamSources();
    private final NullKeyRepartitions nullKeyRepartitions = new NullKeyRepartitions();

    /** Returns the plan the DSL writes into. */
    public InternalTopologyBuilder topologyBuilder() {
        return topologyBuilder;
    }

    /** Returns the registry of repartitions and of the joins that decide whether they keep null keys. */
    NullKeyRepartitions nullKeyRepartitions() {
        return nullKeyRepartitions;
    }

    /**
     * Decides which repartitions keep records with a null key (see {@link NullKeyRepartitions}); at every build, as
     * operators added since may have changed it.
     */
    public void decideNullKeyRepartitions() {
        nullKeyRepartitions.decide(topologyBuilder);
    }

    /** Returns the optimizer, which records what {@code topology.optimization} may rewrite. */
    public TopologyOptimizer optimizer() {
        return optimizer;
    }

    /** Returns {@code prefix} followed by the next index, zero-padded to ten digits. */
    public String newProcessorName(String prefix) {
        return generated(prefix + String.format(Locale.ROOT, "%010d", index++));
    }

    /** Returns {@code prefix + "STATE-STORE-"} followed by the next index. */
    public String newStoreName(String prefix) {
        return generated(prefix + "STATE-STORE-" + String.format(Locale.ROOT, "%010d", index++));
    }

    private String generated(String name) {
        generatedNames.add(name);
        return name;
    }

    /** Returns the internal topics and stores of the topology as built so far whose names were generated. */
    public ImplicitlyNamedResources implicitlyNamedResources() {
        return ImplicitlyNamedResources.find(topologyBuilder, generatedNames);
    }

    /**
     * Adds a source of {@code topics} and returns its stream; a stream of topics another stream reads already shares
     * that stream's source (see {@link StreamSources}).
     */
    public <K, V> KStream<K, V> stream(Collection<String> topics, Consumed<K, V> consumed) {
        ConsumedInternal<K, V> options = new ConsumedInternal<>(consumed);
        // a shared source still takes its index, as in Kafka Streams
        String name = name(options.name(), KStreamImpl.SOURCE_NAME);
        String source = streamSources.sourceOf(topics, options.resetPolicy());
        if (source == null) {
            topologyBuilder.addSource(name, options.resetPolicy(), options.timestampExtractor(),
                deserializer(options.keySerde()), deserializer(options.valueSerde()), topics.toArray(new String[0]));
            streamSources.add(topics, name, options.resetPolicy());
            source = name;
        }
        return new KStreamImpl<>(this, source, options.keySerde(), options.valueSerde(), false);
    }

    /** Adds a source of the topics {@code topicPattern} matches and returns its stream; see the other overload. */
    public <K, V> KStream<K, V> stream(Pattern topicPattern, Consumed<K, V> consumed) {
        ConsumedInternal<K, V> options = new ConsumedInternal<>(consumed);
        String name = name(options.name(), KStreamImpl.SOURCE_NAME);
        String source = streamSources.sourceOf(topicPattern, options.resetPolicy());
        if (source == null) {
            topologyBuilder.addSource(name, options.resetPolicy(), options.timestampExtractor(),
                deserializer(options.keySerde()), deserializer(options.valueSerde()), topicPattern);
            streamSources.add(topicPattern, name, options.resetPolicy());
            source = name;
        }
        return new KStreamImpl<>(this, source, options.keySerde(), options.valueSerde(), false);
    }

    /** Adds a source table of {@code topic}, materialized only when needed, and returns it. */
    public <K, V> KTable<K, V> table(String topic, Consumed<K, V> consumed) {
        return table(topic, consumed, Materialized.with(null, null));
    }

    /**
     * Adds a source table of {@code topic}, materialized as {@code materialized} says (its serdes win over
     * {@code consumed}'s), and returns it; queryable if the store is named.
     */
    public <K, V> KTable<K, V> table(String topic, Consumed<K, V> consumed,
        Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        ConsumedInternal<K, V> options = new ConsumedInternal<>(consumed);
        JoinOptionsInternal.MaterializedInternal<K, V, KeyValueStore<Bytes, byte[]>> store =
            new JoinOptionsInternal.MaterializedInternal<>(materialized, this, topic + "-");
        Serde<K> keySerde = store.keySerde() != null ? store.keySerde() : options.keySerde();
        Serde<V> valueSerde = store.valueSerde() != null ? store.valueSerde() : options.valueSerde();
        TableSourceNames names = tableSourceNames(options.name());
        String sourceName = names.source();
        String tableSourceName = names.processor();
        topologyBuilder.addSource(sourceName, options.resetPolicy(), options.timestampExtractor(),
            deserializer(keySerde), deserializer(valueSerde), topic);
        return addTableSource(tableSourceName, sourceName, store, keySerde, valueSerde, topic);
    }

    /**
     * Adds table source processor {@code name} under {@code parentName} and returns its table. As in Kafka Streams,
     * the table gets its store (and so its changelog) only if the user named it, or once an operation needs its
     * values ({@link KTableImpl#materializeSource}); until then it forwards every update, uncached.
     *
     * @param topic the topic the table is read from, which {@code reuse.ktable.source.topics} may make the store's
     *     changelog; {@code null} for a stream turned into a table
     */
    <K, V> KTableImpl<K, V> addTableSource(String name, String parentName,
        JoinOptionsInternal.MaterializedInternal<K, V, KeyValueStore<Bytes, byte[]>> store, Serde<K> keySerde,
        Serde<V> valueSerde, String topic) {
        KTableSource<K, V> source = new KTableSource<>(store.storeName());
        topologyBuilder.addProcessor(name, source, parentName);
        SourceStore sourceStore = new SourceStore() {
            @Override
            public void materialize() {
                if (source.materialize()) {
                    topologyBuilder.addStateStore(
                        TimestampedKeyValueStoreMaterializer.sourceTableBuilder(store, keySerde, valueSerde), name);
                    if (topic != null) {
                        optimizer.addTableSource(store.storeName(), topic);
                    }
                }
            }

            @Override
            public boolean materialized() {
                return source.materialized();
            }
        };
        if (store.queryableStoreName() != null) {
            sourceStore.materialize();
        }
        return new KTableImpl<>(this, name, keySerde, valueSerde, store.queryableStoreName(),
            KTableValueGetterSupplier.ofStore(store.storeName()), sourceStore);
    }

    /** Adds a global table of {@code topic} and returns it. */
    public <K, V> GlobalKTable<K, V> globalTable(String topic, Consumed<K, V> consumed) {
        return globalTable(topic, consumed, Materialized.with(null, null));
    }

    /**
     * Adds a global table of {@code topic}, materialized as {@code materialized} says (never logged: the topic is
     * its changelog), and returns it; queryable if the store is named.
     */
    public <K, V> GlobalKTable<K, V> globalTable(String topic, Consumed<K, V> consumed,
        Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        ConsumedInternal<K, V> options = new ConsumedInternal<>(consumed);
        JoinOptionsInternal.MaterializedInternal<K, V, KeyValueStore<Bytes, byte[]>> store =
            new JoinOptionsInternal.MaterializedInternal<>(materialized.withLoggingDisabled(), this, topic + "-");
        Serde<K> keySerde = store.keySerde() != null ? store.keySerde() : options.keySerde();
        Serde<V> valueSerde = store.valueSerde() != null ? store.valueSerde() : options.valueSerde();
        String storeName = store.storeName();
        TableSourceNames names = tableSourceNames(options.name());
        String sourceName = names.source();
        String processorName = names.processor();
        KTableSource<K, V> source = new KTableSource<>(storeName);
        // Global tables are always materialized: joins read them from every task.
        source.materialize();
        topologyBuilder.addGlobalStore(TimestampedKeyValueStoreMaterializer.builder(store, keySerde, valueSerde),
            sourceName, options.timestampExtractor(), deserializer(keySerde), deserializer(valueSerde), topic,
            processorName, source);
        return new GlobalKTableImpl<>(KTableValueGetterSupplier.ofStore(storeName), store.queryableStoreName());
    }

    /** Adds a store that processors connect to by name (KStream#process). */
    public void addStateStore(StoreBuilder<?> builder) {
        topologyBuilder.addStateStore(builder);
    }

    /** Adds a global store filled by {@code stateUpdateSupplier} from {@code topic}. */
    public <K, V> void addGlobalStore(StoreBuilder<?> storeBuilder, String topic, Consumed<K, V> consumed,
        ProcessorSupplier<K, V, Void, Void> stateUpdateSupplier) {
        ConsumedInternal<K, V> options = new ConsumedInternal<>(consumed);
        TableSourceNames names = tableSourceNames(options.name());
        String sourceName = names.source();
        String processorName = names.processor();
        topologyBuilder.addGlobalStore(storeBuilder, sourceName, options.timestampExtractor(),
            deserializer(options.keySerde()), deserializer(options.valueSerde()), topic, processorName,
            stateUpdateSupplier);
    }

    /** Returns the name in {@code named}, or a generated one with {@code prefix}. */
    String name(Named named, String prefix) {
        return new NamedInternal(named).orElseGenerateWithPrefix(this, prefix);
    }

    /**
     * Returns the name in {@code named}, or a generated one with {@code prefix}; a given name takes no index, as in
     * Kafka Streams' process and processValues (most operations' names take one, see {@link #name(String, String)}).
     */
    String nameTakingNoIndex(Named named, String prefix) {
        String name = new NamedInternal(named).name();
        return name != null ? name : newProcessorName(prefix);
    }

    /**
     * Returns {@code name}, or if it is {@code null} a new generated {@code prefix + index} name; either way it takes
     * an index, as Kafka Streams does.
     */
    String name(String name, String prefix) {
        String generated = newProcessorName(prefix);
        return name != null ? name : generated;
    }

    /**
     * Returns {@code base + suffix}, or if {@code base} is {@code null} a new generated {@code prefix + index} name;
     * either way it takes an index, as Kafka Streams does.
     *
     * @throws dev.runnel.streams.errors.TopologyException if the suffix makes the name too long, as Kafka checks it
     */
    String suffixed(String base, String suffix, String prefix) {
        String generated = newProcessorName(prefix);
        return base != null ? NamedInternal.checked(base + suffix) : generated;
    }

    /**
     * Returns the names of a table's source node and table source processor: {@code name + "-source"} and
     * {@code name}, or two generated ones, as Kafka Streams names them.
     */
    private TableSourceNames tableSourceNames(String name) {
        String sourceName = suffixed(name, "-source", KStreamImpl.SOURCE_NAME);
        return new TableSourceNames(sourceName, name(name, KTABLE_SOURCE_NAME));
    }

    /** The names of a table's source node and of its table source processor. */
    private record TableSourceNames(String source, String processor) {
    }

    private static <T> Deserializer<T> deserializer(Serde<T> serde) {
        return serde == null ? null : serde.deserializer();
    }
}
