package dev.runnel.log.internal.cleaner;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.TopicPartition;
import dev.runnel.common.header.Header;
import dev.runnel.common.record.CompressionType;
import dev.runnel.common.record.TimestampType;
import dev.runnel.common.utils.ManualTime;
import dev.runnel.log.LogConfig;
import dev.runnel.log.internal.record.Batches;
import dev.runnel.log.internal.record.Record;
import dev.runnel.log.internal.record.RecordBatch;
import dev.runnel.log.internal.record.RecordBatchBuilder;
import dev.runnel.log.internal.record.RecordCursor;
import dev.runnel.log.internal.segment.FetchData;
import dev.runnel.log.internal.segment.PartitionLog;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds batches and reads partitions back for the cleaner's tests. */
final class CleanerFixture {
    static final TopicPartition TP = new TopicPartition("compacted", 0);

    private CleanerFixture() {
    }

    /** Seeds for property tests: fixed ones, or the single seed given with {@code -Dtest.seed=}. */
    static LogConfig compactConfig(Map<String, ?> overrides) {
        Map<String, Object> configs = new HashMap<>();
        configs.put("cleanup.policy", "compact");
        configs.putAll(overrides);
        return LogConfig.parse(configs);
    }

    static PartitionLog open(Path dir, LogConfig config, ManualTime time) {
        return PartitionLog.open(dir.resolve(TP.toString()), TP, config, time, false);
    }

    static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    static String string(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** One uncompressed CreateTime batch of key/value pairs; a null value is a tombstone. */
    static ByteBuffer batch(long timestamp, String... keyValues) {
        return batch(CompressionType.NONE, timestamp, keyValues);
    }

    static ByteBuffer batch(CompressionType compression, long timestamp, String... keyValues) {
        RecordBatchBuilder builder = new RecordBatchBuilder(compression, TimestampType.CREATE_TIME, 1 << 16);
        for (int i = 0; i < keyValues.length; i += 2) {
            builder.append(timestamp, bytes(keyValues[i]), bytes(keyValues[i + 1]), new Header[0]);
        }
        return copy(builder.build());
    }

    static ByteBuffer copy(ByteBuffer buffer) {
        ByteBuffer copy = ByteBuffer.allocate(buffer.remaining());
        copy.put(buffer.duplicate()).flip();
        return copy;
    }

    /** A stored batch: its flags and records. */
    record StoredBatch(long baseOffset, CompressionType compression, boolean deleteHorizon, long baseTimestamp,
                       boolean transactional, List<Record> records) {
    }

    /** Reads every batch from the log start to the log end, checking CRCs and that offsets ascend. */
    static List<StoredBatch> readBatches(PartitionLog log) {
        List<StoredBatch> result = new ArrayList<>();
        long offset = log.logStartOffset();
        long lastOffset = -1;
        while (offset < log.logEndOffset()) {
            FetchData data = log.read(offset, 4096);
            if (!data.records().hasRemaining()) {
                break;
            }
            Batches batches = new Batches(data.records());
            while (batches.next()) {
                RecordBatch batch = batches.batch();
                assertTrue(batch.isValid(), "invalid CRC in " + batch);
                List<Record> records = RecordCursor.records(batch);
                for (Record record : records) {
                    assertTrue(record.offset() > lastOffset, "offset " + record.offset() + " after " + lastOffset);
                    lastOffset = record.offset();
                }
                result.add(new StoredBatch(batch.baseOffset(), batch.compressionType(), batch.hasDeleteHorizon(),
                    batch.baseTimestamp(), batch.isTransactional(), records));
                offset = batch.nextOffset();
            }
        }
        return result;
    }

    static List<Record> readAll(PartitionLog log) {
        List<Record> records = new ArrayList<>();
        for (StoredBatch batch : readBatches(log)) {
            records.addAll(batch.records());
        }
        return records;
    }

    /** "key=value" (or "key=null") per record, in log order. */
    static List<String> keyValues(PartitionLog log) {
        List<String> result = new ArrayList<>();
        for (Record record : readAll(log)) {
            result.add(string(record.key()) + "=" + string(record.value()));
        }
        return result;
    }
}
