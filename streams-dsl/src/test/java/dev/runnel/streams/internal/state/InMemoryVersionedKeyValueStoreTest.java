package dev.runnel.streams.internal.state;

import static dev.runnel.streams.state.VersionedKeyValueStore.PUT_RETURN_CODE_NOT_PUT;
import static dev.runnel.streams.state.VersionedKeyValueStore.PUT_RETURN_CODE_VALID_TO_UNDEFINED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.state.StoreBuilder;
import dev.runnel.streams.state.Stores;
import dev.runnel.streams.state.VersionedKeyValueStore;
import dev.runnel.streams.state.VersionedRecord;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The versioned store through its builder's layers: versions, as-of lookups, history retention and restore. */
class InMemoryVersionedKeyValueStoreTest {
    private static final long HISTORY_MS = 10_000L;

    private final RecordingStoreContext context = new RecordingStoreContext();
    private VersionedKeyValueStore<String, String> store;

    @BeforeEach
    void open() {
        store = newStore(context);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static VersionedKeyValueStore<String, String> newStore(RecordingStoreContext context) {
        StoreBuilder<VersionedKeyValueStore<String, String>> builder = Stores.versionedKeyValueStoreBuilder(
            Stores.persistentVersionedKeyValueStore("prices", Duration.ofMillis(HISTORY_MS),
                Duration.ofMillis(HISTORY_MS / 2)), Serdes.String(), Serdes.String());
        VersionedKeyValueStore<String, String> built = builder.build();
        built.init(context, built);
        return built;
    }

    /*
     * The store as processors use it: as in Kafka Streams, get(key, asOf) and delete return a version without its
     * validTo (VersionedStoreQueryTest checks the validTo that queries report).
     */
    @Test
    void shouldReturnLatestVersionAndTheVersionValidAtEachTime() {
        assertEquals(PUT_RETURN_CODE_VALID_TO_UNDEFINED, store.put("apple", "1.10", 1_000L));
        assertEquals(PUT_RETURN_CODE_VALID_TO_UNDEFINED, store.put("apple", "1.25", 5_000L));

        assertEquals(new VersionedRecord<>("1.25", 5_000L), store.get("apple"));
        assertNull(store.get("apple", 999L), "nothing before the first version");
        assertEquals(new VersionedRecord<>("1.10", 1_000L), store.get("apple", 1_000L));
        assertEquals(new VersionedRecord<>("1.10", 1_000L), store.get("apple", 4_999L));
        assertEquals(new VersionedRecord<>("1.25", 5_000L), store.get("apple", 5_000L));
        assertNull(store.get("pear"));
        assertNull(store.get("pear", 5_000L));
    }

    @Test
    void shouldInsertOutOfOrderPutIntoHistoryAndReturnItsValidTo() {
        store.put("apple", "1.10", 1_000L);
        store.put("apple", "1.50", 8_000L);

        assertEquals(8_000L, store.put("apple", "1.25", 5_000L), "valid until the next version");

        assertEquals(new VersionedRecord<>("1.50", 8_000L), store.get("apple"));
        assertEquals(new VersionedRecord<>("1.10", 1_000L), store.get("apple", 4_000L));
        assertEquals(new VersionedRecord<>("1.25", 5_000L), store.get("apple", 6_000L));
    }

    @Test
    void shouldReplaceVersionWithSameTimestamp() {
        store.put("apple", "1.10", 1_000L);
        store.put("apple", "1.11", 1_000L);

        assertEquals(new VersionedRecord<>("1.11", 1_000L), store.get("apple", 1_000L));
    }

    @Test
    void shouldEndValidityAtTombstonesAndDeletes() {
        store.put("apple", "1.10", 1_000L);
        store.put("apple", null, 3_000L);
        store.put("apple", "1.30", 6_000L);

        VersionedRecord<String> deleted = store.delete("apple", 7_000L);

        assertEquals(new VersionedRecord<>("1.30", 6_000L), deleted, "delete returns the version as it was");
        assertNull(store.get("apple"), "the latest version is a deletion");
        assertEquals(new VersionedRecord<>("1.10", 1_000L), store.get("apple", 2_000L));
        assertNull(store.get("apple", 4_000L), "deleted between 3000 and 6000");
        assertEquals(new VersionedRecord<>("1.30", 6_000L), store.get("apple", 6_500L));
        assertNull(store.delete("pear", 7_000L), "nothing to delete");
    }

    @Test
    void shouldRefuseOperationsOlderThanHistoryRetention() {
        store.put("apple", "1.10", 1_000L);
        store.put("apple", "1.25", 5_000L);
        store.put("pear", "0.80", 20_000L);

        // Stream time is 20000, so the history reaches back to 10000.
        assertEquals(new VersionedRecord<>("1.25", 5_000L), store.get("apple", 9_999L),
            "older than the history retention, the latest version still answers: it never expires");
        assertNull(store.get("apple", 4_999L), "an older version past the history retention does not");
        assertEquals(new VersionedRecord<>("1.25", 5_000L), store.get("apple", 10_000L));
        assertEquals(new VersionedRecord<>("1.25", 5_000L), store.get("apple"), "the latest version never expires");
        assertEquals(PUT_RETURN_CODE_NOT_PUT, store.put("apple", "9.99", 9_999L));
        assertNull(store.delete("apple", 9_999L));
        assertEquals(new VersionedRecord<>("1.25", 5_000L), store.get("apple"), "neither the put nor the delete");
        assertEquals(PUT_RETURN_CODE_VALID_TO_UNDEFINED, store.put("apple", "1.20", 10_000L),
            "a put at the edge of the history is accepted");
        assertNull(store.get("apple", 9_999L), "a latest version that started later does not answer before it");
    }

    @Test
    void shouldDropExpiredVersionsAsStreamTimeAdvances() {
        store.put("apple", "1.10", 1_000L);
        store.put("apple", "1.25", 5_000L);
        store.put("pear", "0.80", 2_000L);
        store.put("pear", null, 3_000L);
        assertEquals(4, inner().versionCount());

        store.put("plum", "2.00", 30_000L);

        assertEquals(2, inner().versionCount(), "only apple's latest version and plum's remain");
        assertEquals(2, inner().approximateNumEntries(), "the pear, deleted before the history, is gone");
        assertEquals(new VersionedRecord<>("1.25", 5_000L), store.get("apple"));
    }

    @Test
    void shouldLogAcceptedVersionsWithTheirTimestampsOnly() {
        store.put("apple", "1.10", 1_000L);
        store.put("apple", "1.50", 20_000L);
        store.put("apple", "0.01", 2_000L);
        store.delete("apple", 15_000L);

        List<String> logged = context.changelog.stream()
            .map(change -> new String(change.key().get()) + "=" + (change.value() == null ? null
                : new String(change.value())) + "@" + change.timestamp())
            .toList();
        assertEquals(List.of("apple=1.10@1000", "apple=1.50@20000", "apple=null@15000"), logged,
            "the refused put at 2000 is not logged");
    }

    @Test
    void shouldRefuseCachingAndPlainKeyValueWrites() {
        StoreBuilder<VersionedKeyValueStore<String, String>> builder = Stores.versionedKeyValueStoreBuilder(
            Stores.persistentVersionedKeyValueStore("s", Duration.ofMinutes(1)), Serdes.String(), Serdes.String());
        assertThrows(IllegalStateException.class, builder::withCachingEnabled);
        assertThrows(UnsupportedOperationException.class, () -> inner().put(null, new byte[0]));
        assertThrows(IllegalArgumentException.class,
            () -> Stores.persistentVersionedKeyValueStore("s", Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class,
            () -> Stores.persistentVersionedKeyValueStore("s", Duration.ofMinutes(1), Duration.ZERO));
    }

    /** Restoring from the changelog reproduces every answer of the store, for random puts, deletes and lookups. */
    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {1L, 7L, 42L, 2024L})
    void restoreFromChangelogReproducesStore(long seed) {
        SplittableRandom random = new SplittableRandom(Long.getLong("test.seed", seed));
        long streamTime = 0;
        for (int i = 0; i < 400; i++) {
            String key = "k" + random.nextInt(5);
            long timestamp = Math.max(0, streamTime + random.nextInt(-3_000, 2_000));
            String value = random.nextInt(6) == 0 ? null : "v" + i;
            if (value == null && random.nextBoolean()) {
                store.delete(key, timestamp);
            } else {
                store.put(key, value, timestamp);
            }
            streamTime = Math.max(streamTime, timestamp);
        }
        RecordingStoreContext restoredContext = new RecordingStoreContext();
        VersionedKeyValueStore<String, String> restored = newStore(restoredContext);
        context.restoreInto(restoredContext, "prices");

        for (int k = 0; k < 5; k++) {
            String key = "k" + k;
            assertEquals(store.get(key), restored.get(key), "seed " + seed + " latest " + key);
            for (long asOf = streamTime - HISTORY_MS - 100; asOf <= streamTime + 100; asOf += 50) {
                assertEquals(store.get(key, asOf), restored.get(key, asOf),
                    "seed " + seed + " " + key + " as of " + asOf);
            }
        }
        assertEquals(List.of(), restoredContext.changelog, "a restore logs nothing");
        restored.close();
    }

    private InMemoryVersionedKeyValueStore inner() {
        VersionedBytesStore layer = ((MeteredVersionedKeyValueStore<String, String>) store).wrapped();
        return WrappedStateStore.layer(layer, InMemoryVersionedKeyValueStore.class);
    }
}
