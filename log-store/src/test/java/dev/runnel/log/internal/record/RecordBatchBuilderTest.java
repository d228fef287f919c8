package dev.runnel.log.internal.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.header.Header;
import dev.runnel.common.header.internals.RecordHeader;
import dev.runnel.common.record.CompressionType;
import dev.runnel.common.record.TimestampType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RecordBatchBuilderTest {
    private static final Header[] NONE = new Header[0];

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldEncodeKnownSmallBatch() {
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE, TimestampType.CREATE_TIME, 1024);
        builder.append(1000L, utf8("k"), utf8("v"), NONE);
        ByteBuffer buffer = builder.build();

        // Header fields worked out by hand from the v2 layout; the CRC-32C checked with an independent bitwise
        // implementation (polynomial 0x82F63B78) over bytes 21..69.
        String expected = "0000000000000000" // baseOffset 0
            + "0000003a"                      // batchLength 58 = 70 - 12
            + "ffffffff"                      // partitionLeaderEpoch -1
            + "02"                            // magic
            + "716a6189"                      // crc
            + "0000"                          // attributes: no codec, CreateTime
            + "00000000"                      // lastOffsetDelta
            + "00000000000003e8"              // baseTimestamp 1000
            + "00000000000003e8"              // maxTimestamp 1000
            + "ffffffffffffffff"              // producerId -1
            + "ffff"                          // producerEpoch -1
            + "ffffffff"                      // baseSequence -1
            + "00000001"                      // recordsCount
            + "10"                            // record length 8
            + "00"                            // attributes
            + "00"                            // timestampDelta 0
            + "00"                            // offsetDelta 0
            + "026b"                          // key length 1, "k"
            + "0276"                          // value length 1, "v"
            + "00";                           // no headers
        assertEquals(70, buffer.remaining());
        assertEquals(0, buffer.position());
        byte[] actual = new byte[buffer.remaining()];
        buffer.duplicate().get(actual);
        assertEquals(expected, HexFormat.of().formatHex(actual));

        RecordBatch batch = RecordBatch.of(buffer);
        assertTrue(batch.isValid());
        assertEquals(0x716a6189L, batch.checksum());
        assertEquals(70, batch.sizeInBytes());
        assertEquals(1000L, batch.maxTimestamp());
        assertEquals(0, batch.lastOffsetDelta());
    }

    @Test
    void shouldEncodeNullKeyAndValueAsMinusOne() {
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE, TimestampType.CREATE_TIME, 1024);
        builder.append(5L, null, null, null);
        ByteBuffer buffer = builder.build();
        byte[] records = new byte[buffer.limit() - RecordBatch.RECORDS_OFFSET];
        buffer.get(RecordBatch.RECORDS_OFFSET, records);
        // length 6; attributes; deltas 0; key -1 (01); value -1 (01); no headers
        assertEquals("0c000000010100", HexFormat.of().formatHex(records));
        assertEquals(List.of(new Record(0, 5L, null, null, NONE)), RecordCursor.records(RecordBatch.of(buffer)));
    }

    @Test
    void shouldKeepOffsetGapsFromAppendWithOffset() {
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.LZ4, TimestampType.CREATE_TIME, 1024);
        builder.appendWithOffset(100, 10L, utf8("a"), utf8("1"), NONE);
        builder.appendWithOffset(103, 11L, utf8("b"), null, NONE);
        builder.appendWithOffset(250, 9L, utf8("c"), utf8("3"), NONE);
        assertThrows(IllegalArgumentException.class, () -> builder.appendWithOffset(250, 9L, null, null, NONE));
        RecordBatch batch = RecordBatch.of(builder.build());
        assertTrue(batch.isValid());
        assertEquals(100, batch.baseOffset());
        assertEquals(150, batch.lastOffsetDelta());
        assertEquals(250, batch.lastOffset());
        assertEquals(3, batch.recordCount());
        assertEquals(11L, batch.maxTimestamp());
        List<Record> records = RecordCursor.records(batch);
        assertEquals(List.of(100L, 103L, 250L), records.stream().map(Record::offset).toList());
        assertEquals(List.of(10L, 11L, 9L), records.stream().map(Record::timestamp).toList());
    }

    @Test
    void shouldRoundTripDeleteHorizon() {
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.ZSTD, TimestampType.CREATE_TIME, 1024);
        builder.setDeleteHorizon(5_000_000L);
        builder.appendWithOffset(7, 1_000L, utf8("gone"), null, NONE);
        builder.appendWithOffset(9, 2_000L, utf8("kept"), utf8("x"), NONE);
        RecordBatch batch = RecordBatch.of(builder.build());
        assertTrue(batch.isValid());
        assertTrue(batch.hasDeleteHorizon());
        assertEquals(5_000_000L, batch.baseTimestamp());
        assertEquals(2_000L, batch.maxTimestamp());
        assertEquals(List.of(new Record(7, 1_000L, utf8("gone"), null, NONE),
            new Record(9, 2_000L, utf8("kept"), utf8("x"), NONE)), RecordCursor.records(batch));
    }

    @Test
    void shouldRefuseDeleteHorizonAfterFirstRecord() {
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE, TimestampType.CREATE_TIME, 1024);
        builder.append(1L, null, null, NONE);
        assertThrows(IllegalStateException.class, () -> builder.setDeleteHorizon(10L));
    }

    @Test
    void shouldWriteProducerStateAndFlags() {
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE, TimestampType.LOG_APPEND_TIME, 1024);
        builder.setProducerState(42L, (short) 3, 17, true);
        builder.setControl(true);
        builder.append(1L, utf8("k"), null, NONE);
        RecordBatch batch = RecordBatch.of(builder.build());
        assertTrue(batch.isValid());
        assertEquals(42L, batch.producerId());
        assertEquals(3, batch.producerEpoch());
        assertEquals(17, batch.baseSequence());
        assertTrue(batch.isTransactional());
        assertTrue(batch.isControlBatch());
        assertFalse(batch.hasDeleteHorizon());
        assertEquals(TimestampType.LOG_APPEND_TIME, batch.timestampType());
        assertEquals(0x08 | 0x10 | 0x20, batch.attributes());
    }

    @Test
    void shouldRoundTripHeaders() {
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.SNAPPY, TimestampType.CREATE_TIME, 1024);
        Header[] headers = {new RecordHeader("trace", utf8("abc")), new RecordHeader("naïve-🙂", null),
            new RecordHeader("", new byte[0])};
        builder.append(3L, utf8("k"), utf8("v"), headers);
        RecordCursor cursor = new RecordCursor().reset(RecordBatch.of(builder.build()));
        assertTrue(cursor.next());
        Header[] read = cursor.headers();
        assertEquals(3, read.length);
        for (int i = 0; i < headers.length; i++) {
            assertEquals(headers[i].key(), read[i].key());
            assertArrayEquals(headers[i].value(), read[i].value());
        }
        assertEquals(1, cursor.keySize());
        assertEquals(1, cursor.valueSize());
        assertFalse(cursor.next());
    }

    @Test
    void shouldAlwaysFitFirstRecordAndStopAtLimit() {
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE, TimestampType.CREATE_TIME, 200);
        byte[] big = new byte[500];
        assertTrue(builder.hasRoomFor(1L, null, big, NONE));
        builder.append(1L, null, big, NONE);
        assertFalse(builder.hasRoomFor(1L, null, new byte[1], NONE));

        RecordBatchBuilder small = new RecordBatchBuilder(CompressionType.NONE, TimestampType.CREATE_TIME, 200);
        int appended = 0;
        byte[] value = new byte[20];
        while (small.hasRoomFor(1L, null, value, NONE)) {
            small.append(1L, null, value, NONE);
            appended++;
        }
        ByteBuffer batch = small.build();
        assertTrue(batch.remaining() <= 200, "size " + batch.remaining());
        assertTrue(batch.remaining() + 26 > 200, "one more record (26 bytes) would have fitted");
        assertEquals(appended, small.recordCount());
        assertEquals(batch.remaining(), small.estimatedSizeInBytes());
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void shouldReuseBuffersAfterReset(CompressionType codec) {
        RecordBatchBuilder builder = new RecordBatchBuilder(codec, TimestampType.CREATE_TIME, 1024);
        builder.append(1L, utf8("a"), utf8("first"), NONE);
        ByteBuffer first = builder.build();
        assertEquals(first, builder.build(), "build() is idempotent");
        assertThrows(IllegalStateException.class, () -> builder.append(2L, null, null, NONE));
        assertFalse(builder.hasRoomFor(2L, null, null, NONE));
        builder.reset();
        assertTrue(builder.isEmpty());
        builder.append(2L, utf8("b"), utf8("second"), NONE);
        builder.append(3L, utf8("c"), utf8("third"), NONE);
        RecordBatch batch = RecordBatch.of(builder.build());
        assertTrue(batch.isValid());
        assertEquals(List.of(new Record(0, 2L, utf8("b"), utf8("second"), NONE),
            new Record(1, 3L, utf8("c"), utf8("third"), NONE)), RecordCursor.records(batch));
    }

    @Test
    void shouldBuildEmptyBatch() {
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE, TimestampType.CREATE_TIME, 1024);
        RecordBatch batch = RecordBatch.of(builder.build());
        assertTrue(batch.isValid());
        assertEquals(RecordBatch.HEADER_SIZE, batch.sizeInBytes());
        assertEquals(0, batch.recordCount());
        assertEquals(List.of(), RecordCursor.records(batch));
    }
}
