package dev.runnel.streams.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.TopicPartition;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.errors.StreamsException;
import dev.runnel.streams.internal.state.InMemoryKeyValueStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateCheckpointTest {
    private static final TopicPartition P0 = new TopicPartition("topic", 0);
    private static final TopicPartition P1 = new TopicPartition("topic", 1);

    @TempDir
    Path dir;

    private static InMemoryKeyValueStore store(String... keysAndValues) {
        InMemoryKeyValueStore store = new InMemoryKeyValueStore("s");
        // No context and no root: a store outside any task registers no restore callback.
        store.init(null, null);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            store.put(Bytes.wrap(keysAndValues[i].getBytes(StandardCharsets.UTF_8)),
                keysAndValues[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return store;
    }

    private static Map<String, StateCheckpoint.SnapshotSource> stores(InMemoryKeyValueStore store) {
        return stores(store, false);
    }

    private static Map<String, StateCheckpoint.SnapshotSource> stores(InMemoryKeyValueStore store,
        boolean headersLayout) {
        return Map.of(store.name(), new StateCheckpoint.SnapshotSource(store, headersLayout));
    }

    /** Loads snapshot "s" and returns its entries as strings, or {@code null} if there was no valid snapshot. */
    private Map<String, String> load(StateCheckpoint checkpoint) {
        return load(checkpoint, false);
    }

    /** As {@link #load(StateCheckpoint)}, into a store whose values are (or are not) in the headers layout. */
    private Map<String, String> load(StateCheckpoint checkpoint, boolean headersLayout) {
        Map<String, String> loaded = new TreeMap<>();
        long count = checkpoint.loadSnapshot("s", new StateCheckpoint.SnapshotSource(store(), headersLayout),
            (key, value) -> loaded.put(new String(key, StandardCharsets.UTF_8), new String(value,
                StandardCharsets.UTF_8)));
        return count < 0 ? null : loaded;
    }

    @Test
    void shouldLoadASnapshotOnlyIntoAStoreOfTheLayoutItWasWrittenIn() {
        StateCheckpoint checkpoint = new StateCheckpoint(dir);
        checkpoint.write(Map.of(P0, 5L), stores(store("a", "1"), true));

        assertEquals(Map.of("a", "1"), load(checkpoint, true));
        assertNull(load(checkpoint, false), "values of the headers layout are not loaded into a store without headers");
        checkpoint.write(Map.of(P0, 5L), stores(store("a", "1"), false));
        assertNull(load(checkpoint, true), "nor the other way round");
    }

    @Test
    void shouldReadBackTheOffsetsAndSnapshotItWrote() {
        StateCheckpoint checkpoint = new StateCheckpoint(dir);
        checkpoint.write(Map.of(P0, 5L, P1, 7L), stores(store("a", "1", "b", "", "c", "3")));

        assertEquals(Map.of(P0, 5L, P1, 7L), checkpoint.read());
        assertEquals(Map.of("a", "1", "b", "", "c", "3"), load(checkpoint));
    }

    @Test
    void shouldRejectASnapshotWhoseCrcDoesNotMatch() throws IOException {
        StateCheckpoint checkpoint = new StateCheckpoint(dir);
        checkpoint.write(Map.of(P0, 5L), stores(store("a", "1")));
        Path snapshot = dir.resolve("s" + StateCheckpoint.SNAPSHOT_SUFFIX);
        byte[] bytes = Files.readAllBytes(snapshot);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(snapshot, bytes);

        assertEquals(null, load(checkpoint), "a corrupt snapshot loads nothing");
    }

    @Test
    void shouldKeepTheOldPairWhenANewSnapshotCannotBeWritten() throws IOException {
        StateCheckpoint checkpoint = new StateCheckpoint(dir);
        checkpoint.write(Map.of(P0, 5L), stores(store("a", "1")));
        // A directory where the temporary snapshot goes makes writing it fail.
        Files.createDirectories(dir.resolve("s" + StateCheckpoint.SNAPSHOT_SUFFIX + ".tmp").resolve("blocker"));

        assertThrows(StreamsException.class, () -> checkpoint.write(Map.of(P0, 9L), stores(store("a", "2"))));
        assertEquals(Map.of(P0, 5L), checkpoint.read());
        assertEquals(Map.of("a", "1"), load(checkpoint));
    }

    @Test
    void shouldLeaveNoCheckpointWhenANewSnapshotCannotBeMovedIntoPlace() throws IOException {
        StateCheckpoint checkpoint = new StateCheckpoint(dir);
        checkpoint.write(Map.of(P0, 5L), stores(store("a", "1")));
        // A non-empty directory where the snapshot goes makes the move fail after the old checkpoint is gone.
        Path snapshot = dir.resolve("s" + StateCheckpoint.SNAPSHOT_SUFFIX);
        Files.delete(snapshot);
        Files.createDirectories(snapshot.resolve("blocker"));

        assertThrows(StreamsException.class, () -> checkpoint.write(Map.of(P0, 9L), stores(store("a", "2"))));
        assertEquals(Map.of(), checkpoint.read(), "no checkpoint claims the offset of a snapshot not in place");
    }

    @Test
    void shouldAcceptOnlyOffsetsBetweenTheLogStartAndTheLogEnd() {
        assertNull(StateCheckpoint.checkOffset(P0, 5, 5, 9), "the log start offset");
        assertNull(StateCheckpoint.checkOffset(P0, 9, 5, 9), "the log end offset");
        assertTrue(StateCheckpoint.checkOffset(P0, 4, 5, 9).contains("below its log start offset 5"));
        assertTrue(StateCheckpoint.checkOffset(P0, 10, 5, 9).contains("above its end offset 9"));
    }

    @Test
    void shouldDeleteASnapshotSoItCannotBeLoadedAgain() {
        StateCheckpoint checkpoint = new StateCheckpoint(dir);
        checkpoint.write(Map.of(P0, 5L), stores(store("a", "1")));

        checkpoint.deleteSnapshot("s");

        assertEquals(null, load(checkpoint));
        assertEquals(Map.of(P0, 5L), checkpoint.read(), "the checkpoint alone cannot put stale entries in a store");
    }

    @Test
    void shouldClearEveryEntryOfAStore() {
        InMemoryKeyValueStore store = store("a", "1", "b", "2");

        StateCheckpoint.clear(store);

        assertEquals(0, store.approximateNumEntries());
    }
}
