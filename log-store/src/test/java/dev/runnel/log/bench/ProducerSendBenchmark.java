package dev.runnel.log.bench;

import dev.runnel.clients.producer.Callback;
import dev.runnel.clients.producer.KafkaProducer;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.header.Header;
import dev.runnel.common.serialization.ByteArraySerializer;
import dev.runnel.log.RunnelLog;
import dev.runnel.common.utils.Directories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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

/**
 * The sending thread's cost of one small record (4-byte key and value, a callback, no future), with a stream
 * thread's producer settings (256 KiB batches, 100 ms linger): what a Streams repartition or output send pays per
 * record. Run it short ({@code -wi 3 -i 5 -f 1}): every record reaches the log folder, about 30 bytes each.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ProducerSendBenchmark {
    private static final String TOPIC = "bench";
    private static final Callback IGNORE = (metadata, exception) -> {
    };
    private static final Header[] NO_HEADERS = new Header[0];

    private Path dir;
    private RunnelLog log;
    private KafkaProducer<byte[], byte[]> producer;
    private final byte[][] keys = new byte[1024][];
    private final byte[] value = {1, 2, 3, 4};
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("producer-send-bench");
        log = RunnelLog.open(dir);
        log.createTopic(TOPIC, 1, Map.of());
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new byte[] {(byte) i, (byte) (i >> 8), 0, 1};
        }
        producer = new KafkaProducer<>(Map.of("log.dir", dir.toString(), "linger.ms", 100, "batch.size", 262_144),
            new ByteArraySerializer(), new ByteArraySerializer());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        producer.close();
        log.close();
        Directories.deleteRecursively(dir);
    }

    @Benchmark
    public void send() {
        byte[] key = keys[next++ & (keys.length - 1)];
        producer.sendWithCallbackOnly(new ProducerRecord<>(TOPIC, null, 0L, key, value), IGNORE);
    }

    /** The same send as Kafka Streams' record collector makes it: serialized fields, no {@code ProducerRecord}. */
    @Benchmark
    public void sendSerialized() {
        byte[] key = keys[next++ & (keys.length - 1)];
        producer.sendSerializedWithCallbackOnly(TOPIC, null, 0L, key, value, NO_HEADERS, IGNORE);
    }
}
