package dev.runnel.log.internal.segment;

import dev.runnel.testing.Seeds;
import static dev.runnel.log.internal.segment.TestBatches.batch;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.TopicPartition;
import dev.runnel.common.errors.CorruptRecordException;
import dev.runnel.common.errors.OffsetOutOfRangeException;
import dev.runnel.common.errors.RecordTooLargeException;
import dev.runnel.common.record.TimestampType;
import dev.runnel.common.utils.ManualTime;
import dev.runnel.log.LogConfig;
import dev.runnel.log.internal.record.RecordBatch;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PartitionLogTest {
    private static final TopicPartition TP = new TopicPartition("t", 3);

    @TempDir
    Path dataDir;

    private final ManualTime time = new ManualTime();
    private final OpenPartitionLogs open = new OpenPartitionLogs();

    static LongStream seeds() {
        return Seeds.seeds(40);
    }

    @AfterEach
    void checkAndClose() {
        open.checkInvariantsAndClose();
    }

    private Path dir() {
        return dataDir.resolve(TP.toString());
    }

    private static LogConfig config(Map<String, Object> overrides) {
        return LogConfig.parse(overrides);
    }

    private static LogConfig small() {
        return config(Map.of("segment.bytes", 4096, "index.interval.bytes", 200, "segment.index.bytes", 4096));
    }

    private PartitionLog open(LogConfig config, boolean cleanShutdown) {
        return open.open(dir(), TP, config, time, cleanShutdown);
    }

    /** Forgets a log without closing it, after crash() or close(). */
    private void forget(PartitionLog log) {
        open.forget(log);
    }

    /** One appended batch: its offsets and its bytes. */
    private record Appended(long baseOffset, long lastOffset, long maxTimestampMs, ByteBuffer bytes) {
    }

    private List<Appended> appendRandom(PartitionLog log, SplittableRandom random, int batches) {
        List<Appended> appended = new ArrayList<>();
        for (int i = 0; i < batches; i++) {
            int count = 1 + random.nextInt(5);
            long ts = time.milliseconds() - 1000 + random.nextInt(2000);
            ByteBuffer b = batch(count, ts, random.nextInt(300), random);
            AppendInfo info = log.append(b);
            appended.add(new Appended(info.firstOffset(), info.lastOffset(), ts, b.duplicate()));
        }
        return appended;
    }

    private static List<RecordBatch> batches(ByteBuffer buffer) {
        List<RecordBatch> list = new ArrayList<>();
        for (int p = buffer.position(); p < buffer.limit(); ) {
            RecordBatch b = new RecordBatch().wrap(buffer, p);
            assertTrue(b.isValid(), "batch at " + p + " is invalid");
            list.add(b);
            p += b.sizeInBytes();
        }
        return list;
    }

    @Test
    void shouldAssignOffsetsAndReadBatchesBack() {
        PartitionLog log = open(LogConfig.defaults(), true);
        AppendInfo first = log.append(batch(3, time.milliseconds(), 100));
        AppendInfo second = log.append(TestBatches.concat(batch(2, time.milliseconds(), 10),
            batch(4, time.milliseconds(), 20)));
        assertEquals(new AppendInfo(0, 2, -1, 3), first);
        assertEquals(new AppendInfo(3, 8, -1, 6), second);
        assertEquals(9, log.logEndOffset());
        FetchData all = log.read(0, Integer.MAX_VALUE);
        assertEquals(List.of(0L, 3L, 5L), batches(all.records()).stream().map(RecordBatch::baseOffset)
            .collect(Collectors.toList()));
        assertEquals(0, all.logStartOffset());
        assertEquals(9, all.logEndOffset());
        assertEquals(0, log.read(9, 100).records().remaining());
        OffsetOutOfRangeException e = assertThrows(OffsetOutOfRangeException.class, () -> log.read(10, 100));
        assertEquals("Offset 10 is out of range for partition t-3: valid offsets are [0, 9]", e.getMessage());
    }

    @Test
    void shouldReturnAtLeastOneBatchThenOnlyWholeBatchesWithinMaxBytes() {
        PartitionLog log = open(LogConfig.defaults(), true);
        for (int i = 0; i < 10; i++) {
            log.append(batch(1, time.milliseconds(), 100));
        }
        int size = RecordBatch.HEADER_SIZE + 100;
        assertEquals(size, log.read(0, 1).records().remaining());
        assertEquals(size * 2, log.read(0, size * 3 - 1).records().remaining());
        assertEquals(size * 3, log.read(2, size * 3).records().remaining());
        assertEquals(size * 8, log.read(2, Integer.MAX_VALUE).records().remaining());
    }

    @Test
    void shouldRollBySegmentBytesAndReadAcrossSegments() {
        PartitionLog log = open(small(), true);
        SplittableRandom random = new SplittableRandom(7);
        List<Appended> appended = appendRandom(log, random, 200);
        assertTrue(log.numberOfSegments() > 5, "segments: " + log.numberOfSegments());
        for (LogSegment segment : log.segmentsSnapshot()) {
            assertTrue(segment.sizeInBytes() <= 4096, segment.toString());
        }
        long offset = 0;
        List<ByteBuffer> read = new ArrayList<>();
        while (offset < log.logEndOffset()) {
            FetchData data = log.read(offset, 1000);
            List<RecordBatch> got = batches(data.records());
            assertFalse(got.isEmpty());
            read.add(data.records());
            offset = got.get(got.size() - 1).nextOffset();
        }
        assertEquals(appended.get(appended.size() - 1).lastOffset() + 1, offset);
    }

    @Test
    void shouldRollBySegmentMs() {
        PartitionLog log = open(config(Map.of("segment.ms", 60_000)), true);
        log.append(batch(1, time.milliseconds(), 10));
        time.sleep(59_999);
        log.append(batch(1, time.milliseconds(), 10));
        assertEquals(1, log.numberOfSegments());
        time.sleep(1);
        log.append(batch(1, time.milliseconds(), 10));
        assertEquals(2, log.numberOfSegments());
        assertEquals(2, log.segmentsSnapshot().get(1).baseOffset());
        // An empty active segment never rolls, however old.
        time.sleep(1_000_000);
        log.roll();
        assertEquals(3, log.numberOfSegments());
        log.roll();
        assertEquals(3, log.numberOfSegments());
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void readAtEveryOffsetReturnsTheBatchContainingIt(long seed) {
        PartitionLog log = open(small(), true);
        SplittableRandom random = new SplittableRandom(seed);
        List<Appended> appended = appendRandom(log, random, 150);
        for (Appended a : appended) {
            for (long offset = a.baseOffset(); offset <= a.lastOffset(); offset++) {
                ByteBuffer records = log.read(offset, 1 + random.nextInt(2000)).records();
                RecordBatch first = new RecordBatch().wrap(records, records.position());
                assertEquals(a.baseOffset(), first.baseOffset(), "seed " + seed + ", offset " + offset);
                assertArrayEquals(TestBatches.payload(a.bytes(), 0), TestBatches.payload(records, records.position()),
                    "seed " + seed + ", offset " + offset);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void offsetForTimestampMatchesBruteForce(long seed) {
        PartitionLog log = open(small(), true);
        SplittableRandom random = new SplittableRandom(seed);
        List<Appended> appended = appendRandom(log, random, 150);
        long min = time.milliseconds() - 1100;
        long max = time.milliseconds() + 1100;
        for (long ts = min; ts <= max; ts += 1 + random.nextInt(20)) {
            long expected = -1;
            for (Appended a : appended) {
                if (a.maxTimestampMs() >= ts) {
                    expected = a.baseOffset();
                    break;
                }
            }
            assertEquals(expected, log.offsetForTimestamp(ts), "seed " + seed + ", timestamp " + ts);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void recoveryAfterATornTailKeepsAPrefix(long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        PartitionLog log = open(small(), true);
        List<Appended> appended = appendRandom(log, random, 60 + random.nextInt(60));
        if (random.nextBoolean()) {
            log.flush(appended.get(random.nextInt(appended.size())).lastOffset() + 1);
        }
        log.crash();
        forget(log);
        List<Path> logs = segmentFiles();
        Path last = logs.get(logs.size() - 1);
        long size = Files.size(last);
        long cut = size == 0 ? 0 : random.nextLong(size + 1);
        try (RandomAccessFile raf = new RandomAccessFile(last.toFile(), "rw")) {
            raf.setLength(cut);
        }

        PartitionLog reopened = open(small(), false);
        reopened.checkInvariants();
        long end = reopened.logEndOffset();
        List<Appended> kept = appended.stream().filter(a -> a.lastOffset() < end).collect(Collectors.toList());
        assertTrue(kept.isEmpty() || kept.get(kept.size() - 1).lastOffset() == end - 1,
            "seed " + seed + ": the log must end on a batch boundary, at " + end);
        long offset = 0;
        for (Appended a : kept) {
            ByteBuffer records = reopened.read(offset, 1).records();
            assertEquals(a.baseOffset(), new RecordBatch().wrap(records, 0).baseOffset(), "seed " + seed);
            assertArrayEquals(TestBatches.payload(a.bytes(), 0), TestBatches.payload(records, 0), "seed " + seed);
            offset = a.lastOffset() + 1;
        }
        AppendInfo next = reopened.append(batch(2, time.milliseconds(), 50));
        assertEquals(end, next.firstOffset(), "seed " + seed);
        assertEquals(end + 2, reopened.logEndOffset());
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".log")).sorted()
                .collect(Collectors.toList());
        }
    }

    /** Flips one payload byte of the batch holding {@code offset}; returns that batch's base offset. */
    private long flipPayloadByte(PartitionLog log, long offset) throws IOException {
        LogSegment segment = log.segmentsSnapshot().stream().filter(s -> s.baseOffset() <= offset)
            .reduce((a, b) -> b).orElseThrow();
        long base = log.read(offset, 1).records().getLong(0);
        int position = findPosition(segment, base);
        try (RandomAccessFile raf = new RandomAccessFile(segment.logFile().toFile(), "rw")) {
            long at = position + RecordBatch.RECORDS_OFFSET + 3;
            raf.seek(at);
            int b = raf.read();
            raf.seek(at);
            raf.write(b ^ 0x40);
        }
        return base;
    }

    private static int findPosition(LogSegment segment, long baseOffset) throws IOException {
        ByteBuffer all = ByteBuffer.allocate(segment.sizeInBytes());
        try (var channel = java.nio.channels.FileChannel.open(segment.logFile())) {
            channel.read(all, 0);
        }
        all.flip();
        for (int p = 0; p < all.limit(); ) {
            RecordBatch b = new RecordBatch().wrap(all, p);
            if (b.baseOffset() == baseOffset) {
                return p;
            }
            p += b.sizeInBytes();
        }
        throw new AssertionError("no batch with base offset " + baseOffset);
    }

    @Test
    void shouldTruncateAtAFlippedByteOnUncleanRecovery() throws IOException {
        PartitionLog log = open(small(), true);
        List<Appended> appended = appendRandom(log, new SplittableRandom(11), 100);
        long victim = flipPayloadByte(log, appended.get(60).baseOffset());
        log.crash();
        forget(log);
        // Nothing was flushed, so the recovery point is 0 and every segment is scanned.
        PartitionLog reopened = open(small(), false);
        assertEquals(victim, reopened.logEndOffset());
        long offset = 0;
        while (offset < reopened.logEndOffset()) {
            List<RecordBatch> got = batches(reopened.read(offset, 5000).records());
            offset = got.get(got.size() - 1).nextOffset();
        }
        assertEquals(victim, offset);
        assertEquals(victim, reopened.append(batch(1, time.milliseconds(), 5)).firstOffset());
    }

    @Test
    void shouldRefuseToReadAFlippedByteWithoutRecovery() throws IOException {
        PartitionLog log = open(small(), true);
        List<Appended> appended = appendRandom(log, new SplittableRandom(12), 100);
        Appended target = appended.get(60);
        long victim = flipPayloadByte(log, target.baseOffset());
        log.close();
        forget(log);
        PartitionLog reopened = open(small(), true);
        CorruptRecordException e = assertThrows(CorruptRecordException.class,
            () -> reopened.read(target.lastOffset(), 100_000));
        assertTrue(e.getMessage().startsWith("Record batch for partition t-3 at offset " + target.lastOffset()
            + " is corrupt: "), e.getMessage());
        // A read that starts earlier checks only its first batch's CRC; the corrupt batch comes back as bytes that
        // fail RecordBatch.isValid(), the check every consumer makes before returning records.
        Appended before = appended.get(59);
        ByteBuffer read = reopened.read(before.baseOffset(), 100_000).records();
        List<RecordBatch> got = new ArrayList<>();
        for (int p = read.position(); p < read.limit(); p += got.get(got.size() - 1).sizeInBytes()) {
            got.add(new RecordBatch().wrap(read, p));
        }
        assertEquals(before.baseOffset(), got.get(0).baseOffset());
        assertTrue(got.get(0).isValid());
        assertEquals(victim, got.get(0).nextOffset());
        assertEquals(victim, got.get(1).baseOffset());
        assertFalse(got.get(1).isValid(), "the flipped byte breaks the CRC");
    }

    @Test
    void shouldNotTrustAGarbageLengthField() throws IOException {
        PartitionLog log = open(LogConfig.defaults(), true);
        List<Appended> appended = appendRandom(log, new SplittableRandom(13), 50);
        LogSegment segment = log.segmentsSnapshot().get(0);
        Appended target = appended.get(30);
        int position = findPosition(segment, target.baseOffset());
        try (RandomAccessFile raf = new RandomAccessFile(segment.logFile().toFile(), "rw")) {
            raf.seek(position + RecordBatch.LENGTH_OFFSET);
            raf.writeInt(0x7fff_fff0);
        }
        List<RecordBatch> got = batches(log.read(appended.get(29).baseOffset(), Integer.MAX_VALUE).records());
        assertEquals(1, got.size());
        CorruptRecordException e = assertThrows(CorruptRecordException.class,
            () -> log.read(target.baseOffset(), Integer.MAX_VALUE));
        assertTrue(e.getMessage().contains("at offset " + target.baseOffset()) && e.getMessage().contains("length"),
            e.getMessage());
        log.crash();
        forget(log);
        PartitionLog reopened = open(LogConfig.defaults(), false);
        assertEquals(target.baseOffset(), reopened.logEndOffset());
    }

    @Test
    void shouldRebuildACorruptIndexOnOpen() throws IOException {
        PartitionLog log = open(small(), true);
        List<Appended> appended = appendRandom(log, new SplittableRandom(14), 100);
        log.close();
        forget(log);
        Path index = dir().resolve(LogSegment.fileName(0, LogSegment.INDEX_SUFFIX));
        try (RandomAccessFile raf = new RandomAccessFile(index.toFile(), "rw")) {
            assertTrue(raf.length() >= 16, "the first segment should have index entries");
            raf.seek(8);
            raf.writeInt(0);
        }
        PartitionLog reopened = open(small(), true);
        reopened.checkInvariants();
        for (Appended a : appended) {
            assertEquals(a.baseOffset(), reopened.read(a.lastOffset(), 1).records().getLong(0));
        }
    }

    @Test
    void shouldRefuseBatchesLargerThanMaxMessageBytes() {
        PartitionLog log = open(config(Map.of("max.message.bytes", 1000)), true);
        log.append(batch(1, time.milliseconds(), 1000 - RecordBatch.HEADER_SIZE));
        ByteBuffer tooLarge = TestBatches.concat(batch(1, time.milliseconds(), 10),
            batch(1, time.milliseconds(), 1001 - RecordBatch.HEADER_SIZE));
        RecordTooLargeException e = assertThrows(RecordTooLargeException.class, () -> log.append(tooLarge));
        assertEquals("The record (a batch of 1001 bytes) sent to partition t-3 is larger than the topic's "
            + "max.message.bytes of 1000 bytes; raise max.message.bytes for the topic or send a smaller record",
            e.getMessage());
        assertEquals(1, log.logEndOffset());
        assertEquals(1000, log.sizeInBytes());
    }

    @Test
    void shouldRefuseCorruptOrTruncatedBatchesWithoutWritingAnything() {
        PartitionLog log = open(LogConfig.defaults(), true);
        ByteBuffer good = batch(2, time.milliseconds(), 50);
        ByteBuffer bad = batch(2, time.milliseconds(), 50);
        bad.put(RecordBatch.RECORDS_OFFSET + 1, (byte) (bad.get(RecordBatch.RECORDS_OFFSET + 1) + 1));
        CorruptRecordException e = assertThrows(CorruptRecordException.class,
            () -> log.append(TestBatches.concat(good, bad)));
        assertTrue(e.getMessage().startsWith("Record batch at byte " + good.remaining()
            + " of the append to partition t-3 is corrupt: its CRC"), e.getMessage());
        ByteBuffer torn = TestBatches.concat(good, bad).limit(good.remaining() + 30);
        assertThrows(CorruptRecordException.class, () -> log.append(torn));
        assertEquals(0, log.logEndOffset());
        assertEquals(0, log.sizeInBytes());
    }

    @Test
    void shouldStampLogAppendTime() {
        PartitionLog log = open(config(Map.of("message.timestamp.type", "LogAppendTime")), true);
        ByteBuffer b = batch(3, 42L, 20);
        time.sleep(1234);
        AppendInfo info = log.append(b);
        assertEquals(time.milliseconds(), info.logAppendTime());
        RecordBatch stored = new RecordBatch().wrap(log.read(0, 1000).records(), 0);
        assertTrue(stored.isValid());
        assertEquals(TimestampType.LOG_APPEND_TIME, stored.timestampType());
        assertEquals(time.milliseconds(), stored.maxTimestamp());
        assertEquals(0, log.offsetForTimestamp(time.milliseconds()));
        assertEquals(-1, log.offsetForTimestamp(time.milliseconds() + 1));
    }

    @Test
    void shouldDeleteSegmentsByTimeAndKeepOffsets() {
        PartitionLog log = open(config(Map.of("segment.bytes", 2048, "retention.ms", 10_000,
            "file.delete.delay.ms", 0)), true);
        for (int i = 0; i < 30; i++) {
            log.append(batch(2, time.milliseconds(), 300));
            time.sleep(1000);
        }
        int segmentsBefore = log.numberOfSegments();
        long end = log.logEndOffset();
        int deleted = log.deleteRetentionExpiredSegments();
        assertTrue(deleted > 0 && deleted < segmentsBefore, "deleted " + deleted + " of " + segmentsBefore);
        long start = log.logStartOffset();
        assertEquals(log.segmentsSnapshot().get(0).baseOffset(), start);
        assertThrows(OffsetOutOfRangeException.class, () -> log.read(start - 1, 100));
        assertEquals(start, log.read(start, 100).records().getLong(0));
        // Everything expires: the active segment rolls first, so appends continue at the old log end offset.
        time.sleep(100_000);
        int remaining = log.numberOfSegments();
        assertEquals(remaining, log.deleteRetentionExpiredSegments());
        assertEquals(1, log.numberOfSegments());
        assertEquals(end, log.logStartOffset());
        assertEquals(end, log.logEndOffset());
        assertEquals(end, log.append(batch(1, time.milliseconds(), 10)).firstOffset());
        assertEquals(0, log.deleteRetentionExpiredSegments());
        log.close();
        forget(log);
        PartitionLog reopened = open(config(Map.of("segment.bytes", 2048, "retention.ms", 10_000)), true);
        assertEquals(end, reopened.logStartOffset());
        assertEquals(end + 1, reopened.logEndOffset());
    }

    @Test
    void shouldDeleteSegmentsBySize() {
        PartitionLog log = open(config(Map.of("segment.bytes", 1024, "retention.bytes", 3000,
            "file.delete.delay.ms", 0)), true);
        for (int i = 0; i < 40; i++) {
            log.append(batch(1, time.milliseconds(), 200 - RecordBatch.HEADER_SIZE));
        }
        // 200-byte batches, 5 per segment of 1000 bytes: 8 segments, the last one full and active.
        assertEquals(8, log.numberOfSegments());
        int deleted = log.deleteRetentionExpiredSegments();
        assertEquals(5, deleted);
        assertEquals(3000, log.sizeInBytes());
        assertEquals(25, log.logStartOffset());
        assertEquals(40, log.append(batch(1, time.milliseconds(), 10)).firstOffset());
        log.updateConfig(config(Map.of("cleanup.policy", "compact", "retention.bytes", 10)));
        assertEquals(0, log.deleteRetentionExpiredSegments());
    }

    @Test
    void retentionRunsAlongsideAppends() throws Exception {
        PartitionLog log = open(config(Map.of("segment.bytes", 1024, "retention.bytes", 4096,
            "file.delete.delay.ms", 0)), true);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> appender = pool.submit(() -> {
                for (int i = 0; i < 2000; i++) {
                    log.append(batch(1, time.milliseconds(), 100));
                }
            });
            Future<?> reader = pool.submit(() -> {
                while (!appender.isDone()) {
                    log.deleteRetentionExpiredSegments();
                    long start = log.logStartOffset();
                    try {
                        log.read(start, 500);
                    } catch (OffsetOutOfRangeException e) {
                        // Retention moved the start meanwhile.
                    }
                }
            });
            appender.get();
            reader.get();
        } finally {
            pool.shutdown();
        }
        log.deleteRetentionExpiredSegments();
        assertEquals(2000, log.logEndOffset());
        assertTrue(log.sizeInBytes() <= 4096 + 1024, "size " + log.sizeInBytes());
    }

    @Test
    void groupCommitFromSeveralThreadsMakesDataDurable() throws Exception {
        PartitionLog log = open(small(), true);
        int threads = 4;
        int perThread = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        Map<Long, Integer> payloadSizes = new HashMap<>();
        List<Future<List<AppendInfo>>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    List<AppendInfo> infos = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        AppendInfo info = log.append(batch(1, time.milliseconds(), 10 + thread));
                        log.flush(info.lastOffset() + 1);
                        assertTrue(log.recoveryPoint() > info.lastOffset());
                        infos.add(info);
                    }
                    return infos;
                }));
            }
            start.countDown();
            for (int t = 0; t < threads; t++) {
                for (AppendInfo info : futures.get(t).get()) {
                    payloadSizes.put(info.firstOffset(), 10 + t);
                }
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(threads * perThread, log.logEndOffset());
        assertEquals(threads * perThread, log.recoveryPoint());
        log.flush(5);
        log.crash();
        forget(log);
        PartitionLog reopened = open(small(), false);
        assertEquals(threads * perThread, reopened.logEndOffset());
        for (long offset = 0; offset < threads * perThread; offset++) {
            ByteBuffer records = reopened.read(offset, 1).records();
            assertEquals(RecordBatch.HEADER_SIZE + payloadSizes.get(offset), records.remaining());
        }
    }

    @Test
    void shouldRecoverOnlyFromTheRecoveryPoint() throws IOException {
        PartitionLog log = open(small(), true);
        appendRandom(log, new SplittableRandom(15), 100);
        log.flush(log.logEndOffset());
        log.roll();
        log.crash();
        forget(log);
        // The roll checkpointed the recovery point, so only the (empty) active segment is scanned; a corrupt byte in
        // an earlier segment stays unseen until read.
        List<Path> logs = segmentFiles();
        try (RandomAccessFile raf = new RandomAccessFile(logs.get(0).toFile(), "rw")) {
            raf.seek(RecordBatch.RECORDS_OFFSET + 1);
            raf.write(0x55 ^ raf.readByte());
        }
        long end;
        PartitionLog reopened = open(small(), false);
        end = reopened.logEndOffset();
        assertTrue(end > 0);
        assertThrows(CorruptRecordException.class, () -> reopened.read(0, 10));
    }

    @Test
    void shouldReplaceSegmentsAndCleanUpLeftovers() throws IOException {
        PartitionLog log = open(small(), true);
        List<Appended> appended = appendRandom(log, new SplittableRandom(16), 100);
        List<LogSegment> snapshot = log.segmentsSnapshot();
        List<LogSegment> old = snapshot.subList(0, 2);
        long end = old.get(1).readNextOffset();
        LogSegment cleaned = log.createSegment(0, PartitionLog.cleanedSuffix());
        // Keep only the last batch of the two segments, at its original offset.
        Appended kept = appended.stream().filter(a -> a.lastOffset() == end - 1).findFirst().orElseThrow();
        ByteBuffer copy = kept.bytes().duplicate();
        cleaned.append(kept.lastOffset(), kept.maxTimestampMs(), kept.lastOffset(), copy);
        log.replaceSegments(old, cleaned);
        assertEquals(snapshot.size() - 1, log.numberOfSegments());
        assertEquals(kept.baseOffset(), log.read(0, 1).records().getLong(0));
        assertEquals(end, log.read(end, 1).records().getLong(0));
        log.checkInvariants();
        log.close();
        forget(log);

        Files.write(dir().resolve("00000000000000000077.log.cleaned"), new byte[] {1, 2, 3});
        Files.write(dir().resolve("00000000000000000078.index.swap"), new byte[] {1});
        Files.write(dir().resolve("00000000000000000079.log.deleted"), new byte[] {1});
        PartitionLog reopened = open(small(), true);
        try (Stream<Path> files = Files.list(dir())) {
            List<String> names = files.map(p -> p.getFileName().toString()).collect(Collectors.toList());
            assertTrue(names.stream().noneMatch(n -> n.endsWith(".cleaned") || n.endsWith(".swap")
                || n.endsWith(".deleted")), names.toString());
        }
        assertEquals(kept.baseOffset(), reopened.read(0, 1).records().getLong(0));
    }

    @Test
    void shouldFinishACommittedSwapAfterACrash() throws IOException {
        PartitionLog log = open(small(), true);
        List<Appended> appended = appendRandom(log, new SplittableRandom(17), 100);
        List<LogSegment> old = log.segmentsSnapshot().subList(0, 2);
        long end = old.get(1).readNextOffset();
        Appended kept = appended.stream().filter(a -> a.lastOffset() == end - 1).findFirst().orElseThrow();
        LogSegment cleaned = log.createSegment(0, PartitionLog.cleanedSuffix());
        cleaned.append(kept.lastOffset(), kept.maxTimestampMs(), kept.lastOffset(), kept.bytes().duplicate());
        cleaned.flush();
        log.close();
        forget(log);
        // Simulate a crash right after the commit point: the cleaned segment renamed to .swap, old segments intact.
        cleaned.changeFileSuffixes(".cleaned", ".swap");
        cleaned.close();
        PartitionLog reopened = open(small(), false);
        assertEquals(kept.baseOffset(), reopened.read(0, 1).records().getLong(0));
        assertFalse(Files.exists(dir().resolve(LogSegment.fileName(old.get(1).baseOffset(), ".log"))));
        assertEquals(appended.get(appended.size() - 1).lastOffset() + 1, reopened.logEndOffset());
    }

    @Test
    void shouldDeleteEverything() {
        PartitionLog log = open(small(), true);
        appendRandom(log, new SplittableRandom(18), 50);
        log.deleteAll();
        forget(log);
        assertFalse(Files.exists(dir()));
    }
}
