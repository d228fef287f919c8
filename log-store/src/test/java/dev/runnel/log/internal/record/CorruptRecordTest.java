package dev.runnel.log.internal.record;

import dev.runnel.testing.Seeds;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.errors.CorruptRecordException;
import dev.runnel.common.header.Header;
import dev.runnel.common.record.CompressionType;
import dev.runnel.common.record.TimestampType;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed batches must fail with CorruptRecordException, never another exception and never silently. */
class CorruptRecordTest {
    private static final Header[] NONE = new Header[0];

    private static ByteBuffer build(CompressionType codec, List<Record> records) {
        RecordBatchBuilder builder = new RecordBatchBuilder(codec, TimestampType.CREATE_TIME, 1 << 20);
        records.forEach(r -> builder.append(r.timestamp(), r.key(), r.value(), r.headers()));
        ByteBuffer built = builder.build();
        return ByteBuffer.allocate(built.remaining()).put(built).flip();
    }

    /** Rewrites the CRC so the damage reaches the codec and the record parser. */
    private static void fixChecksum(ByteBuffer buffer) {
        RecordBatch batch = RecordBatch.of(buffer);
        buffer.putInt(RecordBatch.CRC_OFFSET, (int) batch.computeChecksum());
    }

    private static void readAll(ByteBuffer buffer) {
        RecordCursor cursor = new RecordCursor().reset(RecordBatch.of(buffer));
        while (cursor.next()) {
            cursor.headers();
        }
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void shouldNameCodecWhenPayloadIsGarbage(CompressionType codec) {
        ByteBuffer buffer = build(codec, RandomRecords.generate(new SplittableRandom(1), 20));
        for (int i = RecordBatch.RECORDS_OFFSET; i < buffer.limit(); i++) {
            buffer.put(i, (byte) (i * 37));
        }
        fixChecksum(buffer);
        CorruptRecordException e = assertThrows(CorruptRecordException.class, () -> readAll(buffer));
        assertTrue(e.getMessage().contains(codec.name), e.getMessage());
        assertTrue(e.getMessage().contains("base offset 0"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void shouldRejectTruncatedPayload(CompressionType codec) {
        ByteBuffer full = build(codec, RandomRecords.generate(new SplittableRandom(2), 30));
        int cut = RecordBatch.RECORDS_OFFSET + (full.limit() - RecordBatch.RECORDS_OFFSET) / 2;
        ByteBuffer truncated = ByteBuffer.allocate(cut).put(full.duplicate().limit(cut)).flip();
        truncated.putInt(RecordBatch.LENGTH_OFFSET, cut - RecordBatch.LOG_OVERHEAD);
        fixChecksum(truncated);
        assertThrows(CorruptRecordException.class, () -> readAll(truncated));
    }

    static Stream<Arguments> seedsAndCodecs() {
        return Seeds.seeds(6).boxed().flatMap(seed -> Stream.of(CompressionType.values())
            .map(codec -> Arguments.of(seed, codec)));
    }

    @ParameterizedTest(name = "seed={0} {1}")
    @MethodSource("seedsAndCodecs")
    void randomDamageOnlyEverRaisesCorruptRecord(long seed, CompressionType codec) {
        SplittableRandom random = new SplittableRandom(seed);
        ByteBuffer pristine = build(codec, RandomRecords.generate(random, random.nextInt(1, 30)));
        for (int trial = 0; trial < 200; trial++) {
            ByteBuffer damaged = ByteBuffer.allocate(pristine.limit()).put(pristine.duplicate()).flip();
            int flips = random.nextInt(1, 4);
            for (int f = 0; f < flips; f++) {
                int position = random.nextInt(RecordBatch.RECORDS_OFFSET - Integer.BYTES, damaged.limit());
                damaged.put(position, (byte) (damaged.get(position) ^ random.nextInt(1, 256)));
            }
            fixChecksum(damaged);
            try {
                readAll(damaged);
            } catch (CorruptRecordException expected) {
                // fine: damage detected
            } catch (RuntimeException | Error e) {
                throw new AssertionError("seed=" + seed + " codec=" + codec + " trial=" + trial
                    + " raised " + e, e);
            }
        }
    }

    @Test
    void shouldRejectRecordCountMismatch() {
        ByteBuffer buffer = build(CompressionType.NONE, List.of(new Record(0, 1L, null, new byte[3], NONE)));
        buffer.putInt(RecordBatch.RECORDS_COUNT_OFFSET, 2);
        CorruptRecordException more = assertThrows(CorruptRecordException.class, () -> readAll(buffer));
        assertTrue(more.getMessage().contains("base offset 0"), more.getMessage());
        buffer.putInt(RecordBatch.RECORDS_COUNT_OFFSET, 0);
        assertThrows(CorruptRecordException.class, () -> readAll(buffer));
    }

    @Test
    void shouldRejectLengthPastBatchAndOverlongVarint() {
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE, TimestampType.CREATE_TIME, 1024);
        builder.appendWithOffset(77, 1L, new byte[2], new byte[3], NONE);
        ByteBuffer built = builder.build();
        ByteBuffer buffer = ByteBuffer.allocate(built.remaining()).put(built).flip();
        int keyLength = RecordBatch.RECORDS_OFFSET + 4;
        buffer.put(keyLength, (byte) 0x7e); // key length 63, past the record
        CorruptRecordException e = assertThrows(CorruptRecordException.class, () -> readAll(buffer));
        assertTrue(e.getMessage().contains("base offset 77"), e.getMessage());
        for (int i = RecordBatch.RECORDS_OFFSET + 2; i < buffer.limit(); i++) {
            buffer.put(i, (byte) 0xff); // a timestamp delta that never ends
        }
        assertThrows(CorruptRecordException.class, () -> readAll(buffer));
    }

    @Test
    void shouldRejectImpossibleBatchLength() {
        ByteBuffer buffer = build(CompressionType.NONE, List.of(new Record(0, 1L, null, null, NONE)));
        buffer.putInt(RecordBatch.LENGTH_OFFSET, 3);
        assertThrows(CorruptRecordException.class, () -> new Batches(buffer).next());
    }
}
