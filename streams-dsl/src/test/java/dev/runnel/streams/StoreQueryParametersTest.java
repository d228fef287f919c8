package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.runnel.streams.state.QueryableStoreType;
import dev.runnel.streams.state.QueryableStoreTypes;
import dev.runnel.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;

/** Store query parameters are values: equal when name, type, partition and staleness are. */
class StoreQueryParametersTest {
    private final QueryableStoreType<ReadOnlyKeyValueStore<String, Long>> type = QueryableStoreTypes.keyValueStore();

    @Test
    void shouldBeEqualWhenAllPartsAre() {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, Long>> counts =
            StoreQueryParameters.fromNameAndType("counts", type).withPartition(1).enableStaleStores();
        StoreQueryParameters<ReadOnlyKeyValueStore<String, Long>> same =
            StoreQueryParameters.fromNameAndType("counts", type).withPartition(1).enableStaleStores();
        assertEquals(counts, same);
        assertEquals(counts.hashCode(), same.hashCode());
        assertNotEquals(counts, StoreQueryParameters.fromNameAndType("counts", type).withPartition(1));
        assertNotEquals(counts, StoreQueryParameters.fromNameAndType("counts", type).enableStaleStores());
        assertNotEquals(counts, StoreQueryParameters.fromNameAndType("sums", type).withPartition(1)
            .enableStaleStores());
        assertEquals("StoreQueryParameters{storeName=counts, queryableStoreType=" + type + ", partition=1,"
            + " staleStores=true}", counts.toString());
    }
}
