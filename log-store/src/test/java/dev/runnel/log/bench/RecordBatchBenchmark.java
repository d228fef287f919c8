package dev.runnel.log.bench;

import dev.runnel.common.header.Header;
import dev.runnel.common.record.CompressionType;
import dev.runnel.common.record.TimestampType;
import dev.runnel.log.internal.record.RecordBatch;
import dev.runnel.log.internal.record.RecordBatchBuilder;
import dev.runnel.log.internal.record.RecordCursor;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Encodes and decodes one batch of 160 records (8-byte keys, 100-byte values, no headers), about a 16 KB
 * {@code batch.size}. Records per second = ops per second x 160.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RecordBatchBenchmark {
    static final int RECORDS = 160;
    private static final Header[] NO_HEADERS = new Header[0];

    @Param({"none", "lz4"})
    public String compression;

    private final byte[][] keys = new byte[RECORDS][];
    private final byte[][] values = new byte[RECORDS][];
    private RecordBatchBuilder builder;
    private RecordBatch batch;
    private final RecordCursor cursor = new RecordCursor();

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < RECORDS; i++) {
            keys[i] = new byte[8];
            random.nextBytes(keys[i]);
            values[i] = new byte[100];
            // Half random, half text-like, so lz4 has something to find.
            for (int j = 0; j < 100; j++) {
                values[i][j] = j < 50 ? (byte) random.nextInt(256) : (byte) ('a' + (j % 13));
            }
        }
        builder = new RecordBatchBuilder(CompressionType.forName(compression), TimestampType.CREATE_TIME, 1 << 20);
        ByteBuffer built = encode();
        batch = RecordBatch.of(ByteBuffer.allocate(built.remaining()).put(built).flip());
    }

    @Benchmark
    public ByteBuffer encode() {
        builder.reset();
        long timestamp = 1_700_000_000_000L;
        for (int i = 0; i < RECORDS; i++) {
            builder.append(timestamp + i, keys[i], values[i], NO_HEADERS);
        }
        return builder.build();
    }

    @Benchmark
    public void decode(Blackhole blackhole) {
        cursor.reset(batch);
        while (cursor.next()) {
            blackhole.consume(cursor.offset());
            blackhole.consume(cursor.timestamp());
            blackhole.consume(cursor.key());
            blackhole.consume(cursor.value());
        }
    }
}
