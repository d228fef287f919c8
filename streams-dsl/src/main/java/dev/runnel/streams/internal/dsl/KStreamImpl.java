package dev.runnel.streams.internal.dsl;

import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.common.utils.Bytes;
import dev.runnel.common.serialization.Serde;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.serialization.Serializer;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.internal.dsl.JoinOptionsInternal.JoinedInternal;
import dev.runnel.streams.internal.dsl.JoinOptionsInternal.RepartitionedInternal;
import dev.runnel.streams.internal.dsl.OptionsInternal.NamedInternal;
import dev.runnel.streams.internal.dsl.OptionsInternal.ProducedInternal;
import dev.runnel.streams.kstream.BranchedKStream;
import dev.runnel.streams.kstream.ForeachAction;
import dev.runnel.streams.kstream.Grouped;
import dev.runnel.streams.kstream.KGroupedStream;
import dev.runnel.streams.kstream.GlobalKTable;
import dev.runnel.streams.kstream.JoinWindows;
import dev.runnel.streams.kstream.Joined;
import dev.runnel.streams.kstream.KStream;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.kstream.KeyValueMapper;
import dev.runnel.streams.kstream.Named;
import dev.runnel.streams.kstream.Predicate;
import dev.runnel.streams.kstream.Printed;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.kstream.Repartitioned;
import dev.runnel.streams.kstream.StreamJoined;
import dev.runnel.streams.kstream.ValueJoiner;
import dev.runnel.streams.kstream.ValueJoinerWithKey;
import dev.runnel.streams.kstream.ValueMapper;
import dev.runnel.streams.kstream.ValueMapperWithKey;
import dev.runnel.streams.processor.StreamPartitioner;
import dev.runnel.streams.processor.TopicNameExtractor;
import dev.runnel.streams.processor.api.FixedKeyProcessorSupplier;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import dev.runnel.streams.state.Stores;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A stream in the DSL: the node whose output it is, the serdes known for it (null = unknown, use the defaults), and
 * whether its keys may have changed since the source ({@link #repartitionRequired()}), which a later grouping or join
 * must answer with a repartition topic. Each operation adds one node through {@link #addOperator}. Not thread-safe.
 */
public final class KStreamImpl<K, V> implements KStream<K, V> {
    /** Prefix of source nodes. */
    public static final String SOURCE_NAME = "KSTREAM-SOURCE-";
    /** Prefix of filter and filterNot nodes. */
    public static final String FILTER_NAME = "KSTREAM-FILTER-";
    /** Prefix of map nodes. */
    public static final String MAP_NAME = "KSTREAM-MAP-";
    /** Prefix of mapValues nodes. */
    public static final String MAPVALUES_NAME = "KSTREAM-MAPVALUES-";
    /** Prefix of flatMap nodes. */
    public static final String FLATMAP_NAME = "KSTREAM-FLATMAP-";
    /** Prefix of flatMapValues nodes. */
    public static final String FLATMAPVALUES_NAME = "KSTREAM-FLATMAPVALUES-";
    /** Prefix of selectKey nodes. */
    public static final String KEY_SELECT_NAME = "KSTREAM-KEY-SELECT-";
    /** Prefix of peek nodes. */
    public static final String PEEK_NAME = "KSTREAM-PEEK-";
    /** Prefix of foreach nodes. */
    public static final String FOREACH_NAME = "KSTREAM-FOREACH-";
    static final String PRINTING_NAME = "KSTREAM-PRINTER-";
    /** Prefix of split nodes. */
    public static final String BRANCH_NAME = "KSTREAM-BRANCH-";
    public static final String BRANCHCHILD_NAME = "KSTREAM-BRANCHCHILD-";
    /** Prefix of merge nodes. */
    public static final String MERGE_NAME = "KSTREAM-MERGE-";
    /** Prefix of sink nodes. */
    public static final String SINK_NAME = "KSTREAM-SINK-";
    /** Prefix of process nodes. */
    public static final String PROCESSOR_NAME = "KSTREAM-PROCESSOR-";
    /** Prefix of processValues nodes. */
    public static final String PROCESSVALUES_NAME = "KSTREAM-PROCESSVALUES-";

    private final InternalStreamsBuilder builder;
    private final String name;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final boolean repartitionRequired;
    /** The stream read back through the repartition topic this stream's last join added; {@code null} until then. */
    private KStreamImpl<K, V> joinRepartition;

    /** Creates the stream handle of node {@code name}. */
    public KStreamImpl(InternalStreamsBuilder builder, String name, Serde<K> keySerde, Serde<V> valueSerde,
        boolean repartitionRequired) {
        this.builder = builder;
        this.name = name;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.repartitionRequired = repartitionRequired;
    }

    /** Returns the builder this stream belongs to. */
    public InternalStreamsBuilder builder() {
        return builder;
    }

    /** Returns the name of the node whose output this stream is. */
    public String name() {
        return name;
    }

    /** Returns the key serde, or {@code null} if unknown. */
    public Serde<K> keySerde() {
        return keySerde;
    }

    /** Returns the value serde, or {@code null} if unknown. */
    public Serde<V> valueSerde() {
        return valueSerde;
    }

    /** Returns whether keys may have changed since the source, so grouping or joining needs a repartition topic. */
    public boolean repartitionRequired() {
        return repartitionRequired;
    }

    /**
     * Adds a processor node fed by this stream and returns the stream of its output: the extension point of every
     * operator. Stores are connected with {@code builder().topologyBuilder().connectProcessorAndStateStores}.
     *
     * @param operatorName the node name (from {@link InternalStreamsBuilder#name} or the plan)
     * @param keySerde the output key serde if known, else {@code null}
     * @param valueSerde the output value serde if known, else {@code null}
     * @param keyChanging whether the operator may change keys
     */
    public <KR, VR> KStreamImpl<KR, VR> addOperator(String operatorName,
        ProcessorSupplier<? super K, ? super V, KR, VR> supplier, Serde<KR> keySerde, Serde<VR> valueSerde,
        boolean keyChanging) {
        builder.topologyBuilder().addProcessor(operatorName, supplier, name);
        if (keyChanging) {
            builder.optimizer().addKeyChangingNode(operatorName);
        }
        return new KStreamImpl<>(builder, operatorName, keySerde, valueSerde, repartitionRequired || keyChanging);
    }

    /** Adds a fixed-key operator that changes values: no repartition after it merges with one above it. */
    private <VR> KStreamImpl<K, VR> addValueChangingOperator(String operatorName,
        FixedKeyProcessorSupplier<? super K, ? super V, VR> supplier) {
        builder.optimizer().addValueChangingNode(operatorName);
        return addFixedKeyOperator(operatorName, supplier, null);
    }

    private <VR> KStreamImpl<K, VR> addFixedKeyOperator(String operatorName,
        FixedKeyProcessorSupplier<? super K, ? super V, VR> supplier, Serde<VR> outValueSerde) {
        builder.topologyBuilder().addFixedKeyProcessor(operatorName, supplier, name);
        return new KStreamImpl<>(builder, operatorName, keySerde, outValueSerde, repartitionRequired);
    }

    @Override
    public KStream<K, V> filter(Predicate<? super K, ? super V> predicate) {
        return filter(predicate, NamedInternal.empty());
    }

    @Override
    public KStream<K, V> filter(Predicate<? super K, ? super V> predicate, Named named) {
        Objects.requireNonNull(predicate, "predicate cannot be null");
        Objects.requireNonNull(named, "named cannot be null");
        return addOperator(builder.name(named, FILTER_NAME), new Operators.KStreamFilter<K, V>(predicate, false),
            keySerde, valueSerde, false);
    }

    @Override
    public KStream<K, V> filterNot(Predicate<? super K, ? super V> predicate) {
        return filterNot(predicate, NamedInternal.empty());
    }

    @Override
    public KStream<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named) {
        Objects.requireNonNull(predicate, "predicate cannot be null");
        Objects.requireNonNull(named, "named cannot be null");
        return addOperator(builder.name(named, FILTER_NAME), new Operators.KStreamFilter<K, V>(predicate, true),
            keySerde, valueSerde, false);
    }

    @Override
    public <KR> KStream<KR, V> selectKey(KeyValueMapper<? super K, ? super V, ? extends KR> mapper) {
        return selectKey(mapper, NamedInternal.empty());
    }

    @Override
    public <KR> KStream<KR, V> selectKey(KeyValueMapper<? super K, ? super V, ? extends KR> mapper, Named named) {
        Objects.requireNonNull(mapper, "mapper cannot be null");
        Objects.requireNonNull(named, "named cannot be null");
        KeyValueMapper<K, V, KeyValue<KR, V>> pair = (key, value) -> KeyValue.pair(mapper.apply(key, value), value);
        return addOperator(builder.name(named, KEY_SELECT_NAME), new Operators.KStreamMap<K, V, KR, V>(pair), null,
            valueSerde, true);
    }

    @Override
    public <KR, VR> KStream<KR, VR> map(
        KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> mapper) {
        return map(mapper, NamedInternal.empty());
    }

    @Override
    public <KR, VR> KStream<KR, VR> map(
        KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> mapper, Named named) {
        Objects.requireNonNull(mapper, "mapper cannot be null");
        Objects.requireNonNull(named, "named cannot be null");
        return addOperator(builder.name(named, MAP_NAME), new Operators.KStreamMap<K, V, KR, VR>(mapper), null, null,
            true);
    }

    @Override
    public <VR> KStream<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper) {
        return mapValues(mapper, NamedInternal.empty());
    }

    @Override
    public <VR> KStream<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named) {
        Objects.requireNonNull(mapper, "mapper cannot be null");
        Objects.requireNonNull(named, "named cannot be null");
        return mapValues((ValueMapperWithKey<K, V, VR>) (key, value) -> mapper.apply(value), named);
    }

    @Override
    public <VR> KStream<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper) {
        return mapValues(mapper, NamedInternal.empty());
    }

    @Override
    public <VR> KStream<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper,
        Named named) {
        Objects.requireNonNull(mapper, "mapper cannot be null");
        Objects.requireNonNull(named, "named cannot be null");
        return addValueChangingOperator(builder.name(named, MAPVALUES_NAME),
            new Operators.KStreamMapValues<K, V, VR>(mapper));
    }

    @Override
    public <KR, VR> KStream<KR, VR> flatMap(KeyValueMapper<? super K, ? super V,
        ? extends Iterable<? extends KeyValue<? extends KR, ? extends VR>>> mapper) {
        return flatMap(mapper, NamedInternal.empty());
    }

    @Override
    public <KR, VR> KStream<KR, VR> flatMap(
        KeyValueMapper<? super K, ? super V, ? extends Iterable<? extends KeyValue<? extends KR, ? extends VR>>> mapper,
        Named named) {
        Objects.requireNonNull(mapper, "mapper cannot be null");
        Objects.requireNonNull(named, "named cannot be null");
        return addOperator(builder.name(named, FLATMAP_NAME), new Operators.KStreamFlatMap<K, V, KR, VR>(mapper), null,
            null, true);
    }

    @Override
    public <VR> KStream<K, VR> flatMapValues(ValueMapper<? super V, ? extends Iterable<? extends VR>> mapper) {
        return flatMapValues(mapper, NamedInternal.empty());
    }

    @Override
    public <VR> KStream<K, VR> flatMapValues(ValueMapper<? super V, ? extends Iterable<? extends VR>> mapper,
        Named named) {
        Objects.requireNonNull(mapper, "mapper cannot be null");
        Objects.requireNonNull(named, "named cannot be null");
        return flatMapValues((ValueMapperWithKey<K, V, Iterable<? extends VR>>) (key, value) -> mapper.apply(value),
            named);
    }

    @Override
    public <VR> KStream<K, VR> flatMapValues(
        ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VR>> mapper) {
        return flatMapValues(mapper, NamedInternal.empty());
    }

    @Override
    public <VR> KStream<K, VR> flatMapValues(
        ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VR>> mapper, Named named) {
        Objects.requireNonNull(mapper, "mapper cannot be null");
        Objects.requireNonNull(named, "named cannot be null");
        return addValueChangingOperator(builder.name(named, FLATMAPVALUES_NAME),
            new Operators.KStreamFlatMapValues<K, V, VR>(mapper));
    }

    @Override
    public KStream<K, V> peek(ForeachAction<? super K, ? super V> action) {
        return peek(action, NamedInternal.empty());
    }

    @Override
    public KStream<K, V> peek(ForeachAction<? super K, ? super V> action, Named named) {
        Objects.requireNonNull(action, "action cannot be null");
        Objects.requireNonNull(named, "named cannot be null");
        return addFixedKeyOperator(builder.name(named, PEEK_NAME), new Operators.KStreamPeek<K, V>(action, true),
            valueSerde);
    }

    @Override
    public void print(Printed<K, V> printed) {
        Objects.requireNonNull(printed, "printed cannot be null");
        String printName = builder.name(new KStreamPrint<>(printed, null).named(), PRINTING_NAME);
        addFixedKeyOperator(printName, new KStreamPrint<>(printed, printName), null);
    }

    @Override
    public void foreach(ForeachAction<? super K, ? super V> action) {
        foreach(action, NamedInternal.empty());
    }

    @Override
    public void foreach(ForeachAction<? super K, ? super V> action, Named named) {
        Objects.requireNonNull(action, "action cannot be null");
        Objects.requireNonNull(named, "named cannot be null");
        addFixedKeyOperator(builder.name(named, FOREACH_NAME), new Operators.KStreamPeek<K, V>(action, false),
            valueSerde);
    }

    @Override
    public BranchedKStream<K, V> split() {
        return split(NamedInternal.empty());
    }

    @Override
    public BranchedKStream<K, V> split(Named named) {
        Objects.requireNonNull(named, "named cannot be null");
        return new BranchedKStreamImpl<>(this, builder.name(named, BRANCH_NAME));
    }

    @Override
    public KStream<K, V> merge(KStream<K, V> stream) {
        return merge(stream, NamedInternal.empty());
    }

    @Override
    public KStream<K, V> merge(KStream<K, V> stream, Named named) {
        Objects.requireNonNull(stream, "otherStream cannot be null");
        Objects.requireNonNull(named, "named cannot be null");
        KStreamImpl<K, V> other = (KStreamImpl<K, V>) stream;
        if (other.builder != builder) {
            throw new IllegalArgumentException("Cannot merge streams of different StreamsBuilders");
        }
        String mergeName = builder.name(named, MERGE_NAME);
        builder.topologyBuilder().addProcessor(mergeName, new Operators.KStreamPassThrough<K, V>(), name, other.name);
        return new KStreamImpl<>(builder, mergeName, null, null, repartitionRequired || other.repartitionRequired);
    }

    @Override
    public void to(String topic) {
        to(topic, Produced.with(keySerde, valueSerde));
    }

    @Override
    public void to(String topic, Produced<K, V> produced) {
        Objects.requireNonNull(topic, "topic cannot be null");
        addSink(topic, null, produced);
    }

    @Override
    public void to(TopicNameExtractor<K, V> topicExtractor) {
        to(topicExtractor, Produced.with(keySerde, valueSerde));
    }

    @Override
    public void to(TopicNameExtractor<K, V> topicExtractor, Produced<K, V> produced) {
        Objects.requireNonNull(topicExtractor, "topicExtractor cannot be null");
        addSink(null, topicExtractor, produced);
    }

    private void addSink(String topic, TopicNameExtractor<K, V> extractor, Produced<K, V> produced) {
        ProducedInternal<K, V> options =
            new ProducedInternal<>(Objects.requireNonNull(produced, "produced cannot be null"));
        Serde<K> sinkKeySerde = options.keySerde() != null ? options.keySerde() : keySerde;
        Serde<V> sinkValueSerde = options.valueSerde() != null ? options.valueSerde() : valueSerde;
        String sinkName = builder.name(options.name(), SINK_NAME);
        StreamPartitioner<? super K, ? super V> partitioner = options.partitioner();
        builder.topologyBuilder().addSink(sinkName, topic, extractor, serializer(sinkKeySerde),
            serializer(sinkValueSerde), partitioner, name);
    }

    private static <T> Serializer<T> serializer(Serde<T> serde) {
        return serde == null ? null : serde.serializer();
    }

    @Override
    public <KOut, VOut> KStream<KOut, VOut> process(
        ProcessorSupplier<? super K, ? super V, KOut, VOut> processorSupplier, String... stateStoreNames) {
        return process(processorSupplier, NamedInternal.empty(), stateStoreNames);
    }

    @Override
    public <KOut, VOut> KStream<KOut, VOut> process(
        ProcessorSupplier<? super K, ? super V, KOut, VOut> processorSupplier, Named named,
        String... stateStoreNames) {
        Objects.requireNonNull(processorSupplier, "processorSupplier cannot be null");
        Objects.requireNonNull(named, "named cannot be null");
        String processorName = builder.nameTakingNoIndex(named, PROCESSOR_NAME);
        KStreamImpl<KOut, VOut> result = addOperator(processorName, processorSupplier, null, null, true);
        builder.topologyBuilder().connectProcessorAndStateStores(processorName, stateStoreNames);
        return result;
    }

    @Override
    public <VOut> KStream<K, VOut> processValues(
        FixedKeyProcessorSupplier<? super K, ? super V, VOut> processorSupplier, String... stateStoreNames) {
        return processValues(processorSupplier, NamedInternal.empty(), stateStoreNames);
    }

    @Override
    public <VOut> KStream<K, VOut> processValues(
        FixedKeyProcessorSupplier<? super K, ? super V, VOut> processorSupplier, Named named,
        String... stateStoreNames) {
        Objects.requireNonNull(processorSupplier, "processorSupplier cannot be null");
        Objects.requireNonNull(named, "named cannot be null");
        String processorName = builder.nameTakingNoIndex(named, PROCESSVALUES_NAME);
        KStreamImpl<K, VOut> result = addValueChangingOperator(processorName, processorSupplier);
        builder.topologyBuilder().connectProcessorAndStateStores(processorName, stateStoreNames);
        return result;
    }

    @Override
    public KGroupedStream<K, V> groupByKey() {
        return groupByKey(Grouped.with(null, null));
    }

    @Override
    public KGroupedStream<K, V> groupByKey(Grouped<K, V> grouped) {
        Objects.requireNonNull(grouped, "grouped cannot be null");
        return new KGroupedStreamImpl<>(this, new GroupedInternal<>(grouped), repartitionRequired);
    }

    @Override
    public <KR> KGroupedStream<KR, V> groupBy(KeyValueMapper<? super K, ? super V, KR> keySelector) {
        return groupBy(keySelector, Grouped.with(null, null));
    }

    @Override
    public <KR> KGroupedStream<KR, V> groupBy(KeyValueMapper<? super K, ? super V, KR> keySelector,
        Grouped<KR, V> grouped) {
        Objects.requireNonNull(keySelector, "keySelector cannot be null");
        Objects.requireNonNull(grouped, "grouped cannot be null");
        GroupedInternal<KR, V> options = new GroupedInternal<>(grouped);
        // As in Kafka Streams, the grouping's name names the key selection's processor (checked as one).
        Named selectName = options.name() == null ? NamedInternal.empty() : Named.as(options.name());
        KStreamImpl<KR, V> selected = (KStreamImpl<KR, V>) selectKey(keySelector, selectName);
        return new KGroupedStreamImpl<>(selected, options, true);
    }

    // ---- repartitioning and joins with tables (KStreamJoins holds the stream-stream joins)

    /** Prefix of stream-table and stream-globalTable inner join nodes. */
    public static final String JOIN_NAME = "KSTREAM-JOIN-";
    /** Prefix of stream-table and stream-globalTable left join nodes. */
    public static final String LEFTJOIN_NAME = "KSTREAM-LEFTJOIN-";

    @Override
    public KStream<K, V> repartition() {
        return repartition(Repartitioned.with(keySerde, valueSerde));
    }

    @Override
    public KStream<K, V> repartition(Repartitioned<K, V> repartitioned) {
        RepartitionedInternal<K, V> options = new RepartitionedInternal<>(
            Objects.requireNonNull(repartitioned, "repartitioned cannot be null"));
        String prefix = options.name() != null ? options.name()
            : builder.newProcessorName(Repartitioning.REPARTITION_NAME);
        return Repartitioning.repartition(this, prefix,
            options.keySerde() != null ? options.keySerde() : keySerde,
            options.valueSerde() != null ? options.valueSerde() : valueSerde,
            options.partitioner(), options.numberOfPartitions());
    }

    /**
     * Returns this stream, or, if its keys may have changed, this stream read back through the repartition topic
     * {@code <prefix>-repartition}: the step every join and grouping takes first.
     */
    public KStreamImpl<K, V> repartitionIfRequired(String prefix, Serde<K> keySerdeOverride,
        Serde<V> valueSerdeOverride) {
        if (!repartitionRequired) {
            return this;
        }
        Serde<K> repartitionKeySerde = keySerdeOverride != null ? keySerdeOverride : keySerde;
        Serde<V> repartitionValueSerde = valueSerdeOverride != null ? valueSerdeOverride : valueSerde;
        builder.optimizer().addRepartition(name, prefix.endsWith(Repartitioning.REPARTITION_TOPIC_SUFFIX) ? prefix
            : prefix + Repartitioning.REPARTITION_TOPIC_SUFFIX, repartitionKeySerde, repartitionValueSerde);
        return Repartitioning.repartition(this, prefix, repartitionKeySerde, repartitionValueSerde, null, null);
    }

    /**
     * As {@link #repartitionIfRequired}, for a join: as in Kafka Streams, a join without a name of its own (its prefix
     * is this stream's name) reads the repartition topic the stream's last join added, if there is one, and still
     * takes the indexes of the repartition nodes' generated names.
     */
    KStreamImpl<K, V> repartitionForJoin(String prefix, Serde<K> keySerdeOverride, Serde<V> valueSerdeOverride) {
        if (!repartitionRequired) {
            return this;
        }
        if (joinRepartition != null && prefix.equals(name)) {
            Repartitioning.generatedNames(builder);
            return new KStreamImpl<>(builder, joinRepartition.name, keySerdeOverride != null ? keySerdeOverride
                : keySerde, valueSerdeOverride != null ? valueSerdeOverride : valueSerde, false);
        }
        joinRepartition = repartitionIfRequired(prefix, keySerdeOverride, valueSerdeOverride);
        return joinRepartition;
    }

    @Override
    public <VT, VR> KStream<K, VR> join(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner) {
        return join(table, withKey(joiner), Joined.with(null, null, null));
    }

    @Override
    public <VT, VR> KStream<K, VR> join(KTable<K, VT> table,
        ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner) {
        return join(table, joiner, Joined.with(null, null, null));
    }

    @Override
    public <VT, VR> KStream<K, VR> join(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner,
        Joined<K, V, VT> joined) {
        return join(table, withKey(joiner), joined);
    }

    @Override
    public <VT, VR> KStream<K, VR> join(KTable<K, VT> table,
        ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner, Joined<K, V, VT> joined) {
        return doTableJoin(table, joiner, joined, false);
    }

    @Override
    public <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table,
        ValueJoiner<? super V, ? super VT, ? extends VR> joiner) {
        return leftJoin(table, withKey(joiner), Joined.with(null, null, null));
    }

    @Override
    public <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table,
        ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner) {
        return leftJoin(table, joiner, Joined.with(null, null, null));
    }

    @Override
    public <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table,
        ValueJoiner<? super V, ? super VT, ? extends VR> joiner, Joined<K, V, VT> joined) {
        return leftJoin(table, withKey(joiner), joined);
    }

    @Override
    public <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table,
        ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner, Joined<K, V, VT> joined) {
        return doTableJoin(table, joiner, joined, true);
    }

    /** Returns {@code joiner} as a joiner that ignores the key. */
    static <K, V1, V2, VR> ValueJoinerWithKey<K, V1, V2, VR> withKey(
        ValueJoiner<? super V1, ? super V2, ? extends VR> joiner) {
        Objects.requireNonNull(joiner, "joiner cannot be null");
        return (key, value1, value2) -> joiner.apply(value1, value2);
    }

    private <VT, VR> KStream<K, VR> doTableJoin(KTable<K, VT> table,
        ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner, Joined<K, V, VT> joined,
        boolean leftJoin) {
        Objects.requireNonNull(table, "table cannot be null");
        Objects.requireNonNull(joiner, "joiner cannot be null");
        JoinedInternal<K, V, VT> options =
            new JoinedInternal<>(Objects.requireNonNull(joined, "joined cannot be null"));
        KTableImpl<K, VT> tableImpl = (KTableImpl<K, VT>) table;
        KStreamImpl<K, V> input = repartitionForJoin(options.name() != null ? options.name() : name,
            options.keySerde(), options.valueSerde());
        String joinName = builder.name(options.name(), leftJoin ? LEFTJOIN_NAME : JOIN_NAME);
        KTableValueGetterSupplier<K, VT> getter = tableImpl.valueGetterSupplier();
        String bufferName = null;
        long graceMs = 0L;
        if (options.gracePeriod() != null) {
            graceMs = checkedGraceMs(options.gracePeriod(), getter.storeNames(), joinName);
            bufferName = joinName + "-Buffer";
        }
        KStreamImpl<K, VR> result = input.addOperator(joinName, new KStreamKTableJoin<K, K, V, VT, VR>(getter, null,
            joiner, leftJoin, bufferName, graceMs, input.keySerde,
            options.valueSerde() != null ? options.valueSerde() : input.valueSerde), input.keySerde, null, false);
        builder.topologyBuilder().connectProcessorAndStateStores(joinName, getter.storeNames().toArray(new String[0]));
        if (bufferName != null) {
            builder.topologyBuilder().addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(
                bufferName), Serdes.Bytes(), Serdes.ByteArray()), joinName);
        }
        builder.topologyBuilder().copartition(Set.of(joinName, tableImpl.name()), "stream-table join " + joinName);
        if (leftJoin) {
            builder.nullKeyRepartitions().addRelaxedJoin(joinName);
        }
        return result;
    }

    /**
     * Returns the grace period in ms of a stream-table join, after checking that the table's stores are versioned and
     * keep at least that much history (KIP-923), with Kafka Streams' messages.
     */
    private long checkedGraceMs(Duration gracePeriod, Set<String> tableStores, String joinName) {
        long graceMs = gracePeriod.toMillis();
        for (String store : tableStores) {
            OptionalLong history = builder.topologyBuilder().historyRetentionMs(store);
            if (history.isEmpty()) {
                throw new IllegalArgumentException("KTable must be versioned to use a grace period in a stream table"
                    + " join.");
            }
            if (graceMs > history.getAsLong()) {
                throw new IllegalArgumentException("History retention must be at least grace period.");
            }
        }
        if (graceMs < 0) {
            throw new IllegalArgumentException("The grace period of join " + joinName + " must not be negative: "
                + gracePeriod);
        }
        return graceMs;
    }

    @Override
    public <GK, GV, RV> KStream<K, RV> join(GlobalKTable<GK, GV> globalTable,
        KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
        ValueJoiner<? super V, ? super GV, ? extends RV> joiner) {
        return doGlobalTableJoin(globalTable, keySelector, withKey(joiner), NamedInternal.empty(), false);
    }

    @Override
    public <GK, GV, RV> KStream<K, RV> join(GlobalKTable<GK, GV> globalTable,
        KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
        ValueJoinerWithKey<? super K, ? super V, ? super GV, ? extends RV> joiner) {
        return doGlobalTableJoin(globalTable, keySelector, joiner, NamedInternal.empty(), false);
    }

    @Override
    public <GK, GV, RV> KStream<K, RV> join(GlobalKTable<GK, GV> globalTable,
        KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
        ValueJoiner<? super V, ? super GV, ? extends RV> joiner, Named named) {
        return doGlobalTableJoin(globalTable, keySelector, withKey(joiner), named, false);
    }

    @Override
    public <GK, GV, RV> KStream<K, RV> join(GlobalKTable<GK, GV> globalTable,
        KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
        ValueJoinerWithKey<? super K, ? super V, ? super GV, ? extends RV> joiner, Named named) {
        return doGlobalTableJoin(globalTable, keySelector, joiner, named, false);
    }

    @Override
    public <GK, GV, RV> KStream<K, RV> leftJoin(GlobalKTable<GK, GV> globalTable,
        KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
        ValueJoiner<? super V, ? super GV, ? extends RV> joiner) {
        return doGlobalTableJoin(globalTable, keySelector, withKey(joiner), NamedInternal.empty(), true);
    }

    @Override
    public <GK, GV, RV> KStream<K, RV> leftJoin(GlobalKTable<GK, GV> globalTable,
        KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
        ValueJoinerWithKey<? super K, ? super V, ? super GV, ? extends RV> joiner) {
        return doGlobalTableJoin(globalTable, keySelector, joiner, NamedInternal.empty(), true);
    }

    @Override
    public <GK, GV, RV> KStream<K, RV> leftJoin(GlobalKTable<GK, GV> globalTable,
        KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
        ValueJoiner<? super V, ? super GV, ? extends RV> joiner, Named named) {
        return doGlobalTableJoin(globalTable, keySelector, withKey(joiner), named, true);
    }

    @Override
    public <GK, GV, RV> KStream<K, RV> leftJoin(GlobalKTable<GK, GV> globalTable,
        KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
        ValueJoinerWithKey<? super K, ? super V, ? super GV, ? extends RV> joiner, Named named) {
        return doGlobalTableJoin(globalTable, keySelector, joiner, named, true);
    }

    private <GK, GV, RV> KStream<K, RV> doGlobalTableJoin(GlobalKTable<GK, GV> globalTable,
        KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
        ValueJoinerWithKey<? super K, ? super V, ? super GV, ? extends RV> joiner, Named named, boolean leftJoin) {
        Objects.requireNonNull(globalTable, "globalTable cannot be null");
        Objects.requireNonNull(keySelector, "keySelector cannot be null");
        Objects.requireNonNull(joiner, "joiner cannot be null");
        Objects.requireNonNull(named, "named cannot be null");
        GlobalKTableImpl<GK, GV> table = (GlobalKTableImpl<GK, GV>) globalTable;
        // Kafka Streams names an inner join with a global table KSTREAM-LEFTJOIN- too.
        String joinName = builder.name(named, LEFTJOIN_NAME);
        if (leftJoin) {
            builder.nullKeyRepartitions().addRelaxedJoin(joinName);
        }
        return addOperator(joinName, new KStreamKTableJoin<K, GK, V, GV, RV>(table.valueGetterSupplier(),
            keySelector, joiner, leftJoin), keySerde, null, false);
    }

    @Override
    public <VO, VR> KStream<K, VR> join(KStream<K, VO> otherStream,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, JoinWindows windows) {
        return join(otherStream, withKey(joiner), windows, StreamJoined.with(null, null, null));
    }

    @Override
    public <VO, VR> KStream<K, VR> join(KStream<K, VO> otherStream,
        ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner, JoinWindows windows) {
        return join(otherStream, joiner, windows, StreamJoined.with(null, null, null));
    }

    @Override
    public <VO, VR> KStream<K, VR> join(KStream<K, VO> otherStream,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, JoinWindows windows,
        StreamJoined<K, V, VO> streamJoined) {
        return join(otherStream, withKey(joiner), windows, streamJoined);
    }

    @Override
    public <VO, VR> KStream<K, VR> join(KStream<K, VO> otherStream,
        ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner, JoinWindows windows,
        StreamJoined<K, V, VO> streamJoined) {
        return KStreamJoins.join(this, (KStreamImpl<K, VO>) otherStream, joiner, windows, streamJoined, false,
            false);
    }

    @Override
    public <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> otherStream,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, JoinWindows windows) {
        return leftJoin(otherStream, withKey(joiner), windows, StreamJoined.with(null, null, null));
    }

    @Override
    public <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> otherStream,
        ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner, JoinWindows windows) {
        return leftJoin(otherStream, joiner, windows, StreamJoined.with(null, null, null));
    }

    @Override
    public <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> otherStream,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, JoinWindows windows,
        StreamJoined<K, V, VO> streamJoined) {
        return leftJoin(otherStream, withKey(joiner), windows, streamJoined);
    }

    @Override
    public <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> otherStream,
        ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner, JoinWindows windows,
        StreamJoined<K, V, VO> streamJoined) {
        return KStreamJoins.join(this, (KStreamImpl<K, VO>) otherStream, joiner, windows, streamJoined, true,
            false);
    }

    @Override
    public <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> otherStream,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, JoinWindows windows) {
        return outerJoin(otherStream, withKey(joiner), windows, StreamJoined.with(null, null, null));
    }

    @Override
    public <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> otherStream,
        ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner, JoinWindows windows) {
        return outerJoin(otherStream, joiner, windows, StreamJoined.with(null, null, null));
    }

    @Override
    public <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> otherStream,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, JoinWindows windows,
        StreamJoined<K, V, VO> streamJoined) {
        return outerJoin(otherStream, withKey(joiner), windows, streamJoined);
    }

    @Override
    public <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> otherStream,
        ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner, JoinWindows windows,
        StreamJoined<K, V, VO> streamJoined) {
        return KStreamJoins.join(this, (KStreamImpl<K, VO>) otherStream, joiner, windows, streamJoined, true,
            true);
    }

    // ---- toTable

    /** Prefix of toTable nodes and their stores. */
    public static final String TOTABLE_NAME = "KSTREAM-TOTABLE-";

    @Override
    public KTable<K, V> toTable() {
        return toTable(NamedInternal.empty(), Materialized.with(null, null));
    }

    @Override
    public KTable<K, V> toTable(Named named) {
        return toTable(named, Materialized.with(null, null));
    }

    @Override
    public KTable<K, V> toTable(Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return toTable(NamedInternal.empty(), materialized);
    }

    /**
     * Turns the stream into a table, as a source table does: each record upserts its key, a null value deletes it,
     * records with a null key are dropped; materialized only when needed, as a source table. A stream whose key may
     * have changed is repartitioned first.
     */
    @Override
    public KTable<K, V> toTable(Named named, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(named, "named cannot be null");
        Objects.requireNonNull(materialized, "materialized cannot be null");
        // The processor takes its index before the store, as in Kafka Streams.
        String processorName = builder.name(named, TOTABLE_NAME);
        JoinOptionsInternal.MaterializedInternal<K, V, KeyValueStore<Bytes, byte[]>> store =
            new JoinOptionsInternal.MaterializedInternal<>(materialized, builder, TOTABLE_NAME);
        Serde<K> tableKeySerde = store.keySerde() != null ? store.keySerde() : keySerde;
        Serde<V> tableValueSerde = store.valueSerde() != null ? store.valueSerde() : valueSerde;
        KStreamImpl<K, V> source = repartitionIfRequired(processorName, tableKeySerde, tableValueSerde);
        return builder.addTableSource(processorName, source.name(), store, tableKeySerde, tableValueSerde, null);
    }
}
