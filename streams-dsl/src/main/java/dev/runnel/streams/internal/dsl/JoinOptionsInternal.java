package dev.runnel.streams.internal.dsl;

import dev.runnel.common.serialization.Serde;
import dev.runnel.streams.DslStoreFormat;
import dev.runnel.streams.internal.state.DslStoreChoice;
import dev.runnel.streams.kstream.Joined;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Repartitioned;
import dev.runnel.streams.kstream.StreamJoined;
import dev.runnel.streams.kstream.TableJoined;
import dev.runnel.streams.processor.StateStore;
import dev.runnel.streams.processor.StreamPartitioner;
import dev.runnel.streams.state.DslKeyValueParams;
import dev.runnel.streams.state.DslStoreSuppliers;
import dev.runnel.streams.state.KeyValueBytesStoreSupplier;
import dev.runnel.streams.state.WindowBytesStoreSupplier;
import java.util.Map;

/** Read access to the join, repartition and materialization option objects (see {@link OptionsInternal}). */
public final class JoinOptionsInternal {
    private JoinOptionsInternal() {
    }

    /** The parts of a {@link Joined}. */
    public static final class JoinedInternal<K, V, VO> extends Joined<K, V, VO> {
        /** Reads {@code joined}, for a join that names its processor after it: checks the name. */
        public JoinedInternal(Joined<K, V, VO> joined) {
            super(joined);
            OptionsInternal.NamedInternal.checked(name);
        }

        /** Returns the processor name, or {@code null}. */
        public String name() {
            return name;
        }
    }

    /** The parts of a {@link StreamJoined}. */
    public static final class StreamJoinedInternal<K, V1, V2> extends StreamJoined<K, V1, V2> {
        /** Reads {@code streamJoined}. */
        public StreamJoinedInternal(StreamJoined<K, V1, V2> streamJoined) {
            super(streamJoined);
        }

        /** Returns the key serde, or {@code null}. */
        public Serde<K> keySerde() {
            return keySerde;
        }

        /** Returns this stream's value serde, or {@code null}. */
        public Serde<V1> valueSerde() {
            return valueSerde;
        }

        /** Returns the other stream's value serde, or {@code null}. */
        public Serde<V2> otherValueSerde() {
            return otherValueSerde;
        }

        /** Returns the supplier of this stream's window store, or {@code null}. */
        public WindowBytesStoreSupplier thisStoreSupplier() {
            return thisStoreSupplier;
        }

        /** Returns the supplier of the other stream's window store, or {@code null}. */
        public WindowBytesStoreSupplier otherStoreSupplier() {
            return otherStoreSupplier;
        }

        /** Returns the base processor name, or {@code null}. */
        public String name() {
            return name;
        }

        /** Returns the base store name, or {@code null}. */
        public String storeName() {
            return storeName;
        }

        /** Returns whether the stores log changes. */
        public boolean loggingEnabled() {
            return loggingEnabled;
        }

        /** Returns the changelog configs. */
        public Map<String, String> logConfig() {
            return topicConfig;
        }

        /** Returns the suppliers of the window stores, or {@code null} for the topology's. */
        public DslStoreSuppliers dslStoreSuppliers() {
            return dslStoreSuppliers;
        }
    }

    /** The parts of a {@link TableJoined}. */
    public static final class TableJoinedInternal<K, KO> extends TableJoined<K, KO> {
        /** Reads {@code tableJoined}, for a join that names its processors after it: checks the name. */
        public TableJoinedInternal(TableJoined<K, KO> tableJoined) {
            super(tableJoined);
            OptionsInternal.NamedInternal.checked(name);
        }

        /** Returns this table's partitioner, or {@code null}. */
        public StreamPartitioner<K, Void> partitioner() {
            return partitioner;
        }

        /** Returns the other table's partitioner, or {@code null}. */
        public StreamPartitioner<KO, Void> otherPartitioner() {
            return otherPartitioner;
        }

        /** Returns the base name, or {@code null}. */
        public String name() {
            return name;
        }
    }

    /** The parts of a {@link Repartitioned}. */
    public static final class RepartitionedInternal<K, V> extends Repartitioned<K, V> {
        /** Reads {@code repartitioned}. */
        public RepartitionedInternal(Repartitioned<K, V> repartitioned) {
            super(repartitioned);
        }

        /** Returns the base name, or {@code null}. */
        public String name() {
            return name;
        }

        /** Returns the key serde, or {@code null}. */
        public Serde<K> keySerde() {
            return keySerde;
        }

        /** Returns the value serde, or {@code null}. */
        public Serde<V> valueSerde() {
            return valueSerde;
        }

        /** Returns the number of partitions, or {@code null} to inherit. */
        public Integer numberOfPartitions() {
            return numberOfPartitions;
        }

        /** Returns the partitioner, or {@code null}. */
        public StreamPartitioner<K, V> partitioner() {
            return partitioner;
        }
    }

    /** The parts of a {@link Materialized}, with the store name generated when the user gave none. */
    public static final class MaterializedInternal<K, V, S extends StateStore> extends Materialized<K, V, S> {
        private final String generatedStoreName;
        private final DslStoreChoice dslStoreChoice;

        /** Reads {@code materialized}; a missing store name is generated with {@code storePrefix}. */
        public MaterializedInternal(Materialized<K, V, S> materialized, InternalStreamsBuilder builder,
            String storePrefix) {
            super(materialized);
            this.generatedStoreName = storeName == null ? builder.newStoreName(storePrefix) : null;
            this.dslStoreChoice = builder.topologyBuilder().dslStoreChoice();
        }

        /**
         * Reads {@code materialized} without generating a missing store name ({@link #storeName()} is then
         * {@code null}), as Kafka Streams' KTable#transformValues does: it takes no store index for a Materialized
         * that names no store.
         */
        public MaterializedInternal(Materialized<K, V, S> materialized, InternalStreamsBuilder builder) {
            super(materialized);
            this.generatedStoreName = null;
            this.dslStoreChoice = builder.topologyBuilder().dslStoreChoice();
        }

        /** Returns the store name: the user's, or the generated one. */
        public String storeName() {
            return storeName != null ? storeName : generatedStoreName;
        }

        /** Returns the user's store name, or {@code null} if it was generated (the store is not queryable). */
        public String queryableStoreName() {
            return storeName;
        }

        /** Returns the store supplier, or {@code null}. */
        public KeyValueBytesStoreSupplier storeSupplier() {
            if (storeSupplier != null && !(storeSupplier instanceof KeyValueBytesStoreSupplier)) {
                throw new IllegalArgumentException("Materialized needs a KeyValueBytesStoreSupplier here, got "
                    + storeSupplier.getClass().getName());
            }
            return (KeyValueBytesStoreSupplier) storeSupplier;
        }

        /**
         * Returns the store supplier if there is one, else one from the DSL store suppliers (the Materialized ones,
         * else the topology's), asked for a timestamped store.
         */
        public KeyValueBytesStoreSupplier keyValueStoreSupplier() {
            KeyValueBytesStoreSupplier given = storeSupplier();
            return given != null
                ? given
                : dslStoreChoice.keyValueStore(dslStoreSuppliers, new DslKeyValueParams(storeName(),
                    DslStoreFormat.TIMESTAMPED));
        }

        /** Returns the key serde, or {@code null}. */
        public Serde<K> keySerde() {
            return keySerde;
        }

        /** Returns the value serde, or {@code null}. */
        public Serde<V> valueSerde() {
            return valueSerde;
        }

        /** Returns whether the store logs changes. */
        public boolean loggingEnabled() {
            return loggingEnabled;
        }

        /** Returns whether the store is cached. */
        public boolean cachingEnabled() {
            return cachingEnabled;
        }

        /** Returns the changelog configs. */
        public Map<String, String> logConfig() {
            return topicConfig;
        }
    }
}
