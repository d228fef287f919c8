package dev.runnel.log.bench;

import dev.runnel.clients.producer.KafkaProducer;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.serialization.ByteArraySerializer;
import dev.runnel.log.RunnelLog;
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
 * records are written before the timed call, not fsynced): the records fsynced in one parallel pass, PrepareCommit
 * fsynced, one marker per partition, the markers fsynced in one parallel pass, CompleteCommit. The baseline is one
 * small append and its fsync, in {@link FsyncBaselineBenchmark}. Run:
 * {@code bench/jmh TransactionCommitBenchmark -f 1 -wi 3 -i 5}.
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
}
