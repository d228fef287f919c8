package dev.runnel.log.bench;

import dev.runnel.log.internal.index.OffsetIndex;
import dev.runnel.log.internal.index.OffsetPosition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
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

/** Lookups in a full 10 MiB offset index (1,310,720 entries): random offsets, and offsets near the tail. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OffsetIndexBenchmark {
    private static final long BASE_OFFSET = 1_000_000L;
    private static final int INDEX_BYTES = 10 * 1024 * 1024;
    private static final int OFFSETS_PER_ENTRY = 37;

    private Path dir;
    private OffsetIndex index;
    private long lastOffset;
    private long[] probes;
    private long[] tailProbes;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("offset-index-bench");
        index = new OffsetIndex(dir.resolve("00000000000001000000.index"), BASE_OFFSET, INDEX_BYTES);
        long offset = BASE_OFFSET;
        int position = 0;
        while (!index.isFull()) {
            index.append(offset, position);
            offset += OFFSETS_PER_ENTRY;
            position += 1000;
        }
        lastOffset = offset;
        SplittableRandom random = new SplittableRandom(42);
        probes = new long[1 << 16];
        tailProbes = new long[1 << 16];
        for (int i = 0; i < probes.length; i++) {
            probes[i] = BASE_OFFSET + random.nextLong(lastOffset - BASE_OFFSET);
            tailProbes[i] = lastOffset - random.nextLong(20_000);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        index.close();
        index.deleteIfExists();
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public OffsetPosition randomLookup() {
        return index.lookup(probes[next++ & (probes.length - 1)]);
    }

    @Benchmark
    public OffsetPosition tailLookup() {
        return index.lookup(tailProbes[next++ & (tailProbes.length - 1)]);
    }
}
