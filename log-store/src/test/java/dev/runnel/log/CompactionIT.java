package dev.runnel.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.TopicPartition;
import dev.runnel.common.header.Header;
import dev.runnel.common.record.CompressionType;
import dev.runnel.common.record.TimestampType;
import dev.runnel.common.utils.ManualTime;
import dev.runnel.log.internal.record.Batches;
import dev.runnel.log.internal.record.Record;
import dev.runnel.log.internal.record.RecordBatchBuilder;
import dev.runnel.log.internal.record.RecordCursor;
import dev.runnel.log.internal.segment.FetchData;
import dev.runnel.log.internal.segment.PartitionLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compaction through the public embedded log: real files, reopening, leftovers of an interrupted cleaning. */
class CompactionIT {
    private static final TopicPartition TP = new TopicPartition("users", 0);

    @TempDir
    Path dataDir;

    private final ManualTime time = new ManualTime();

    private RunnelLog open() {
        return RunnelLog.open(RunnelLogConfig.of(dataDir), time);
    }

    @Test
    void shouldCompactAndKeepDataAcrossReopenAndInterruptedCleaning() throws IOException {
        Map<String, String> model = new TreeMap<>();
        List<Record> compacted;
        try (RunnelLog log = open()) {
            log.createTopic("users", 1, Map.of("cleanup.policy", "compact", "segment.bytes", "1024"));
            appendRandom(log, new SplittableRandom(42), model, 300);
            assertTrue(log.partition(TP).numberOfSegments() > 5);

            assertTrue(log.compact("users") > 0);
            compacted = readAll(log.partition(TP));
            assertEquals(model, fold(compacted));
            assertOneRecordPerKeyBelowActive(log.partition(TP), compacted);
            log.partition(TP).checkInvariants();
            assertEquals(0, log.compact("users"), "nothing dirty after compaction");
        }

        try (RunnelLog log = open()) {
            assertEquals(compacted, readAll(log.partition(TP)), "after a clean shutdown");
            assertEquals(0, log.compact("users"), "the cleaner checkpoint survives a restart");
        }

        // A crash while cleaning leaves a .cleaned segment; one after the swap but before the checkpoint leaves
        // none. Both reopen as a log with the same records.
        Path partitionDir = dataDir.resolve("users-0");
        Path firstLog = partitionDir.resolve("00000000000000000000.log");
        Files.copy(firstLog, partitionDir.resolve("00000000000000000000.log.cleaned"),
            StandardCopyOption.REPLACE_EXISTING);
        Files.delete(partitionDir.resolve("cleaner-offset-checkpoint"));
        try (RunnelLog log = open()) {
            assertFalse(Files.exists(partitionDir.resolve("00000000000000000000.log.cleaned")));
            assertEquals(compacted, readAll(log.partition(TP)));
            assertTrue(log.compact("users") > 0, "without a checkpoint everything is dirty again");
            assertEquals(compacted, readAll(log.partition(TP)), "cleaning is idempotent");
            appendRandom(log, new SplittableRandom(7), model, 100);
            log.compact("users");
            assertEquals(model, fold(readAll(log.partition(TP))));
            log.partition(TP).checkInvariants();
        }
        try (Stream<Path> files = Files.list(partitionDir)) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".cleaned") || f.toString().endsWith(".swap")));
        }
    }

    @Test
    void shouldApplyRetentionAndCompactionUnderCompactDelete() {
        try (RunnelLog log = open()) {
            log.createTopic("users", 1, Map.of("cleanup.policy", "compact,delete", "segment.bytes", "1024",
                "retention.ms", "60000", "delete.retention.ms", "1000"));
            Map<String, String> ignored = new TreeMap<>();
            appendRandom(log, new SplittableRandom(1), ignored, 150);
            time.sleep(120_000);
            Map<String, String> recent = new TreeMap<>();
            long recentStart = log.partition(TP).logEndOffset();
            appendRandom(log, new SplittableRandom(2), recent, 150);

            assertTrue(log.runMaintenance() > 0);

            PartitionLog partition = log.partition(TP);
            assertTrue(partition.logStartOffset() > 0 && partition.logStartOffset() <= recentStart,
                "retention deleted the expired segments: start " + partition.logStartOffset());
            List<Record> records = readAll(partition);
            assertEquals(recent, fold(records.stream().filter(r -> r.offset() >= recentStart).toList()));
            assertOneRecordPerKeyBelowActive(partition, records);
            partition.checkInvariants();
        }
    }

    /** Appends {@code batches} batches of 1 to 4 records over 20 keys, a fifth of them tombstones, to the model. */
    private void appendRandom(RunnelLog log, SplittableRandom random, Map<String, String> model, int batches) {
        for (int b = 0; b < batches; b++) {
            CompressionType codec = random.nextBoolean() ? CompressionType.NONE : CompressionType.LZ4;
            RecordBatchBuilder builder = new RecordBatchBuilder(codec, TimestampType.CREATE_TIME, 1 << 16);
            int count = random.nextInt(1, 5);
            for (int r = 0; r < count; r++) {
                String key = "user-" + random.nextInt(20);
                String value = random.nextInt(5) == 0 ? null : "profile-" + b + "-" + r;
                builder.append(time.milliseconds(), bytes(key), bytes(value), new Header[0]);
                if (value == null) {
                    model.remove(key);
                } else {
                    model.put(key, value);
                }
            }
            ByteBuffer built = builder.build();
            ByteBuffer copy = ByteBuffer.allocate(built.remaining()).put(built).flip();
            log.append(TP, copy);
            time.sleep(10);
        }
    }

    private static void assertOneRecordPerKeyBelowActive(PartitionLog partition, List<Record> records) {
        long activeBase = partition.segmentsSnapshot().get(partition.numberOfSegments() - 1).baseOffset();
        Set<String> seen = new HashSet<>();
        for (Record record : records) {
            if (record.offset() < activeBase) {
                assertTrue(seen.add(string(record.key())), "key " + string(record.key()) + " appears twice");
            }
        }
    }

    private static List<Record> readAll(PartitionLog partition) {
        List<Record> records = new ArrayList<>();
        long offset = partition.logStartOffset();
        while (offset < partition.logEndOffset()) {
            FetchData data = partition.read(offset, 64 * 1024);
            if (!data.records().hasRemaining()) {
                break;
            }
            Batches batches = new Batches(data.records());
            while (batches.next()) {
                assertTrue(batches.batch().isValid());
                for (Record record : RecordCursor.records(batches.batch())) {
                    assertTrue(records.isEmpty() || record.offset() > records.get(records.size() - 1).offset());
                    records.add(record);
                }
                offset = batches.batch().nextOffset();
            }
        }
        return records;
    }

    private static Map<String, String> fold(List<Record> records) {
        Map<String, String> state = new TreeMap<>();
        for (Record record : records) {
            if (record.value() == null) {
                state.remove(string(record.key()));
            } else {
                state.put(string(record.key()), string(record.value()));
            }
        }
        return state;
    }

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
}
