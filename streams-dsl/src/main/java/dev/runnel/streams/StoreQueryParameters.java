package dev.runnel.streams;

import dev.runnel.streams.state.QueryableStoreType;
import java.util.Objects;

/**
 * What {@link KafkaStreams#store} should return: a store name, the kind of read-only view, and optionally one
 * partition. Immutable: each {@code with}/{@code enable} method returns a new instance.
 *
 * <pre>{@code
 * ReadOnlyKeyValueStore<String, Long> counts = streams.store(
 *     StoreQueryParameters.fromNameAndType("counts", QueryableStoreTypes.keyValueStore()));
 * }</pre>
 */
public final class StoreQueryParameters<T> {
    private final String storeName;
    private final QueryableStoreType<T> queryableStoreType;
    private final Integer partition;
    private final boolean staleStores;

    private StoreQueryParameters(String storeName, QueryableStoreType<T> queryableStoreType, Integer partition,
        boolean staleStores) {
        this.storeName = Objects.requireNonNull(storeName, "storeName");
        this.queryableStoreType = Objects.requireNonNull(queryableStoreType, "queryableStoreType");
        this.partition = partition;
        this.staleStores = staleStores;
    }

    /** Returns parameters for all local partitions of store {@code storeName}, read as {@code type}. */
    public static <T> StoreQueryParameters<T> fromNameAndType(String storeName, QueryableStoreType<T> type) {
        return new StoreQueryParameters<>(storeName, type, null, false);
    }

    /** Returns these parameters restricted to one partition ({@code null} for all). */
    public StoreQueryParameters<T> withPartition(Integer partition) {
        return new StoreQueryParameters<>(storeName, queryableStoreType, partition, staleStores);
    }

    /**
     * Returns these parameters allowing stale stores: the view also reads the partitions that standby tasks host on
     * this instance (see {@code num.standby.replicas}), whose copies may lag behind the active tasks' stores.
     */
    public StoreQueryParameters<T> enableStaleStores() {
        return new StoreQueryParameters<>(storeName, queryableStoreType, partition, true);
    }

    public String storeName() {
        return storeName;
    }

    public QueryableStoreType<T> queryableStoreType() {
        return queryableStoreType;
    }

    /** Returns the partition, or {@code null} for all local partitions. */
    public Integer partition() {
        return partition;
    }

    public boolean staleStoresEnabled() {
        return staleStores;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoreQueryParameters<?> that && storeName.equals(that.storeName)
            && queryableStoreType.equals(that.queryableStoreType) && Objects.equals(partition, that.partition)
            && staleStores == that.staleStores;
    }

    @Override
    public int hashCode() {
        return Objects.hash(storeName, queryableStoreType, partition, staleStores);
    }

    @Override
    public String toString() {
        return "StoreQueryParameters{storeName=" + storeName + ", queryableStoreType=" + queryableStoreType
            + ", partition=" + partition + ", staleStores=" + staleStores + "}";
    }
}
