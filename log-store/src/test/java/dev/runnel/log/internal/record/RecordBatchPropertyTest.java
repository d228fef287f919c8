package dev.runnel.log.internal.record;

import dev.runnel.testing.Seeds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.record.CompressionType;
import dev.runnel.common.record.TimestampType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Builds random batches with every codec and timestamp type and checks that reading gives the same records back. */
class RecordBatchPropertyTest {
    static Stream<Arguments> cases() {
        return Seeds.seeds(8).boxed().flatMap(seed -> Stream.of(CompressionType.values())
            .flatMap(codec -> Stream.of(TimestampType.CREATE_TIME, TimestampType.LOG_APPEND_TIME)
                .map(type -> Arguments.of(seed, codec, type))));
    }

    @ParameterizedTest(name = "seed={0} {1} {2}")
    @MethodSource("cases")
    void readBackEqualsWhatWasBuilt(long seed, CompressionType codec, TimestampType timestampType) {
        SplittableRandom random = new SplittableRandom(seed ^ codec.id ^ ((long) timestampType.id << 8));
        String context = "seed=" + seed + " codec=" + codec + " timestampType=" + timestampType;
        RecordBatchBuilder builder = new RecordBatchBuilder(codec, timestampType, 1 << 20);
        for (int round = 0; round < 3; round++) {
            List<Record> records = RandomRecords.generate(random, random.nextInt(1, 80));
            for (Record r : records) {
                builder.append(r.timestamp(), r.key(), r.value(), r.headers());
            }
            ByteBuffer buffer = builder.build();
            RecordBatch batch = RecordBatch.of(buffer);
            assertTrue(batch.isValid(), context);
            assertEquals(codec, batch.compressionType(), context);
            assertEquals(timestampType, batch.timestampType(), context);
            assertEquals(records.size(), batch.recordCount(), context);
            assertEquals(records.size() - 1, batch.lastOffsetDelta(), context);
            assertEquals(buffer.limit(), batch.sizeInBytes(), context);
            long maxTimestamp = records.stream().mapToLong(Record::timestamp).max().orElseThrow();
            assertEquals(maxTimestamp, batch.maxTimestamp(), context);
            assertEquals(RecordBatch.NO_PRODUCER_ID, batch.producerId(), context);
            assertEquals(RecordBatch.NO_PARTITION_LEADER_EPOCH, batch.partitionLeaderEpoch(), context);

            List<Record> expected = new ArrayList<>();
            for (Record r : records) {
                long ts = timestampType == TimestampType.LOG_APPEND_TIME ? maxTimestamp : r.timestamp();
                expected.add(new Record(r.offset(), ts, r.key(), r.value(), r.headers()));
            }
            assertEquals(expected, RecordCursor.records(batch), context);
            checkEveryFlipBreaksTheChecksum(random, buffer, context);
            builder.reset();
        }
    }

    private static void checkEveryFlipBreaksTheChecksum(SplittableRandom random, ByteBuffer buffer, String context) {
        RecordBatch batch = RecordBatch.of(buffer);
        int size = buffer.limit();
        int covered = size - RecordBatch.ATTRIBUTES_OFFSET;
        // Every position for small batches, a random sample of 300 for large ones.
        int probes = Math.min(covered, 300);
        for (int i = 0; i < probes; i++) {
            int position = covered <= 300 ? RecordBatch.ATTRIBUTES_OFFSET + i
                : random.nextInt(RecordBatch.ATTRIBUTES_OFFSET, size);
            byte original = buffer.get(position);
            buffer.put(position, (byte) (original ^ random.nextInt(1, 256)));
            assertFalse(batch.isValid(), context + " flipped byte " + position + " of " + size);
            buffer.put(position, original);
        }
        assertTrue(batch.isValid(), context);
    }

    @ParameterizedTest(name = "seed={0} {1} {2}")
    @MethodSource("cases")
    void batchesStopAtEveryPartialTail(long seed, CompressionType codec, TimestampType timestampType) {
        SplittableRandom random = new SplittableRandom(seed * 31 + codec.id);
        String context = "seed=" + seed + " codec=" + codec;
        RecordBatchBuilder builder = new RecordBatchBuilder(codec, timestampType, 4096);
        List<ByteBuffer> built = new ArrayList<>();
        long nextOffset = 0;
        for (int b = 0; b < 4; b++) {
            List<Record> records = RandomRecords.generate(random, random.nextInt(1, 10));
            for (Record r : records) {
                builder.append(r.timestamp(), r.key(), r.value(), r.headers());
            }
            ByteBuffer batch = builder.build();
            RecordBatch.of(batch).setBaseOffset(nextOffset);
            nextOffset += records.size();
            ByteBuffer copy = ByteBuffer.allocate(batch.remaining()).put(batch).flip();
            built.add(copy);
            builder.reset();
        }
        int total = built.stream().mapToInt(ByteBuffer::remaining).sum();
        ByteBuffer all = ByteBuffer.allocate(total + 7);
        all.position(7); // a non-zero start position
        built.forEach(batch -> all.put(batch.duplicate()));
        for (int cut = 7; cut <= all.capacity(); cut += 1 + random.nextInt(40)) {
            ByteBuffer view = all.duplicate().limit(cut).position(7);
            Batches batches = new Batches(view);
            int whole = 0;
            int expectedBytes = 0;
            long expectedOffset = 0;
            while (batches.next()) {
                RecordBatch batch = batches.batch();
                assertTrue(batch.isValid(), context + " cut=" + cut);
                assertEquals(expectedOffset, batch.baseOffset(), context + " cut=" + cut);
                RecordCursor cursor = new RecordCursor().reset(batch);
                while (cursor.next()) {
                    assertEquals(expectedOffset++, cursor.offset(), context + " cut=" + cut);
                }
                expectedBytes += built.get(whole++).remaining();
            }
            assertEquals(expectedBytes, batches.validBytes(), context + " cut=" + cut);
            assertEquals(cut - 7 != expectedBytes, batches.hasPartialTail(), context + " cut=" + cut);
            assertEquals(7, view.position(), context + " position unchanged");
        }
    }
}
