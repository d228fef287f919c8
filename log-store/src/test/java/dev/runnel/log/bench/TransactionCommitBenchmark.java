package dev.runnel.log.bench;

import dev.runnel.clients.producer.KafkaProducer;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.record.CompressionType;
import dev.runnel.common.record.TimestampType;
import dev.runnel.common.serialization.ByteArraySerializer;
import dev.runnel.common.utils.Time;
import dev.runnel.log.LogConfig;
import dev.runnel.log.RunnelLog;
import dev.runnel.log.internal.record.RecordBatchBuilder;
import dev.runnel.log.internal.segment.PartitionLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
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
 * {@code commitTransaction} of a transaction that wrote one record to each of {@code partitions} partitions (the
 * records are written and fsynced before the timed call): PrepareCommit fsynced, one marker per partition, the
 * markers fsynced in one parallel pass, CompleteCommit. {@code fsyncOnePartition} is the baseline: one small append
 * and its fsync. Run: {@code bench/jmh TransactionCommitBenchmark -f 1 -wi 3 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TransactionCommitBenchmark {
    @Param({"10"})
    public int partitions;

    private Path dir;
    private RunnelLog log;
    private KafkaProducer<byte[], byte[]> producer;
    private final byte[] value = new byte[100];

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("txn-commit-bench");
        log = RunnelLog.open(dir);
        log.createTopic("bench", partitions, Map.of());
        producer = new KafkaProducer<>(Map.of("log.dir", dir.toString(), "linger.ms", 0, "transactional.id",
            "bench"), new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
    }

    @Setup(Level.Invocation)
    public void openTransaction() {
        producer.beginTransaction();
        for (int p = 0; p < partitions; p++) {
            producer.send(new ProducerRecord<>("bench", p, null, value));
        }
        producer.flush();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        producer.close();
        log.close();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    @Benchmark
    public void commitTransaction() {
        producer.commitTransaction();
    }

    @Benchmark
    public static long fsyncOnePartition(Baseline state) {
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
