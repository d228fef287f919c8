package dev.runnel.log.bench;

import dev.runnel.common.TopicPartition;
import dev.runnel.common.utils.Time;
import dev.runnel.log.LogConfig;
import dev.runnel.log.internal.record.RecordBatch;
import dev.runnel.log.internal.segment.PartitionLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Appends of already-built batches (one 16 KiB batch ≈ 130 records of 100-byte values per call), no fsync, as a
 * producer at acks=1 drives the log. Reports appends per second; multiply by {@code batchBytes} for bytes per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PartitionLogAppendBenchmark {
    @Param({"16384"})
    public int batchBytes;

    private Path dir;
    private PartitionLog log;
    private ByteBuffer batch;

    @Setup(Level.Iteration)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("partition-log-bench");
        log = PartitionLog.open(dir.resolve("bench-0"), new TopicPartition("bench", 0),
            LogConfig.parse(Map.of("segment.bytes", 256 * 1024 * 1024)), Time.SYSTEM, true);
        batch = ByteBuffer.allocateDirect(batchBytes);
        int records = (batchBytes - RecordBatch.HEADER_SIZE) / 120;
        batch.putInt(RecordBatch.LENGTH_OFFSET, batchBytes - RecordBatch.LOG_OVERHEAD);
        batch.put(RecordBatch.MAGIC_OFFSET, RecordBatch.MAGIC);
        batch.putInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, records - 1);
        batch.putLong(RecordBatch.MAX_TIMESTAMP_OFFSET, System.currentTimeMillis());
        batch.putInt(RecordBatch.RECORDS_COUNT_OFFSET, records);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = RecordBatch.RECORDS_OFFSET; i < batchBytes; i++) {
            batch.put(i, (byte) random.nextInt(256));
        }
        batch.putInt(RecordBatch.CRC_OFFSET, (int) RecordBatch.of(batch).computeChecksum());
    }

    @TearDown(Level.Iteration)
    public void tearDown() {
        log.deleteAll();
    }

    @Benchmark
    public long append() {
        return log.append(batch.duplicate()).lastOffset();
    }
}
