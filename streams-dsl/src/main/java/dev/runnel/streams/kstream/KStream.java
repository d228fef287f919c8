package dev.runnel.streams.kstream;

import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.KeyValue;
import dev.runnel.streams.processor.TopicNameExtractor;
import dev.runnel.streams.processor.api.FixedKeyProcessorSupplier;
import dev.runnel.streams.processor.api.ProcessorSupplier;

/**
 * An unbounded stream of records, each processed independently. Operations return new streams and add one processor
 * each to the topology, named {@code KSTREAM-<OP>-<index>} unless a {@link Named} is given.
 *
 * <pre>{@code
 * builder.stream("orders", Consumed.with(Serdes.String(), Serdes.Long()))
 *     .filter((customer, amount) -> amount > 100)
 *     .mapValues(amount -> amount * 2)
 *     .to("big-orders", Produced.with(Serdes.String(), Serdes.Long()));
 * }</pre>
 *
 * <p>Key-changing operations ({@link #selectKey}, {@link #map}, {@link #flatMap}, {@link #process}) mark the result
 * for repartitioning before a later grouping or join.
 */
public interface KStream<K, V> {
    /** Keeps the records that pass {@code predicate}. */
    KStream<K, V> filter(Predicate<? super K, ? super V> predicate);

    /** Keeps the records that pass {@code predicate}, naming the processor. */
    KStream<K, V> filter(Predicate<? super K, ? super V> predicate, Named named);

    /** Keeps the records that fail {@code predicate}. */
    KStream<K, V> filterNot(Predicate<? super K, ? super V> predicate);

    /** Keeps the records that fail {@code predicate}, naming the processor. */
    KStream<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named);

    /** Replaces each key with {@code mapper}'s result; values are unchanged. Marks the stream for repartitioning. */
    <KR> KStream<KR, V> selectKey(KeyValueMapper<? super K, ? super V, ? extends KR> mapper);

    /** Replaces each key, naming the processor. */
    <KR> KStream<KR, V> selectKey(KeyValueMapper<? super K, ? super V, ? extends KR> mapper, Named named);

    /** Replaces each record with the pair {@code mapper} returns. Marks the stream for repartitioning. */
    <KR, VR> KStream<KR, VR> map(KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>>
        mapper);

    /** Replaces each record with the pair {@code mapper} returns, naming the processor. */
    <KR, VR> KStream<KR, VR> map(KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>>
        mapper, Named named);

    /** Replaces each value; keys are unchanged, so no repartitioning is needed. */
    <VR> KStream<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper);

    /** Replaces each value, naming the processor. */
    <VR> KStream<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named);

    /** Replaces each value using the key too (which must not be modified). */
    <VR> KStream<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper);

    /** Replaces each value using the key too, naming the processor. */
    <VR> KStream<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, Named named);

    /** Replaces each record with zero or more pairs, in iteration order. Marks the stream for repartitioning. */
    <KR, VR> KStream<KR, VR> flatMap(KeyValueMapper<? super K, ? super V,
        ? extends Iterable<? extends KeyValue<? extends KR, ? extends VR>>> mapper);

    /** Replaces each record with zero or more pairs, naming the processor. */
    <KR, VR> KStream<KR, VR> flatMap(
        KeyValueMapper<? super K, ? super V, ? extends Iterable<? extends KeyValue<? extends KR, ? extends VR>>> mapper,
        Named named);

    /** Replaces each record with zero or more records of the same key, one per value. */
    <VR> KStream<K, VR> flatMapValues(ValueMapper<? super V, ? extends Iterable<? extends VR>> mapper);

    /** Replaces each record with zero or more records of the same key, naming the processor. */
    <VR> KStream<K, VR> flatMapValues(ValueMapper<? super V, ? extends Iterable<? extends VR>> mapper, Named named);

    /** Replaces each record with zero or more records of the same key, using the key too. */
    <VR> KStream<K, VR> flatMapValues(
        ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VR>> mapper);

    /** Replaces each record with zero or more records of the same key, using the key too, naming the processor. */
    <VR> KStream<K, VR> flatMapValues(ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VR>> mapper,
        Named named);

    /** Runs {@code action} on each record and passes the record on unchanged. */
    KStream<K, V> peek(ForeachAction<? super K, ? super V> action);

    /** Runs {@code action} on each record and passes it on, naming the processor. */
    KStream<K, V> peek(ForeachAction<? super K, ? super V> action, Named named);

    /**
     * Prints each record, as {@code [label]: key, value}, to standard output or a file (see {@link Printed}); for
     * debugging.
     */
    void print(Printed<K, V> printed);

    /** Runs {@code action} on each record; a terminal operation. */
    void foreach(ForeachAction<? super K, ? super V> action);

    /** Runs {@code action} on each record, naming the processor; a terminal operation. */
    void foreach(ForeachAction<? super K, ? super V> action, Named named);

    /** Starts splitting the stream into branches; see {@link BranchedKStream}. */
    BranchedKStream<K, V> split();

    /** Starts splitting the stream; the name is the split processor's name and prefixes the branch names. */
    BranchedKStream<K, V> split(Named named);

    /** Returns a stream of the records of both streams, in the order they are processed. */
    KStream<K, V> merge(KStream<K, V> stream);

    /** Returns a stream of the records of both streams, naming the processor. */
    KStream<K, V> merge(KStream<K, V> stream, Named named);

    /** Writes the stream to {@code topic} with the stream's serdes (or the defaults). */
    void to(String topic);

    /** Writes the stream to {@code topic} as {@code produced} says. */
    void to(String topic, Produced<K, V> produced);

    /** Writes each record to the topic {@code topicExtractor} picks. */
    void to(TopicNameExtractor<K, V> topicExtractor);

    /** Writes each record to the topic {@code topicExtractor} picks, as {@code produced} says. */
    void to(TopicNameExtractor<K, V> topicExtractor, Produced<K, V> produced);

    /**
     * Runs a processor on each record, with access to the named stores (which must have been added with
     * {@code StreamsBuilder#addStateStore}, or be provided by the supplier's {@code stores()}). The result is marked
     * for repartitioning, since the processor may change keys.
     */
    <KOut, VOut> KStream<KOut, VOut> process(ProcessorSupplier<? super K, ? super V, KOut, VOut> processorSupplier,
        String... stateStoreNames);

    /** Runs a processor on each record, naming the processor node. */
    <KOut, VOut> KStream<KOut, VOut> process(ProcessorSupplier<? super K, ? super V, KOut, VOut> processorSupplier,
        Named named, String... stateStoreNames);

    /** Runs a fixed-key processor on each record; keys are unchanged, so no repartitioning is needed. */
    <VOut> KStream<K, VOut> processValues(FixedKeyProcessorSupplier<? super K, ? super V, VOut> processorSupplier,
        String... stateStoreNames);

    /** Runs a fixed-key processor on each record, naming the processor node. */
    <VOut> KStream<K, VOut> processValues(FixedKeyProcessorSupplier<? super K, ? super V, VOut> processorSupplier,
        Named named, String... stateStoreNames);

    /** Groups by the current key, for aggregation; repartitions first if an earlier operation changed keys. */
    KGroupedStream<K, V> groupByKey();

    /** Groups by the current key with the given serdes and repartition name. */
    KGroupedStream<K, V> groupByKey(Grouped<K, V> grouped);

    /** Groups by a new key computed from each record; the aggregation repartitions by it. */
    <KR> KGroupedStream<KR, V> groupBy(KeyValueMapper<? super K, ? super V, KR> keySelector);

    /** Groups by a new key with the given serdes and repartition name. */
    <KR> KGroupedStream<KR, V> groupBy(KeyValueMapper<? super K, ? super V, KR> keySelector, Grouped<KR, V> grouped);

    /**
     * Returns this stream read back through a new repartition topic {@code <application.id>-<generated>-repartition},
     * partitioned by the current key. Records with a null key are dropped.
     */
    KStream<K, V> repartition();

    /** Like {@link #repartition()}, with the topic's name, partition count, serdes and partitioner. */
    KStream<K, V> repartition(Repartitioned<K, V> repartitioned);

    /**
     * Returns the inner join with a table: each record joins the table's current value for its key, keeping the
     * record's key and timestamp. Records without a table value (or with a null key or value) are dropped; table
     * updates produce no output. A stream whose key may have changed is repartitioned first. The stream and table
     * must be co-partitioned (checked at start).
     */
    <VT, VR> KStream<K, VR> join(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner);

    /** Like {@link #join(KTable, ValueJoiner)}, with the key. */
    <VT, VR> KStream<K, VR> join(KTable<K, VT> table,
        ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner);

    /** Like {@link #join(KTable, ValueJoiner)}, with serdes and a processor name. */
    <VT, VR> KStream<K, VR> join(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner,
        Joined<K, V, VT> joined);

    /** Like {@link #join(KTable, ValueJoiner)}, with the key, serdes and a processor name. */
    <VT, VR> KStream<K, VR> join(KTable<K, VT> table,
        ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner, Joined<K, V, VT> joined);

    /**
     * Returns the left join with a table: like {@link #join(KTable, ValueJoiner)}, but a record without a table
     * value is joined with {@code null}.
     */
    <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner);

    /** Like {@link #leftJoin(KTable, ValueJoiner)}, with the key. */
    <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table,
        ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner);

    /** Like {@link #leftJoin(KTable, ValueJoiner)}, with serdes and a processor name. */
    <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner,
        Joined<K, V, VT> joined);

    /** Like {@link #leftJoin(KTable, ValueJoiner)}, with the key, serdes and a processor name. */
    <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table,
        ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner, Joined<K, V, VT> joined);

    /**
     * Returns the inner join with a global table: {@code keySelector} maps each record to the table key to look up.
     * Records without a table value are dropped. No co-partitioning is needed.
     */
    <GK, GV, RV> KStream<K, RV> join(GlobalKTable<GK, GV> globalTable,
        KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
        ValueJoiner<? super V, ? super GV, ? extends RV> joiner);

    /** Like {@link #join(GlobalKTable, KeyValueMapper, ValueJoiner)}, with the key. */
    <GK, GV, RV> KStream<K, RV> join(GlobalKTable<GK, GV> globalTable,
        KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
        ValueJoinerWithKey<? super K, ? super V, ? super GV, ? extends RV> joiner);

    /** Like {@link #join(GlobalKTable, KeyValueMapper, ValueJoiner)}, naming the processor. */
    <GK, GV, RV> KStream<K, RV> join(GlobalKTable<GK, GV> globalTable,
        KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
        ValueJoiner<? super V, ? super GV, ? extends RV> joiner, Named named);

    /** Like {@link #join(GlobalKTable, KeyValueMapper, ValueJoiner)}, with the key, naming the processor. */
    <GK, GV, RV> KStream<K, RV> join(GlobalKTable<GK, GV> globalTable,
        KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
        ValueJoinerWithKey<? super K, ? super V, ? super GV, ? extends RV> joiner, Named named);

    /**
     * Returns the left join with a global table: like {@link #join(GlobalKTable, KeyValueMapper, ValueJoiner)}, but a
     * record without a table value (or whose selected key is null) is joined with {@code null}.
     */
    <GK, GV, RV> KStream<K, RV> leftJoin(GlobalKTable<GK, GV> globalTable,
        KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
        ValueJoiner<? super V, ? super GV, ? extends RV> joiner);

    /** Like {@link #leftJoin(GlobalKTable, KeyValueMapper, ValueJoiner)}, with the key. */
    <GK, GV, RV> KStream<K, RV> leftJoin(GlobalKTable<GK, GV> globalTable,
        KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
        ValueJoinerWithKey<? super K, ? super V, ? super GV, ? extends RV> joiner);

    /** Like {@link #leftJoin(GlobalKTable, KeyValueMapper, ValueJoiner)}, naming the processor. */
    <GK, GV, RV> KStream<K, RV> leftJoin(GlobalKTable<GK, GV> globalTable,
        KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
        ValueJoiner<? super V, ? super GV, ? extends RV> joiner, Named named);

    /** Like {@link #leftJoin(GlobalKTable, KeyValueMapper, ValueJoiner)}, with the key, naming the processor. */
    <GK, GV, RV> KStream<K, RV> leftJoin(GlobalKTable<GK, GV> globalTable,
        KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
        ValueJoinerWithKey<? super K, ? super V, ? super GV, ? extends RV> joiner, Named named);

    /**
     * Returns the inner join with {@code otherStream}: each pair of records with the same key whose timestamps
     * are within {@code windows} is joined, with the larger timestamp. Both streams are repartitioned first if their
     * keys may have changed, and must be co-partitioned (checked at start).
     */
    <VO, VR> KStream<K, VR> join(KStream<K, VO> otherStream,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, JoinWindows windows);

    /** Like {@link #join(KStream, ValueJoiner, JoinWindows)}, with the key. */
    <VO, VR> KStream<K, VR> join(KStream<K, VO> otherStream,
        ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner, JoinWindows windows);

    /** Like {@link #join(KStream, ValueJoiner, JoinWindows)}, with serdes and processor and store names. */
    <VO, VR> KStream<K, VR> join(KStream<K, VO> otherStream,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, JoinWindows windows,
        StreamJoined<K, V, VO> streamJoined);

    /** Like {@link #join(KStream, ValueJoiner, JoinWindows)}, with the key, serdes, processor and store names. */
    <VO, VR> KStream<K, VR> join(KStream<K, VO> otherStream,
        ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner, JoinWindows windows,
        StreamJoined<K, V, VO> streamJoined);

    /**
     * Returns the left join with {@code otherStream}: like {@link #join(KStream, ValueJoiner, JoinWindows)}, and
     * a record of this stream without any match is joined with {@code null} once its window has closed (stream time
     * past its timestamp + after + grace).
     */
    <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> otherStream,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, JoinWindows windows);

    /** Like {@link #leftJoin(KStream, ValueJoiner, JoinWindows)}, with the key. */
    <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> otherStream,
        ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner, JoinWindows windows);

    /** Like {@link #leftJoin(KStream, ValueJoiner, JoinWindows)}, with serdes and processor and store names. */
    <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> otherStream,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, JoinWindows windows,
        StreamJoined<K, V, VO> streamJoined);

    /** Like {@link #leftJoin(KStream, ValueJoiner, JoinWindows)}, with the key, serdes, processor and store names. */
    <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> otherStream,
        ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner, JoinWindows windows,
        StreamJoined<K, V, VO> streamJoined);

    /**
     * Returns the outer join with {@code otherStream}: like {@link #leftJoin(KStream, ValueJoiner, JoinWindows)}
     * for both sides; unmatched records of either stream are joined with {@code null} once their window has closed.
     */
    <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> otherStream,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, JoinWindows windows);

    /** Like {@link #outerJoin(KStream, ValueJoiner, JoinWindows)}, with the key. */
    <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> otherStream,
        ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner, JoinWindows windows);

    /** Like {@link #outerJoin(KStream, ValueJoiner, JoinWindows)}, with serdes and processor and store names. */
    <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> otherStream,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, JoinWindows windows,
        StreamJoined<K, V, VO> streamJoined);

    /** Like {@link #outerJoin(KStream, ValueJoiner, JoinWindows)}, with the key, serdes, processor and store names. */
    <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> otherStream,
        ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner, JoinWindows windows,
        StreamJoined<K, V, VO> streamJoined);

    /**
     * Returns the stream as a table: each record upserts its key (a null value deletes it); records with a null key
     * are dropped. A stream whose key may have changed is repartitioned first.
     */
    KTable<K, V> toTable();

    /** Like {@link #toTable()}, naming the processor. */
    KTable<K, V> toTable(Named named);

    /** Like {@link #toTable()}, with the store's name, serdes and caching and logging switches. */
    KTable<K, V> toTable(Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    /** Like {@link #toTable(Materialized)}, naming the processor. */
    KTable<K, V> toTable(Named named, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);
}
