package dev.runnel.streams.internal.dsl;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.internal.dsl.JoinOptionsInternal.MaterializedInternal;
import dev.runnel.streams.internal.dsl.OptionsInternal.NamedInternal;
import dev.runnel.streams.internal.graph.InternalTopologyBuilder;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Named;
import dev.runnel.streams.kstream.ValueJoiner;
import dev.runnel.streams.state.KeyValueStore;
import java.util.Objects;
import java.util.Set;

/**
 * Wires a table-table join with Kafka Streams' node names: per side a join node probing the other side's current
 * values ({@code KTABLE-JOINTHIS-}/{@code -JOINOTHER-} for every kind), then a {@code KTABLE-MERGE-} node
 * emitting the result table's changes, materialized if asked.
 */
final class KTableJoins {
    private static final String JOIN_THIS_NAME = "KTABLE-JOINTHIS-";
    private static final String JOIN_OTHER_NAME = "KTABLE-JOINOTHER-";

    private KTableJoins() {
    }

    /** The kinds of table-table join: which sides keep their values without a match. */
    enum JoinKind {
        INNER(false, false),
        LEFT(true, false),
        OUTER(true, true);

        private final boolean preserveLeft;
        private final boolean preserveRight;

        JoinKind(boolean preserveLeft, boolean preserveRight) {
            this.preserveLeft = preserveLeft;
            this.preserveRight = preserveRight;
        }
    }

    /** Joins {@code left} with {@code other} on their keys; {@code named} and {@code materialized} may be null. */
    static <K, V, VO, VR> KTable<K, VR> join(KTableImpl<K, V> left, KTable<K, VO> other,
        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, Named named,
        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized, JoinKind kind) {
        Objects.requireNonNull(other, "other can't be null");
        Objects.requireNonNull(joiner, "joiner can't be null");
        KTableImpl<K, VO> right = left.sameBuilder(other);
        InternalStreamsBuilder builder = left.builder();
        MaterializedInternal<K, VR, KeyValueStore<Bytes, byte[]>> store = materialized == null
            ? null
            : new MaterializedInternal<>(materialized, builder, KTableImpl.MERGE_NAME);
        NamedInternal renamed = new NamedInternal(named);
        // As in Kafka Streams, the merge takes its index first, and every kind names its sides JOINTHIS/JOINOTHER.
        String mergeName = renamed.orElseGenerateWithPrefix(builder, KTableImpl.MERGE_NAME);
        String thisName = builder.suffixed(renamed.name(), "-join-this", JOIN_THIS_NAME);
        String otherName = builder.suffixed(renamed.name(), "-join-other", JOIN_OTHER_NAME);
        InternalTopologyBuilder topology = builder.topologyBuilder();
        KTableValueGetterSupplier<K, V> leftGetter = left.valueGetterSupplier();
        KTableValueGetterSupplier<K, VO> rightGetter = right.valueGetterSupplier();
        topology.addProcessor(thisName, new KTableKTableJoin<K, V, VO, VR>(rightGetter, joiner, true,
            kind.preserveLeft, kind.preserveRight), left.name());
        topology.addProcessor(otherName, new KTableKTableJoin<K, V, VO, VR>(leftGetter, joiner, false,
            kind.preserveRight, kind.preserveLeft), right.name());
        topology.connectProcessorAndStateStores(thisName, rightGetter.storeNames().toArray(new String[0]));
        topology.connectProcessorAndStateStores(otherName, leftGetter.storeNames().toArray(new String[0]));
        topology.copartition(Set.of(thisName, otherName), "table-table join " + mergeName);
        String storeName = store == null ? null : store.storeName();
        topology.addProcessor(mergeName, new KTableKTableJoin.KTableKTableJoinMerger<K, VR>(storeName,
            store != null && store.queryableStoreName() != null), thisName, otherName);
        Serde<K> outKeySerde = store != null && store.keySerde() != null ? store.keySerde() : left.keySerde();
        if (store == null) {
            return new KTableImpl<>(builder, mergeName, outKeySerde, null, null, KTableKTableJoin.joinGetter(
                leftGetter, rightGetter, joiner, kind.preserveLeft, kind.preserveRight));
        }
        topology.addStateStore(TimestampedKeyValueStoreMaterializer.builder(store, left.keySerde(), null), mergeName);
        return new KTableImpl<>(builder, mergeName, outKeySerde, store.valueSerde(), store.queryableStoreName(),
            KTableValueGetterSupplier.ofStore(storeName));
    }
}
