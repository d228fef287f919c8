package dev.runnel.log.bench;

import dev.runnel.common.TopicPartition;
import dev.runnel.common.record.CompressionType;
import dev.runnel.common.record.TimestampType;
import dev.runnel.common.utils.Time;
import dev.runnel.log.LogConfig;
import dev.runnel.log.internal.record.RecordBatchBuilder;
import dev.runnel.log.internal.segment.PartitionLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** One small append and its fsync on one partition: the unit {@link TransactionCommitBenchmark} is compared with. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FsyncBaselineBenchmark {
    @Benchmark
    public long fsyncOnePartition(Baseline state) {
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE, TimestampType.CREATE_TIME, 256);
        builder.append(0L, null, state.value, null);
        long next = state.partition.append(builder.build()).lastOffset() + 1;
        state.partition.flush(next);
        return next;
    }

    /** One partition of its own log: an append and fsync, the unit a commit is compared with. */
    @State(Scope.Benchmark)
    public static class Baseline {
        private final byte[] value = new byte[100];
        private Path dir;
        private PartitionLog partition;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            dir = Files.createTempDirectory("fsync-bench");
            partition = PartitionLog.open(dir.resolve("baseline-0"), new TopicPartition("baseline", 0),
                LogConfig.defaults(), Time.SYSTEM, true);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            partition.deleteAll();
        }
    }
}
