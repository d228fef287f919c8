package dev.runnel.log.internal.index;

import dev.runnel.testing.Seeds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OffsetIndexTest {
    private static final long BASE = 1_000L;

    @TempDir
    Path dir;

    static LongStream seeds() {
        return Seeds.seeds(20);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void lookupMatchesTreeMapFloorEntry(long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        int maxEntries = 1 + random.nextInt(3000);
        try (OffsetIndex index = new OffsetIndex(dir.resolve("a.index"), BASE, maxEntries * OffsetIndex.ENTRY_SIZE)) {
            TreeMap<Long, Integer> model = new TreeMap<>();
            long offset = BASE;
            int position = 0;
            int n = random.nextInt(maxEntries + 1);
            for (int i = 0; i < n; i++) {
                offset += 1 + random.nextInt(50);
                position += random.nextInt(5000);
                index.append(offset, position);
                model.put(offset, position);
            }
            for (int probe = 0; probe < 2000; probe++) {
                long target = BASE - 5 + random.nextLong(offset - BASE + 60);
                Map.Entry<Long, Integer> expected = model.floorEntry(target);
                OffsetPosition actual = index.lookup(target);
                OffsetPosition want = expected == null ? new OffsetPosition(BASE, 0)
                    : new OffsetPosition(expected.getKey(), expected.getValue());
                assertEquals(want, actual, "seed " + seed + ", target " + target);
            }
            long cut = BASE + random.nextLong(offset - BASE + 2);
            index.truncateTo(cut);
            model.tailMap(cut, true).clear();
            assertEquals(model.size(), index.entries(), "seed " + seed + ", truncateTo " + cut);
            assertEquals(model.isEmpty() ? BASE : model.lastKey(), index.lastOffset(), "seed " + seed);
            index.sanityCheck();
        }
    }

    @Test
    void shouldKeepEntriesAcrossTrimAndReopen() throws IOException {
        Path file = dir.resolve("b.index");
        try (OffsetIndex index = new OffsetIndex(file, BASE, 4096)) {
            index.append(BASE + 10, 100);
            index.append(BASE + 20, 200);
        }
        assertEquals(16, file.toFile().length());
        try (OffsetIndex index = new OffsetIndex(file, BASE, 4096)) {
            index.sanityCheck();
            assertEquals(new OffsetPosition(BASE + 10, 100), index.lookup(BASE + 15));
            assertEquals(2, index.entries());
        }
    }

    @Test
    void shouldRejectSizeThatIsNotAMultipleOfTheEntrySize() throws IOException {
        Path file = dir.resolve("00000000000000001000.index");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(8 * 3 + 5);
        }
        try (OffsetIndex index = new OffsetIndex(file, BASE, 4096)) {
            CorruptIndexException e = assertThrows(CorruptIndexException.class, index::sanityCheck);
            assertEquals("Index file 00000000000000001000.index is corrupt: 29 bytes is not a multiple of entry size 8",
                e.getMessage());
        }
    }

    @Test
    void shouldRejectNonIncreasingEntries() throws IOException {
        Path file = dir.resolve("c.index");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.writeInt(10);
            raf.writeInt(100);
            raf.writeInt(10);
            raf.writeInt(200);
        }
        try (OffsetIndex index = new OffsetIndex(file, BASE, 4096)) {
            CorruptIndexException e = assertThrows(CorruptIndexException.class, index::sanityCheck);
            assertTrue(e.getMessage().contains("keys must increase"), e.getMessage());
        }
    }

    @Test
    void shouldRefuseEntriesOutOfOrderOrWhenFull() throws IOException {
        try (OffsetIndex index = new OffsetIndex(dir.resolve("d.index"), BASE, 16)) {
            index.append(BASE + 1, 10);
            assertThrows(IllegalArgumentException.class, () -> index.append(BASE + 1, 20));
            index.append(BASE + 2, 20);
            assertTrue(index.isFull());
            assertThrows(IllegalStateException.class, () -> index.append(BASE + 3, 30));
        }
    }
}
