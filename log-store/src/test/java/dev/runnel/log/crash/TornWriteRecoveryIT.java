package dev.runnel.log.crash;

import dev.runnel.testing.Seeds;
import static dev.runnel.log.crash.DataDirLayout.CLEAN_SHUTDOWN_MARKER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.log.crash.DataDirLayout.Batch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Simulates a torn write in a closed log: the last segment is cut at a random byte, or gets garbage appended, or both,
 * and the clean-shutdown marker is removed, as after a crash. Reopening must keep exactly the whole batches before
 * the tear (a prefix of what was written), reading must never throw, and appends must continue at the next offset.
 * Seeded: {@code -Dtest.seed=} replays one case; the seed is in every assertion message.
 */
class TornWriteRecoveryIT {
    private static final String TOPIC = "torn";

    @TempDir
    Path dataDir;

    static LongStream seeds() {
        return Seeds.seeds(32);
    }

    private enum Tear { TRUNCATE, APPEND_GARBAGE, TRUNCATE_AND_APPEND_GARBAGE }

    private enum Garbage { RANDOM_BYTES, PREFIX_OF_NEXT_BATCH, NEXT_BATCH_WITH_BAD_CRC }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void recoveryKeepsExactlyTheWholeBatchesBeforeATornWrite(long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> written = CrashFixtures.writeAndCloseCleanly(dataDir, TOPIC, random, 150 + random.nextInt(250),
            "seed=" + seed);

        List<Path> segments = DataDirLayout.segments(dataDir, TOPIC, 0);
        Path last = segments.get(segments.size() - 1);
        List<Batch> batches = DataDirLayout.batches(last);
        Batch lastBatch = batches.get(batches.size() - 1);
        assertEquals(written.size() - 1, lastBatch.lastOffset(), "seed=" + seed + ": layout of " + last);
        long size = Files.size(last);
        Tear tear = Tear.values()[random.nextInt(Tear.values().length)];
        long cut = tear == Tear.APPEND_GARBAGE ? size : random.nextLong(size);
        Garbage garbage = Garbage.values()[random.nextInt(Garbage.values().length)];
        byte[] tail = tear == Tear.TRUNCATE ? new byte[0] : garbage(random, garbage, last, lastBatch, written.size());
        String where = "seed=" + seed + " segments=" + segments.size() + " " + last.getFileName() + " size=" + size
            + " tear=" + tear + " cut=" + cut + (tail.length > 0 ? " garbage=" + garbage + "x" + tail.length : "");

        System.out.println(where);
        byte[] original = Files.readAllBytes(last);
        try (FileChannel channel = FileChannel.open(last, StandardOpenOption.WRITE)) {
            channel.truncate(cut);
            channel.write(ByteBuffer.wrap(tail), cut);
            channel.force(true);
        }
        // The batches whose bytes are all still there survive; everything from the first torn byte on must go. A
        // batch cut just before its end survives too when the garbage happens to repeat its missing bytes.
        byte[] torn = Files.readAllBytes(last);
        long expectedEnd = DataDirLayout.baseOffsetOf(last);
        long expectedSize = 0;
        for (Batch batch : batches) {
            if (batch.end() > torn.length || !Arrays.equals(original, batch.position(), batch.end(),
                    torn, batch.position(), batch.end())) {
                break;
            }
            expectedEnd = batch.lastOffset() + 1;
            expectedSize = batch.end();
        }
        Files.delete(dataDir.resolve(CLEAN_SHUTDOWN_MARKER));

        List<ConsumerRecord<String, String>> recovered = CrashFixtures.readAll(dataDir, TOPIC, where);
        assertEquals(written.subList(0, (int) expectedEnd), values(recovered, where),
            where + ": recovery did not keep exactly the whole batches before the tear");
        assertEquals(expectedSize, Files.size(last), where + ": the torn tail is still in " + last.getFileName());
        CrashFixtures.checkInvariants(dataDir, TOPIC);

        List<String> more = CrashFixtures.values(random, "more", 0, 1 + random.nextInt(40));
        List<Long> offsets = CrashFixtures.produce(dataDir, TOPIC, more, random);
        assertEquals(expectedEnd, offsets.get(0).longValue(), where + ": appends after recovery do not continue at "
            + "the log end offset");
        List<String> expected = new ArrayList<>(written.subList(0, (int) expectedEnd));
        expected.addAll(more);
        assertEquals(expected, values(CrashFixtures.readAll(dataDir, TOPIC, where), where), where);
        CrashFixtures.checkInvariants(dataDir, TOPIC);
    }

    /** Bytes a crash could leave after the last whole batch. */
    private static byte[] garbage(SplittableRandom random, Garbage kind, Path segment, Batch lastBatch,
                                  long nextOffset) throws IOException {
        if (kind == Garbage.RANDOM_BYTES) {
            byte[] bytes = new byte[1 + random.nextInt(300)];
            random.nextBytes(bytes);
            return bytes;
        }
        // A copy of the last batch renumbered as the next one: the batch a crash interrupted.
        byte[] batch = new byte[lastBatch.size()];
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ)) {
            channel.read(ByteBuffer.wrap(batch), lastBatch.position());
        }
        ByteBuffer.wrap(batch).putLong(0, nextOffset);
        if (kind == Garbage.PREFIX_OF_NEXT_BATCH) {
            byte[] prefix = new byte[1 + random.nextInt(batch.length - 1)];
            System.arraycopy(batch, 0, prefix, 0, prefix.length);
            return prefix;
        }
        int at = DataDirLayout.RECORDS_OFFSET + random.nextInt(batch.length - DataDirLayout.RECORDS_OFFSET);
        batch[at] ^= (byte) (1 + random.nextInt(255));
        return batch;
    }

    private static List<String> values(List<ConsumerRecord<String, String>> records, String where) {
        List<String> values = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            assertEquals(i, records.get(i).offset(), where + ": offsets are not dense from 0");
            assertFalse(records.get(i).value() == null, where + ": offset " + i + " has no value");
            values.add(records.get(i).value());
        }
        return values;
    }
}
