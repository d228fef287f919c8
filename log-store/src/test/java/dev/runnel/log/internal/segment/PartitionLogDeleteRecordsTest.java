package dev.runnel.log.internal.segment;

import static dev.runnel.log.internal.segment.TestBatches.batch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.TopicPartition;
import dev.runnel.common.errors.OffsetOutOfRangeException;
import dev.runnel.common.utils.ManualTime;
import dev.runnel.log.LogConfig;
import dev.runnel.log.internal.record.RecordBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PartitionLog#deleteRecordsBefore}: the log start offset moves inside a segment and stays after restarts. */
class PartitionLogDeleteRecordsTest {
    private static final TopicPartition TP = new TopicPartition("t", 0);
    private static final LogConfig CONFIG = LogConfig.parse(Map.of("segment.bytes", 1024, "file.delete.delay.ms", 0,
        "retention.ms", 10_000));

    @TempDir
    Path dataDir;

    private final ManualTime time = new ManualTime();
    private final OpenPartitionLogs open = new OpenPartitionLogs();

    @AfterEach
    void checkAndClose() {
        open.checkInvariantsAndClose();
    }

    private PartitionLog open(boolean cleanShutdown) {
        return open.open(dataDir.resolve(TP.toString()), TP, CONFIG, time, cleanShutdown);
    }

    /** Appends 40 single-record batches of about 300 bytes: three per 1 KiB segment. */
    private PartitionLog filledLog() {
        PartitionLog log = open(true);
        for (int i = 0; i < 40; i++) {
            log.append(batch(1, time.milliseconds(), 300));
        }
        assertTrue(log.numberOfSegments() > 10, "segments: " + log.numberOfSegments());
        return log;
    }

    private Path segmentFile(long baseOffset) {
        return dataDir.resolve(TP.toString()).resolve(LogSegment.fileName(baseOffset, LogSegment.LOG_SUFFIX));
    }

    @Test
    void shouldMoveTheStartInsideASegmentAndDeleteTheSegmentsWhollyBelowIt() {
        PartitionLog log = filledLog();
        List<LogSegment> before = log.segmentsSnapshot();
        LogSegment straddled = before.get(3);
        long target = straddled.baseOffset() + 1;

        assertEquals(target, log.deleteRecordsBefore(target));

        assertEquals(target, log.logStartOffset());
        assertEquals(before.size() - 3, log.numberOfSegments());
        assertEquals(straddled.baseOffset(), log.segmentsSnapshot().get(0).baseOffset());
        for (LogSegment gone : before.subList(0, 3)) {
            assertFalse(Files.exists(segmentFile(gone.baseOffset())), gone + " is still on disk");
        }
        assertTrue(Files.exists(segmentFile(straddled.baseOffset())));
        assertThrows(OffsetOutOfRangeException.class, () -> log.read(target - 1, 100));
        RecordBatch first = new RecordBatch().wrap(log.read(target, 100).records(), 0);
        assertEquals(target, first.baseOffset());
        // The same or a lower offset changes nothing.
        assertEquals(target, log.deleteRecordsBefore(target - 1));
        assertEquals(target, log.logStartOffset());
    }

    @Test
    void shouldDeleteEverythingButTheActiveSegmentUpToTheLogEnd() {
        PartitionLog log = filledLog();
        long end = log.logEndOffset();
        assertEquals(end, log.deleteRecordsBefore(end));
        assertEquals(1, log.numberOfSegments());
        assertEquals(end, log.logStartOffset());
        assertEquals(end, log.append(batch(1, time.milliseconds(), 10)).firstOffset());
    }

    @Test
    void shouldRefuseOffsetsPastTheLogEndOrNegative() {
        PartitionLog log = filledLog();
        long end = log.logEndOffset();
        OffsetOutOfRangeException e = assertThrows(OffsetOutOfRangeException.class,
            () -> log.deleteRecordsBefore(end + 1));
        assertEquals("Cannot delete the records of partition t-0 before offset " + (end + 1) + ": valid offsets are "
            + "[0, " + end + "], the log end offset", e.getMessage());
        assertThrows(OffsetOutOfRangeException.class, () -> log.deleteRecordsBefore(-2));
        assertEquals(0, log.logStartOffset());
    }

    @Test
    void shouldKeepTheStartOffsetAfterACleanRestartAndAfterACrash() {
        PartitionLog log = filledLog();
        long target = log.segmentsSnapshot().get(2).baseOffset() + 1;
        log.deleteRecordsBefore(target);
        log.close();
        open.forget(log);

        PartitionLog reopened = open(true);
        assertEquals(target, reopened.logStartOffset());
        assertThrows(OffsetOutOfRangeException.class, () -> reopened.read(target - 1, 100));
        reopened.crash();
        open.forget(reopened);

        PartitionLog recovered = open(false);
        assertEquals(target, recovered.logStartOffset());
        assertThrows(OffsetOutOfRangeException.class, () -> recovered.read(target - 1, 100));
    }

    @Test
    void shouldLetRetentionDeleteTheSegmentThatHoldsTheStart() {
        PartitionLog log = filledLog();
        long target = log.segmentsSnapshot().get(3).baseOffset() + 1;
        log.deleteRecordsBefore(target);
        time.sleep(20_000);
        log.append(batch(1, time.milliseconds(), 300));
        assertTrue(log.deleteRetentionExpiredSegments() > 0);
        assertTrue(log.logStartOffset() > target, "start " + log.logStartOffset());
        assertEquals(log.segmentsSnapshot().get(0).baseOffset(), log.logStartOffset());
    }
}
