package dev.runnel.log.crash;

import dev.runnel.testing.Seeds;
import static dev.runnel.log.crash.DataDirLayout.CLEAN_SHUTDOWN_MARKER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.consumer.KafkaConsumer;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.errors.CorruptRecordException;
import dev.runnel.common.serialization.StringDeserializer;
import dev.runnel.log.crash.DataDirLayout.Batch;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bit rot in a cleanly shut-down log: bytes are flipped inside one batch in the middle of a segment while the
 * clean-shutdown marker stays, so no recovery scan runs and the corruption reaches the read path. The consumer must
 * return the records before it, then throw {@link CorruptRecordException} naming topic, partition and offset, never
 * return the corrupt batch's records, and continue after a {@code seek} past it.
 *
 * <p>The flipped bytes lie in the CRC field or in what the CRC covers, except the last offset delta: the batch's
 * framing (base offset, length, magic, last offset delta) stays intact, since seeking past a batch needs it.
 * Seeded: {@code -Dtest.seed=} replays one case; the seed is in every assertion message.
 */
class CorruptSegmentIT {
    private static final String TOPIC = "ledger";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);

    @TempDir
    Path dataDir;

    static LongStream seeds() {
        return Seeds.seeds(16);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void consumerRefusesACorruptBatchNamingItAndContinuesAfterSeekingPastIt(long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> written = CrashFixtures.writeAndCloseCleanly(dataDir, TOPIC, random, 200 + random.nextInt(200),
            "seed=" + seed);

        List<Path> candidates = new ArrayList<>();
        for (Path segment : DataDirLayout.segments(dataDir, TOPIC, 0)) {
            if (DataDirLayout.batches(segment).size() >= 3) {
                candidates.add(segment);
            }
        }
        assertTrue(!candidates.isEmpty(), "seed=" + seed + ": no segment has 3 batches");
        Path segment = candidates.get(random.nextInt(candidates.size()));
        List<Batch> batches = DataDirLayout.batches(segment);
        Batch corrupt = batches.get(1 + random.nextInt(batches.size() - 2));
        int flips = 1 + random.nextInt(4);
        List<Integer> flipped = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            for (int i = 0; i < flips; i++) {
                int at = corrupt.position() + flippablePosition(random, corrupt.size());
                ByteBuffer one = ByteBuffer.allocate(1);
                channel.read(one, at);
                one.put(0, (byte) (one.get(0) ^ (1 + random.nextInt(255)))).rewind();
                channel.write(one, at);
                flipped.add(at);
            }
        }
        String where = "seed=" + seed + " " + segment.getFileName() + " batch@" + corrupt.position() + " offsets "
            + corrupt.baseOffset() + ".." + corrupt.lastOffset() + " flipped bytes " + flipped;
        System.out.println(where);
        assertTrue(Files.exists(dataDir.resolve(CLEAN_SHUTDOWN_MARKER)), where);

        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(CrashFixtures.config(dataDir,
            "auto.offset.reset", "earliest", "max.poll.records", 1 + random.nextInt(100)), new StringDeserializer(),
            new StringDeserializer())) {
            consumer.assign(List.of(TP));
            long end = consumer.endOffsets(List.of(TP)).get(TP);
            assertEquals(written.size(), end, where);

            List<ConsumerRecord<String, String>> before = new ArrayList<>();
            CorruptRecordException error = pollUntilCorrupt(consumer, before, where);
            assertEquals(written.subList(0, (int) corrupt.baseOffset()), values(before, 0, where),
                where + ": the records before the corrupt batch are not all returned");
            String message = String.valueOf(error.getMessage());
            assertTrue(message.contains(TOPIC) && message.contains("partition " + TP)
                && message.contains("offset " + corrupt.baseOffset()), where + ": the error does not name topic, "
                + "partition and offset: " + message);

            // The position stays at the corrupt batch: polling again fails again rather than skipping it.
            assertEquals(corrupt.baseOffset(), consumer.position(TP), where);
            assertThrows(CorruptRecordException.class, () -> consumer.poll(Duration.ofMillis(50)), where);

            consumer.seek(TP, corrupt.lastOffset() + 1);
            List<ConsumerRecord<String, String>> after = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (consumer.position(TP) < end) {
                assertTrue(System.nanoTime() < deadline, where + ": reading after the seek stalled");
                consumer.poll(Duration.ofMillis(100)).forEach(after::add);
            }
            assertEquals(written.subList((int) corrupt.lastOffset() + 1, written.size()),
                values(after, corrupt.lastOffset() + 1, where), where + ": the records after the corrupt batch");
        }
    }

    /** A byte of the batch whose change fails the CRC check but leaves the framing readable. */
    private static int flippablePosition(SplittableRandom random, int batchSize) {
        while (true) {
            int at = DataDirLayout.CRC_OFFSET + random.nextInt(batchSize - DataDirLayout.CRC_OFFSET);
            if (at < DataDirLayout.LAST_OFFSET_DELTA_OFFSET || at >= DataDirLayout.LAST_OFFSET_DELTA_OFFSET + 4) {
                return at;
            }
        }
    }

    private static CorruptRecordException pollUntilCorrupt(KafkaConsumer<String, String> consumer,
                                                           List<ConsumerRecord<String, String>> out, String where) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                consumer.poll(Duration.ofMillis(100)).forEach(out::add);
            } catch (CorruptRecordException e) {
                return e;
            }
        }
        fail(where + ": no CorruptRecordException; read " + out.size() + " records, last "
            + (out.isEmpty() ? "none" : out.get(out.size() - 1).value()));
        return null;
    }

    private static List<String> values(List<ConsumerRecord<String, String>> records, long firstOffset,
                                       String where) {
        List<String> values = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            assertEquals(firstOffset + i, records.get(i).offset(), where + ": offsets are not dense");
            values.add(records.get(i).value());
        }
        return values;
    }
}
