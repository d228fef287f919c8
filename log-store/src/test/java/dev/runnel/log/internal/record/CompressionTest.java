package dev.runnel.log.internal.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnel.common.record.CompressionType;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class CompressionTest {
    /** The first bytes of each framing, as Kafka writes and expects them. */
    @ParameterizedTest
    @CsvSource({
        "GZIP,   1f8b08",               // gzip magic, deflate
        "SNAPPY, 82534e4150505900",     // xerial SnappyOutputStream header
        "LZ4,    04224d186040",         // LZ4 frame magic; FLG 0x60 = v1, independent blocks; BD 0x40 = 64 KB
        "ZSTD,   28b52ffd",             // zstd frame magic
    })
    void shouldUseKafkasFraming(CompressionType codec, String prefix) {
        BufferOutputStream out = new BufferOutputStream(64);
        Compression.compress(codec, ByteBuffer.wrap(new byte[1000]), out);
        byte[] head = new byte[prefix.length() / 2];
        out.buffer().get(0, head);
        assertEquals(prefix, HexFormat.of().formatHex(head));
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void shouldRoundTripAndGrowReusedBuffer(CompressionType codec) {
        byte[] data = new byte[300_000]; // larger than several 64 KB lz4 blocks
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : 'x');
        }
        BufferOutputStream out = new BufferOutputStream(16);
        Compression.compress(codec, ByteBuffer.wrap(data), out);
        ByteBuffer compressed = out.buffer().flip();
        ByteBuffer result = Compression.decompress(codec, compressed, ByteBuffer.allocate(10), 0);
        assertEquals(0, result.position());
        byte[] roundTripped = new byte[result.remaining()];
        result.get(roundTripped);
        assertArrayEquals(data, roundTripped);
        assertEquals(0, compressed.position(), "source position is unchanged");
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = "NONE")
    void shouldRefuseNone(CompressionType codec) {
        assertThrows(IllegalArgumentException.class,
            () -> Compression.decompress(codec, ByteBuffer.allocate(1), null, 0));
    }
}
