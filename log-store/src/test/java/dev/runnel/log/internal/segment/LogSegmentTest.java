package dev.runnel.log.internal.segment;

import dev.runnel.testing.Seeds;
import static dev.runnel.log.internal.segment.TestBatches.batch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.runnel.common.utils.ManualTime;
import dev.runnel.log.internal.record.RecordBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LogSegmentTest {
    private static final long BASE = 100L;

    @TempDir
    Path dir;

    private final ManualTime time = new ManualTime();

    static LongStream seeds() {
        return Seeds.seeds(10);
    }

    /** Appends batches at offsets from BASE on; returns each batch's base offset, plus the next offset last. */
    private List<Long> fill(LogSegment segment, SplittableRandom random, int batches) throws IOException {
        List<Long> bases = new ArrayList<>();
        long next = BASE;
        for (int i = 0; i < batches; i++) {
            int count = 1 + random.nextInt(4);
            ByteBuffer b = batch(count, time.milliseconds() + i, random.nextInt(200), random);
            new RecordBatch().wrap(b, 0).setBaseOffset(next);
            segment.append(next + count - 1, time.milliseconds() + i, next + count - 1, b);
            bases.add(next);
            next += count;
        }
        bases.add(next);
        return bases;
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void truncateToRemovesTheBatchHoldingTheOffsetAndEverythingAfter(long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        try (LogSegment segment = LogSegment.open(dir, BASE, 150, 4096, "", time)) {
            List<Long> bases = fill(segment, random, 80);
            int cutBatch = random.nextInt(bases.size() - 1);
            long cutOffset = bases.get(cutBatch) + random.nextLong(bases.get(cutBatch + 1) - bases.get(cutBatch));
            segment.truncateTo(cutOffset);
            assertEquals(bases.get(cutBatch), segment.readNextOffset(), "seed " + seed);
            segment.checkInvariants();
            assertNull(segment.read(bases.get(cutBatch), 100, Integer.MAX_VALUE), "seed " + seed);
            if (cutBatch > 0) {
                ByteBuffer last = segment.read(bases.get(cutBatch - 1), 1, Integer.MAX_VALUE);
                assertEquals(bases.get(cutBatch - 1), last.getLong(0), "seed " + seed);
            }
        }
    }

    @Test
    void recoverRebuildsTheSameIndexesAndReportsTruncatedBytes() throws IOException {
        try (LogSegment segment = LogSegment.open(dir, BASE, 150, 4096, "", time)) {
            List<Long> bases = fill(segment, new SplittableRandom(3), 60);
            int entries = segment.offsetIndex().entries();
            long next = segment.readNextOffset();
            assertEquals(0, segment.recover());
            assertEquals(entries, segment.offsetIndex().entries());
            assertEquals(next, segment.readNextOffset());
            segment.checkInvariants();
            assertEquals(bases.get(bases.size() - 1), next);
        }
    }
}
