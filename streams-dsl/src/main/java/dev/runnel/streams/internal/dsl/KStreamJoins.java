package dev.runnel.streams.internal.dsl;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.DslStoreFormat;
import dev.runnel.streams.internal.dsl.JoinOptionsInternal.StreamJoinedInternal;
import dev.runnel.streams.internal.dsl.OptionsInternal.NamedInternal;
import dev.runnel.streams.internal.graph.InternalTopologyBuilder;
import dev.runnel.streams.errors.StreamsException;
import dev.runnel.streams.internal.state.DslStoreBuilder;
import dev.runnel.streams.internal.state.DslStoreChoice;
import dev.runnel.streams.kstream.EmitStrategy;
import dev.runnel.streams.kstream.JoinWindows;
import dev.runnel.streams.kstream.KStream;
import dev.runnel.streams.kstream.Named;
import dev.runnel.streams.kstream.StreamJoined;
import dev.runnel.streams.kstream.ValueJoinerWithKey;
import dev.runnel.streams.state.DslWindowParams;
import dev.runnel.streams.state.StoreBuilder;
import dev.runnel.streams.state.Stores;
import dev.runnel.streams.state.WindowBytesStoreSupplier;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Wires a stream-stream join with Kafka Streams' node and store names: per side a {@code KSTREAM-WINDOWED-} node
 * filling that side's window store, a join node ({@code KSTREAM-JOINTHIS-}/{@code -OUTERTHIS-},
 * {@code -JOINOTHER-}/{@code -OUTEROTHER-}) probing the other side's store, a {@code KSTREAM-MERGE-} node, and for
 * left and outer joins the shared outer-join buffer {@code KSTREAM-OUTERSHARED-<n>-store}, unless the windows keep the
 * joins of before KIP-633 ({@code JoinWindows.of}), which emit unmatched records at once and buffer nothing.
 */
final class KStreamJoins {
    static final String WINDOWED_NAME = "KSTREAM-WINDOWED-";
    static final String JOINTHIS_NAME = "KSTREAM-JOINTHIS-";
    static final String JOINOTHER_NAME = "KSTREAM-JOINOTHER-";
    static final String OUTERTHIS_NAME = "KSTREAM-OUTERTHIS-";
    static final String OUTEROTHER_NAME = "KSTREAM-OUTEROTHER-";
    static final String OUTERSHARED_NAME = "KSTREAM-OUTERSHARED-";

    private KStreamJoins() {
    }

    /**
     * Joins {@code left} with {@code right}.
     *
     * @param preserveLeft whether unmatched left records are emitted (left and outer joins)
     * @param preserveRight whether unmatched right records are emitted (outer joins)
     */
    static <K, V1, V2, VR> KStream<K, VR> join(KStreamImpl<K, V1> left, KStreamImpl<K, V2> right,
        ValueJoinerWithKey<? super K, ? super V1, ? super V2, ? extends VR> joiner, JoinWindows windows,
        StreamJoined<K, V1, V2> streamJoined, boolean preserveLeft, boolean preserveRight) {
        Objects.requireNonNull(right, "otherStream cannot be null");
        Objects.requireNonNull(joiner, "joiner cannot be null");
        Objects.requireNonNull(windows, "windows cannot be null");
        StreamJoinedInternal<K, V1, V2> options = new StreamJoinedInternal<>(
            Objects.requireNonNull(streamJoined, "streamJoined cannot be null"));
        InternalStreamsBuilder builder = left.builder();
        if (right.builder() != builder) {
            throw new IllegalArgumentException("Cannot join streams of different StreamsBuilders");
        }
        String baseName = options.name();
        Serde<K> keySerde = options.keySerde() != null ? options.keySerde() : left.keySerde();
        Serde<V1> leftSerde = options.valueSerde() != null ? options.valueSerde() : left.valueSerde();
        Serde<V2> rightSerde = options.otherValueSerde() != null ? options.otherValueSerde() : right.valueSerde();
        KStreamImpl<K, V1> thisStream = left.repartitionForJoin(
            baseName != null ? baseName + "-left" : left.name(), keySerde, leftSerde);
        KStreamImpl<K, V2> otherStream = right.repartitionForJoin(
            baseName != null ? baseName + "-right" : right.name(), keySerde, rightSerde);

        NamedInternal renamed = new NamedInternal(baseName == null ? null : Named.as(baseName));
        String thisWindowedName = suffixed(renamed, "-this-windowed", builder, WINDOWED_NAME);
        String otherWindowedName = suffixed(renamed, "-other-windowed", builder, WINDOWED_NAME);
        String thisGenerated = builder.newProcessorName(preserveRight ? OUTERTHIS_NAME : JOINTHIS_NAME);
        String otherGenerated = builder.newProcessorName(preserveLeft ? OUTEROTHER_NAME : JOINOTHER_NAME);
        String thisJoinName = baseName != null ? baseName + (preserveRight ? "-outer-this-join" : "-this-join")
            : thisGenerated;
        String otherJoinName = baseName != null ? baseName + (preserveLeft ? "-outer-other-join" : "-other-join")
            : otherGenerated;
        String mergeName = suffixed(renamed, "-merge", builder, KStreamImpl.MERGE_NAME);

        String storeBase = options.storeName();
        WindowBytesStoreSupplier thisSupplier = checkedSupplier(options.thisStoreSupplier(), windows);
        WindowBytesStoreSupplier otherSupplier = checkedSupplier(options.otherStoreSupplier(), windows);
        if (thisSupplier != null && otherSupplier != null && thisSupplier.name().equals(otherSupplier.name())) {
            throw new StreamsException("Both StoreSuppliers have the same name.  StoreSuppliers must provide unique"
                + " names");
        }
        String thisStoreName = thisSupplier != null ? thisSupplier.name() : (storeBase == null ? thisGenerated
            : storeBase + (preserveRight ? "-outer-this-join" : "-this-join")) + "-store";
        String otherStoreName = otherSupplier != null ? otherSupplier.name() : (storeBase == null ? otherGenerated
            : storeBase + (preserveLeft ? "-outer-other-join" : "-other-join")) + "-store";
        String bufferName = null;
        if (preserveLeft && new JoinWindowsInternal(windows).spuriousResultFixEnabled()) {
            bufferName = (storeBase == null
                ? thisGenerated.replace(preserveRight ? OUTERTHIS_NAME : JOINTHIS_NAME, OUTERSHARED_NAME)
                : storeBase + (preserveRight ? "-outer-shared-join" : "-left-shared-join")) + "-store";
        }

        InternalTopologyBuilder topology = builder.topologyBuilder();
        topology.addProcessor(thisWindowedName, new KStreamKStreamJoin.KStreamJoinWindow<K, V1>(thisStoreName),
            thisStream.name());
        topology.addProcessor(otherWindowedName, new KStreamKStreamJoin.KStreamJoinWindow<K, V2>(otherStoreName),
            otherStream.name());
        DslStoreChoice choice = topology.dslStoreChoice();
        topology.addStateStore(windowStore(thisStoreName, thisSupplier, windows, keySerde, leftSerde, options,
            choice), thisWindowedName);
        topology.addStateStore(windowStore(otherStoreName, otherSupplier, windows, keySerde, rightSerde, options,
            choice), otherWindowedName);
        topology.copartition(Set.of(thisWindowedName, otherWindowedName), "stream-stream join " + mergeName);

        KStreamKStreamJoin.SharedJoinTimes time = new KStreamKStreamJoin.SharedJoinTimes();
        topology.addProcessor(thisJoinName, new KStreamKStreamJoin<K, V1, V2, VR>(true, otherStoreName, bufferName,
            windows.beforeMs, windows.afterMs, windows.gracePeriodMs(), preserveLeft, preserveRight, joiner, time,
            keySerde, leftSerde, rightSerde), thisWindowedName);
        topology.addProcessor(otherJoinName, new KStreamKStreamJoin<K, V1, V2, VR>(false, thisStoreName, bufferName,
            windows.beforeMs, windows.afterMs, windows.gracePeriodMs(), preserveRight, preserveLeft, joiner, time,
            keySerde, leftSerde, rightSerde), otherWindowedName);
        topology.connectProcessorAndStateStores(thisJoinName, otherStoreName);
        topology.connectProcessorAndStateStores(otherJoinName, thisStoreName);
        if (bufferName != null) {
            StoreBuilder<?> buffer = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(bufferName),
                Serdes.Bytes(), Serdes.ByteArray());
            if (options.loggingEnabled()) {
                buffer.withLoggingEnabled(Map.copyOf(options.logConfig()));
            } else {
                buffer.withLoggingDisabled();
            }
            topology.addStateStore(buffer, thisJoinName, otherJoinName);
        }
        topology.addProcessor(mergeName, new Operators.KStreamPassThrough<K, VR>(), thisJoinName, otherJoinName);
        if (preserveLeft) {
            // Downstream of both sides: a repartition in front of either keeps null keys, as in Kafka Streams.
            builder.nullKeyRepartitions().addRelaxedJoin(mergeName);
        }
        if (!preserveLeft && !preserveRight && thisStream.name().equals(otherStream.name())) {
            @SuppressWarnings("unchecked")
            ValueJoinerWithKey<? super K, ? super V1, ? super V1, ? extends VR> selfJoiner =
                (ValueJoinerWithKey<? super K, ? super V1, ? super V1, ? extends VR>) joiner;
            builder.optimizer().addSelfJoin(List.of(otherWindowedName, thisJoinName, otherJoinName, mergeName),
                otherStoreName, mergeName, new KStreamKStreamSelfJoin<K, V1, VR>(thisStoreName, windows.beforeMs,
                    windows.afterMs, windows.gracePeriodMs(), selfJoiner), thisWindowedName, thisStoreName);
        }
        return new KStreamImpl<>(builder, mergeName, keySerde, null, false);
    }

    private static String suffixed(NamedInternal named, String suffix, InternalStreamsBuilder builder,
        String prefix) {
        return builder.suffixed(named.name(), suffix, prefix);
    }

    /** Returns the builder of a side's window store: from {@code supplier} if given, else the DSL suppliers'. */
    private static <K, V> StoreBuilder<?> windowStore(String name, WindowBytesStoreSupplier supplier,
        JoinWindows windows, Serde<K> keySerde, Serde<V> valueSerde, StreamJoinedInternal<?, ?, ?> options,
        DslStoreChoice choice) {
        WindowBytesStoreSupplier storeSupplier = supplier != null ? supplier
            : choice.windowStore(options.dslStoreSuppliers(), new DslWindowParams(name,
                Duration.ofMillis(windows.size() + windows.gracePeriodMs()), Duration.ofMillis(windows.size()), true,
                EmitStrategy.onWindowUpdate(), false, DslStoreFormat.PLAIN));
        StoreBuilder<?> store = DslStoreBuilder.window(storeSupplier, keySerde, valueSerde);
        if (options.loggingEnabled()) {
            // A join window keeps every record, duplicates included: Kafka Streams deletes its changelog by retention
            // only, never compacts it, whatever the StreamJoined's log config says.
            Map<String, String> logConfig = new HashMap<>(options.logConfig());
            logConfig.put("cleanup.policy", "delete");
            store.withLoggingEnabled(logConfig);
        } else {
            store.withLoggingDisabled();
        }
        return store;
    }

    /**
     * Returns {@code supplier} (may be {@code null}) after checking it can hold a join side: every record, so
     * duplicates are kept, with the join's window size and a retention of window size plus grace.
     */
    private static WindowBytesStoreSupplier checkedSupplier(WindowBytesStoreSupplier supplier, JoinWindows windows) {
        if (supplier == null) {
            return null;
        }
        if (!supplier.retainDuplicates()) {
            throw new StreamsException("The StoreSupplier must set retainDuplicates=true, found "
                + "retainDuplicates=false");
        }
        long retentionMs = windows.size() + windows.gracePeriodMs();
        if (supplier.windowSize() != windows.size() || supplier.retentionPeriod() != retentionMs) {
            throw new StreamsException("Window settings mismatch. WindowBytesStoreSupplier settings " + supplier
                + " must match JoinWindows settings " + windows + " for the window size and retention period");
        }
        return supplier;
    }

}
