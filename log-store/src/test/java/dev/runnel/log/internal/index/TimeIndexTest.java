package dev.runnel.log.internal.index;

import dev.runnel.testing.Seeds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TimeIndexTest {
    private static final long BASE = 500L;

    @TempDir
    Path dir;

    static LongStream seeds() {
        return Seeds.seeds(20);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void lookupMatchesModel(long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        int maxEntries = 1 + random.nextInt(2000);
        try (TimeIndex index = new TimeIndex(dir.resolve("a.timeindex"), BASE, maxEntries * TimeIndex.ENTRY_SIZE)) {
            List<TimestampOffset> model = new ArrayList<>();
            long offset = BASE;
            long timestamp = 1_000_000L;
            for (int i = 0; i < maxEntries + 10; i++) {
                offset += random.nextInt(20);
                // Sometimes equal or smaller: such entries are skipped, as the running max did not grow.
                timestamp += random.nextInt(100) - 10;
                boolean appended = index.maybeAppend(timestamp, offset);
                TimestampOffset last = model.isEmpty() ? null : model.get(model.size() - 1);
                boolean expected = model.size() < maxEntries && (last == null || timestamp > last.timestampMs());
                assertEquals(expected, appended, "seed " + seed + ", entry " + i);
                if (expected) {
                    model.add(new TimestampOffset(timestamp, offset));
                }
            }
            for (int probe = 0; probe < 2000; probe++) {
                long target = 1_000_000L - 50 + random.nextLong(timestamp - 1_000_000L + 200);
                TimestampOffset expected = new TimestampOffset(TimeIndex.NO_TIMESTAMP, BASE);
                for (TimestampOffset entry : model) {
                    if (entry.timestampMs() < target) {
                        expected = entry;
                    }
                }
                assertEquals(expected, index.lookup(target), "seed " + seed + ", target " + target);
            }
            long cut = BASE + random.nextLong(offset - BASE + 2);
            index.truncateTo(cut);
            model.removeIf(e -> e.offset() >= cut);
            assertEquals(model.size(), index.entries(), "seed " + seed + ", truncateTo " + cut);
            index.sanityCheck();
        }
    }

    @Test
    void shouldDetectAPreallocatedFileLeftByACrash() throws IOException {
        Path file = dir.resolve("00000000000000000500.timeindex");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(12 * 100);
        }
        try (TimeIndex index = new TimeIndex(file, BASE, 12 * 100)) {
            CorruptIndexException e = assertThrows(CorruptIndexException.class, index::sanityCheck);
            assertEquals("Index file 00000000000000000500.timeindex is corrupt: entry 1 has key 0 after key 0; keys "
                + "must increase", e.getMessage());
        }
    }
}
