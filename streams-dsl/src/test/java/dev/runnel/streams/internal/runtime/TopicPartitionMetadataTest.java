package dev.runnel.streams.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TopicPartitionMetadataTest {
    private static final ProcessorMetadata NONE = new ProcessorMetadata();

    @Test
    void shouldEncodeVersionPartitionTimeAndProcessorMetadata() {
        ProcessorMetadata metadata = new ProcessorMetadata();
        metadata.put("close", 42L);
        String text = new TopicPartitionMetadata(7_000L, metadata).encode();

        // Version 2, the partition time, then one entry: key length 5, "close", value 42; big-endian.
        byte[] expected = ByteBuffer.allocate(1 + 8 + 4 + 4 + 5 + 8).put((byte) 2).putLong(7_000L).putInt(1).putInt(5)
            .put("close".getBytes(StandardCharsets.UTF_8)).putLong(42L).array();
        assertArrayEquals(expected, Base64.getDecoder().decode(text));
        assertEquals(new TopicPartitionMetadata(7_000L, metadata), TopicPartitionMetadata.decode(text));
    }

    @Test
    void shouldEncodeNoProcessorMetadataAsNoBytes() {
        String text = new TopicPartitionMetadata(-1L, NONE).encode();

        assertArrayEquals(ByteBuffer.allocate(9).put((byte) 2).putLong(-1L).array(), Base64.getDecoder().decode(text));
        assertEquals(new TopicPartitionMetadata(-1L, NONE), TopicPartitionMetadata.decode(text));
    }

    @Test
    void shouldDecodeVersionOneAsPartitionTimeOnly() {
        assertEquals(new TopicPartitionMetadata(123L, NONE),
            TopicPartitionMetadata.decode(encoded(ByteBuffer.allocate(9).put((byte) 1).putLong(123L))));
    }

    @Test
    void shouldDecodeNoMetadataAsUnknownPartitionTime() {
        // What a plain consumer's commit, or a reset of the group's offsets, leaves.
        assertEquals(new TopicPartitionMetadata(-1L, NONE), TopicPartitionMetadata.decode(""));
    }

    @Test
    void shouldDecodeUnreadableMetadataAsUnknownWithoutFailing() {
        TopicPartitionMetadata unknown = new TopicPartitionMetadata(-1L, NONE);
        assertEquals(unknown, TopicPartitionMetadata.decode("not base64!"), "not Base64");
        assertEquals(unknown, TopicPartitionMetadata.decode(encoded(ByteBuffer.allocate(9).put((byte) 3)
            .putLong(123L))), "an unknown version");
        assertEquals(unknown, TopicPartitionMetadata.decode(encoded(ByteBuffer.allocate(4).put((byte) 2)
            .put(new byte[3]))), "a partition time cut short");
    }

    @Test
    void shouldKeepThePartitionTimeOfBrokenProcessorMetadata() {
        // One entry announced with a key of 2 GB, and none there: the partition time before it stands (and no
        // memory is asked for the key).
        ByteBuffer bytes = ByteBuffer.allocate(17).put((byte) 2).putLong(123L).putInt(1).putInt(Integer.MAX_VALUE);
        assertEquals(new TopicPartitionMetadata(123L, NONE), TopicPartitionMetadata.decode(encoded(bytes)));
    }

    private static String encoded(ByteBuffer bytes) {
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
