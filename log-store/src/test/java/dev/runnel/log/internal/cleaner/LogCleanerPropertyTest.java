package dev.runnel.log.internal.cleaner;

import dev.runnel.testing.Seeds;
import static dev.runnel.log.internal.cleaner.CleanerFixture.bytes;
import static dev.runnel.log.internal.cleaner.CleanerFixture.compactConfig;
import static dev.runnel.log.internal.cleaner.CleanerFixture.readAll;
import static dev.runnel.log.internal.cleaner.CleanerFixture.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.header.Header;
import dev.runnel.common.header.internals.RecordHeader;
import dev.runnel.common.record.CompressionType;
import dev.runnel.common.record.TimestampType;
import dev.runnel.common.utils.ManualTime;
import dev.runnel.log.LogConfig;
import dev.runnel.log.internal.record.Record;
import dev.runnel.log.internal.record.RecordBatchBuilder;
import dev.runnel.log.internal.segment.AppendInfo;
import dev.runnel.log.internal.segment.PartitionLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Drives a compacted partition and a model (every appended record) from one seed: random updates and deletes over a
 * small key set, many small segments, random codecs, then cleaning until nothing is left to do.
 */
class LogCleanerPropertyTest {
    private static final CompressionType[] CODECS = CompressionType.values();

    @TempDir
    Path dir;

    static LongStream seeds() {
        return Seeds.seeds(12);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void compactionKeepsExactlyLatestRecordPerKey(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ManualTime time = new ManualTime();
        LogConfig config = compactConfig(Map.of("segment.bytes", random.nextInt(300, 2000),
            "delete.retention.ms", Long.MAX_VALUE / 4));
        int mapCapacity = random.nextBoolean() ? 1 << 12 : random.nextInt(4, 40);
        String context = "seed=" + seed + ", segment.bytes=" + config.segmentBytes() + ", mapCapacity=" + mapCapacity;
        Path partitionDir = dir.resolve("p" + seed);
        PartitionLog log = PartitionLog.open(partitionDir, CleanerFixture.TP, config, time, false);
        try {
            List<Record> appended = appendRandom(log, random, time);
            long activeBase = log.segmentsSnapshot().get(log.numberOfSegments() - 1).baseOffset();
            assertTrue(log.numberOfSegments() > 3, context + ": too few segments");

            LogCleaner cleaner = new LogCleaner(time, mapCapacity);
            cleanUntilDone(cleaner, log, config, context);
            List<Record> cleaned = readAll(log);
            check(appended, cleaned, activeBase, context);
            log.checkInvariants();

            assertEquals(0, cleaner.clean(log, config, true), context + ": a second cleaning did work");
            assertEquals(cleaned, readAll(log), context + ": a second cleaning changed the log");
            log.close();
            log = PartitionLog.open(partitionDir, CleanerFixture.TP, config, time, false);
            assertEquals(cleaned, readAll(log), context + ": reopening changed the log");
            log.checkInvariants();
        } finally {
            log.close();
        }
    }

    private static List<Record> appendRandom(PartitionLog log, SplittableRandom random, ManualTime time) {
        int keys = random.nextInt(3, 25);
        int batches = random.nextInt(60, 250);
        List<Record> appended = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            CompressionType codec = CODECS[random.nextInt(CODECS.length)];
            RecordBatchBuilder builder = new RecordBatchBuilder(codec, TimestampType.CREATE_TIME, 1 << 16);
            int count = random.nextInt(1, 6);
            List<Record> pending = new ArrayList<>();
            for (int r = 0; r < count; r++) {
                byte[] key = bytes("key-" + random.nextInt(keys));
                byte[] value = random.nextInt(5) == 0 ? null : bytes("v" + b + "." + r + "-" + random.nextInt(1000));
                Header[] headers = random.nextInt(8) == 0
                    ? new Header[] {new RecordHeader("h", bytes(Integer.toString(r)))} : new Header[0];
                long timestamp = time.milliseconds() - random.nextInt(100);
                builder.append(timestamp, key, value, headers);
                pending.add(new Record(r, timestamp, key, value, headers));
            }
            AppendInfo info = log.append(CleanerFixture.copy(builder.build()));
            for (Record record : pending) {
                appended.add(new Record(info.firstOffset() + record.offset(), record.timestamp(), record.key(),
                    record.value(), record.headers()));
            }
            time.sleep(random.nextInt(0, 50));
        }
        return appended;
    }

    private static void cleanUntilDone(LogCleaner cleaner, PartitionLog log, LogConfig config, String context) {
        for (int round = 0; ; round++) {
            assertTrue(round < 500, context + ": cleaning does not converge");
            if (cleaner.clean(log, config, true) == 0) {
                return;
            }
            log.checkInvariants();
        }
    }

    /**
     * Below the active segment: exactly the latest record of each key among those below it, tombstones included
     * (their horizon is far away). From the active segment on: everything as appended. Folded by key: the model.
     */
    private static void check(List<Record> appended, List<Record> cleaned, long activeBase, String context) {
        Map<String, Record> latestBelowActive = new HashMap<>();
        List<Record> activeRecords = new ArrayList<>();
        Map<String, String> model = new TreeMap<>();
        for (Record record : appended) {
            if (record.offset() < activeBase) {
                latestBelowActive.put(string(record.key()), record);
            } else {
                activeRecords.add(record);
            }
            if (record.value() == null) {
                model.remove(string(record.key()));
            } else {
                model.put(string(record.key()), string(record.value()));
            }
        }
        List<Record> expected = new ArrayList<>(latestBelowActive.values());
        expected.sort((a, b) -> Long.compare(a.offset(), b.offset()));
        expected.addAll(activeRecords);
        assertEquals(expected, cleaned, context);

        Map<String, String> folded = new LinkedHashMap<>();
        for (Record record : cleaned) {
            if (record.value() == null) {
                folded.remove(string(record.key()));
            } else {
                folded.put(string(record.key()), string(record.value()));
            }
        }
        assertEquals(model, new TreeMap<>(folded), context);
    }
}
