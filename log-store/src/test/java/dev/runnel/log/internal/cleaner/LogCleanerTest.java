package dev.runnel.log.internal.cleaner;

import static dev.runnel.log.internal.cleaner.CleanerFixture.batch;
import static dev.runnel.log.internal.cleaner.CleanerFixture.compactConfig;
import static dev.runnel.log.internal.cleaner.CleanerFixture.keyValues;
import static dev.runnel.log.internal.cleaner.CleanerFixture.readAll;
import static dev.runnel.log.internal.cleaner.CleanerFixture.readBatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.errors.CorruptRecordException;
import dev.runnel.common.header.Header;
import dev.runnel.common.record.CompressionType;
import dev.runnel.common.record.TimestampType;
import dev.runnel.common.utils.ManualTime;
import dev.runnel.log.LogConfig;
import dev.runnel.log.internal.cleaner.CleanerFixture.StoredBatch;
import dev.runnel.log.internal.record.Batches;
import dev.runnel.log.internal.record.Record;
import dev.runnel.log.internal.record.RecordBatchBuilder;
import dev.runnel.log.internal.record.RecordCursor;
import dev.runnel.log.internal.segment.LogSegment;
import dev.runnel.log.internal.segment.PartitionLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogCleanerTest {
    @TempDir
    Path dir;

    private final ManualTime time = new ManualTime();
    private final List<PartitionLog> opened = new ArrayList<>();

    @AfterEach
    void checkAndClose() {
        for (PartitionLog log : opened) {
            log.checkInvariants();
            log.close();
        }
    }

    private PartitionLog open(LogConfig config) {
        PartitionLog log = CleanerFixture.open(dir, config, time);
        opened.add(log);
        return log;
    }

    private void append(PartitionLog log, String... keyValues) {
        log.append(batch(time.milliseconds(), keyValues));
    }

    @Test
    void shouldKeepLatestValuePerKeyAndPreserveOffsets() {
        LogConfig config = compactConfig(Map.of());
        PartitionLog log = open(config);
        append(log, "a", "1", "b", "1", "a", "2");
        append(log, "b", "2", "c", "1");
        log.roll();
        append(log, "a", "3");

        assertEquals(1, new LogCleaner(time).clean(log, config, true));

        List<Record> records = readAll(log);
        assertEquals(List.of(2L, 3L, 4L, 5L), records.stream().map(Record::offset).toList());
        assertEquals(List.of("a=2", "b=2", "c=1", "a=3"), keyValues(log));
        assertEquals(0, log.logStartOffset());
        assertEquals(6, log.logEndOffset());
    }

    @Test
    void shouldLandOnNextRetainedRecordWhenReadingRemovedOffset() {
        LogConfig config = compactConfig(Map.of());
        PartitionLog log = open(config);
        append(log, "a", "1", "b", "1", "a", "2", "b", "2");
        append(log, "c", "1");
        append(log, "c", "2");
        log.roll();
        append(log, "d", "1");
        new LogCleaner(time).clean(log, config, true);

        // Offsets 0, 1 and 4 are gone; a read at each returns the batch holding the next retained record.
        assertEquals(2, firstOffsetRead(log, 0));
        assertEquals(2, firstOffsetRead(log, 1));
        assertEquals(3, firstOffsetRead(log, 3));
        assertEquals(5, firstOffsetRead(log, 4));
        assertEquals(6, firstOffsetRead(log, 6));
    }

    private static long firstOffsetRead(PartitionLog log, long offset) {
        ByteBuffer read = log.read(offset, 1).records();
        Batches batches = new Batches(read);
        assertTrue(batches.next());
        for (Record record : RecordCursor.records(batches.batch())) {
            if (record.offset() >= offset) {
                return record.offset();
            }
        }
        throw new AssertionError("no record at or after " + offset + " in the batch read at " + offset);
    }

    @Test
    void shouldKeepTombstoneUntilDeleteRetentionHasPassedSinceFirstCleaning() {
        LogConfig config = compactConfig(Map.of("delete.retention.ms", 1000));
        PartitionLog log = open(config);
        LogCleaner cleaner = new LogCleaner(time);
        append(log, "a", "1", "b", "1");
        append(log, "a", null);
        log.roll();
        append(log, "c", "1");

        time.sleep(5000); // the tombstone's age before the first cleaning does not count
        assertEquals(1, cleaner.clean(log, config, true));
        assertEquals(List.of("b=1", "a=null", "c=1"), keyValues(log));
        StoredBatch tombstoneBatch = readBatches(log).get(1);
        assertTrue(tombstoneBatch.deleteHorizon());
        assertEquals(time.milliseconds() + 1000, tombstoneBatch.baseTimestamp());

        time.sleep(999);
        assertEquals(0, cleaner.clean(log, config, true), "nothing dirty, horizon not reached");
        append(log, "c", "2");
        log.roll();
        assertEquals(2, cleaner.clean(log, config, true));
        assertEquals(List.of("b=1", "a=null", "c=2"), keyValues(log));

        time.sleep(1);
        // The passed horizon alone makes the partition due, whatever the dirty ratio.
        assertEquals(1, cleaner.clean(log, config, false));
        assertEquals(List.of("b=1", "c=2"), keyValues(log));
        assertEquals(0, cleaner.clean(log, config, false));
    }

    @Test
    void shouldHideOlderValuesBehindTombstoneInSameCleaning() {
        LogConfig config = compactConfig(Map.of("delete.retention.ms", 0));
        PartitionLog log = open(config);
        LogCleaner cleaner = new LogCleaner(time);
        append(log, "a", "1");
        log.roll();
        append(log, "a", null, "b", "1");
        log.roll();
        append(log, "z", "1");
        cleaner.clean(log, config, true);
        assertEquals(List.of("a=null", "b=1", "z=1"), keyValues(log));
        // delete.retention.ms=0: the horizon is the first cleaning's time, so any later cleaning drops it.
        time.sleep(1);
        cleaner.clean(log, config, false);
        assertEquals(List.of("b=1", "z=1"), keyValues(log));
    }

    @Test
    void shouldNotCompactSegmentsYoungerThanMinCompactionLag() {
        LogConfig config = compactConfig(Map.of("min.compaction.lag.ms", 10_000));
        PartitionLog log = open(config);
        LogCleaner cleaner = new LogCleaner(time);
        append(log, "a", "1", "a", "2");
        log.roll();
        time.sleep(20_000);
        append(log, "a", "3", "a", "4");
        log.roll();
        append(log, "b", "1");

        assertEquals(1, cleaner.clean(log, config, true));
        assertEquals(List.of("a=2", "a=3", "a=4", "b=1"), keyValues(log));

        time.sleep(9_999);
        assertEquals(0, cleaner.clean(log, config, true));
        time.sleep(1);
        assertEquals(2, cleaner.clean(log, config, true));
        assertEquals(List.of("a=4", "b=1"), keyValues(log));
    }

    @Test
    void shouldCleanOnlyWhenDirtyRatioIsReachedUnlessForced() {
        LogConfig config = compactConfig(Map.of("min.cleanable.dirty.ratio", 0.5));
        PartitionLog log = open(config);
        LogCleaner cleaner = new LogCleaner(time);
        for (int i = 0; i < 20; i++) {
            append(log, "k" + i, "v" + i);
        }
        log.roll();
        append(log, "x", "1");
        assertEquals(1, cleaner.clean(log, config, false), "no checkpoint: everything below the active is dirty");

        append(log, "k0", "new");
        log.roll();
        append(log, "y", "1");
        assertEquals(0, cleaner.clean(log, config, false), "2 dirty batches against 20 clean ones");
        assertEquals("k0=v0", keyValues(log).get(0));
        assertEquals(2, cleaner.clean(log, config, true));
        assertEquals("k1=v1", keyValues(log).get(0));
        assertEquals(0, cleaner.clean(log, config, true), "idempotent: nothing dirty");
    }

    @Test
    void shouldDoNothingForDeletePolicyOrWithoutRolledSegments() {
        LogConfig delete = LogConfig.defaults();
        PartitionLog log = open(compactConfig(Map.of()));
        append(log, "a", "1", "a", "2");
        assertEquals(0, new LogCleaner(time).clean(log, delete, true));
        assertEquals(0, new LogCleaner(time).clean(log, compactConfig(Map.of()), true), "only the active segment");
        assertEquals(List.of("a=1", "a=2"), keyValues(log));
    }

    @Test
    void shouldKeepCodecTimestampTypeAndProducerIdOfRewrittenBatches() {
        LogConfig config = compactConfig(Map.of());
        PartitionLog log = open(config);
        append(log, "a", "1");
        log.append(batch(CompressionType.GZIP, time.milliseconds(), "a", "2", "b", "1", "c", "1"));
        RecordBatchBuilder idempotent = new RecordBatchBuilder(CompressionType.LZ4, TimestampType.CREATE_TIME, 1024);
        idempotent.setProducerState(7L, (short) 1, 100, false);
        idempotent.append(time.milliseconds(), CleanerFixture.bytes("b"), CleanerFixture.bytes("2"), new Header[0]);
        idempotent.append(time.milliseconds(), CleanerFixture.bytes("c"), CleanerFixture.bytes("2"), new Header[0]);
        log.append(CleanerFixture.copy(idempotent.build()));
        append(log, "c", "3");
        log.roll();
        append(log, "z", "1");
        new LogCleaner(time).clean(log, config, true);

        List<StoredBatch> batches = readBatches(log);
        assertEquals(List.of("a=2", "b=2", "c=3", "z=1"), keyValues(log));
        assertEquals(CompressionType.GZIP, batches.get(0).compression());
        assertEquals(1, batches.get(0).baseOffset());
        assertEquals(CompressionType.LZ4, batches.get(1).compression());
        assertEquals(4, batches.get(1).baseOffset());
    }

    @Test
    void shouldKeepTransactionalBatchesUntouched() {
        LogConfig config = compactConfig(Map.of());
        PartitionLog log = open(config);
        RecordBatchBuilder txn = new RecordBatchBuilder(CompressionType.NONE, TimestampType.CREATE_TIME, 1024);
        txn.setProducerState(9L, (short) 0, 0, true);
        txn.append(time.milliseconds(), CleanerFixture.bytes("a"), CleanerFixture.bytes("t"), new Header[0]);
        log.append(CleanerFixture.copy(txn.build()));
        append(log, "a", "2");
        log.roll();
        append(log, "z", "1");
        new LogCleaner(time).clean(log, config, true);
        assertEquals(List.of("a=t", "a=2", "z=1"), keyValues(log));
        assertTrue(readBatches(log).get(0).transactional());
    }

    @Test
    void shouldCleanPrefixThatFitsOffsetMapAndContinueNextRound() throws IOException {
        LogConfig config = compactConfig(Map.of("segment.bytes", 200));
        PartitionLog log = open(config);
        LogCleaner cleaner = new LogCleaner(time, 4);
        for (int round = 0; round < 3; round++) {
            for (int k = 0; k < 8; k++) {
                append(log, "k" + k, "r" + round);
            }
        }
        log.roll();
        append(log, "z", "1");
        int rounds = 0;
        while (cleaner.clean(log, config, true) > 0) {
            rounds++;
            assertTrue(rounds < 20, "cleaning does not converge");
        }
        assertTrue(rounds > 1, "a map of 4 keys cannot clean 8 keys in one round; rounds=" + rounds);
        List<String> expected = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            expected.add("k" + k + "=r2");
        }
        expected.add("z=1");
        assertEquals(expected, keyValues(log));
        Optional<CleanerCheckpoint> checkpoint = CleanerCheckpoint.read(log.dir());
        assertEquals(log.segmentsSnapshot().get(log.numberOfSegments() - 1).baseOffset(),
            checkpoint.orElseThrow().firstDirtyOffset());
    }

    @Test
    void shouldAbortOnCorruptBatchAndLeaveLogUntouched() throws IOException {
        LogConfig config = compactConfig(Map.of());
        PartitionLog log = open(config);
        append(log, "a", "1", "b", "1");
        append(log, "a", "2", "b", "2");
        log.roll();
        append(log, "z", "1");
        LogSegment first = log.segmentsSnapshot().get(0);
        int secondBatch = first.sizeInBytes() / 2;
        try (FileChannel channel = FileChannel.open(first.logFile(), StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {0x7f}), secondBatch + 70);
        }
        Map<Path, byte[]> before = snapshotFiles(log.dir());

        CorruptRecordException e = assertThrows(CorruptRecordException.class,
            () -> new LogCleaner(time).clean(log, config, true));

        assertTrue(e.getMessage().contains("compacted-0") && e.getMessage().contains("offset 2"), e.getMessage());
        assertEquals(before.keySet(), snapshotFiles(log.dir()).keySet());
        before.forEach((file, content) -> assertTrue(Arrays.equals(content, readQuietly(file)),
            file + " changed"));
    }

    private static Map<Path, byte[]> snapshotFiles(Path partitionDir) throws IOException {
        Map<Path, byte[]> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(partitionDir)) {
            for (Path file : list.filter(f -> f.toString().endsWith(".log")
                || f.toString().endsWith(PartitionLog.cleanedSuffix())).toList()) {
                files.put(file, Files.readAllBytes(file));
            }
        }
        return files;
    }

    private static byte[] readQuietly(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void shouldSurviveReopenAndWriteCheckpoint() throws IOException {
        LogConfig config = compactConfig(Map.of());
        PartitionLog log = open(config);
        append(log, "a", "1", "a", "2", "b", "1");
        log.roll();
        append(log, "c", "1");
        new LogCleaner(time).clean(log, config, true);
        assertEquals(3, CleanerCheckpoint.read(log.dir()).orElseThrow().firstDirtyOffset());
        log.close();
        opened.remove(log);

        PartitionLog reopened = open(config);
        assertEquals(List.of("a=2", "b=1", "c=1"), keyValues(reopened));
        assertEquals(0, new LogCleaner(time).clean(reopened, config, true));
        assertFalse(Files.exists(reopened.dir().resolve(CleanerCheckpoint.FILE_NAME + ".tmp")));
    }
}
