package dev.runnel.streams.internal.dsl;

import dev.runnel.common.header.Header;
import dev.runnel.common.header.Headers;
import dev.runnel.streams.internal.runtime.StreamsHeaders;
import dev.runnel.streams.internal.state.InternalStateStoreContext;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.RecordMetadata;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Where a buffered record came from: the topic, partition and offset of its input record, and its headers. A buffer
 * (the grace buffer of a stream-table join, the suppression buffer) keeps it with each entry and emits the entry in
 * it, as Kafka Streams' buffers keep the ProcessorRecordContext: the output carries the buffered record's headers, and
 * downstream processors see its position, not that of the record whose arrival evicts it. Immutable.
 *
 * @param topic the input record's topic, or {@code null} if unknown (a punctuation)
 * @param partition the input record's partition, or -1
 * @param offset the input record's offset, or -1
 * @param headers the buffered record's headers
 */
record BufferedRecordContext(String topic, int partition, long offset, Headers headers) {
    /*
     * Encoding, big-endian, appended to a buffer entry after the buffer's own fields:
     * <pre>
     *  0  version      int8    1
     *  1  partition    int32   -1 if unknown
     *  5  offset       int64   -1 if unknown
     *  13 topicLength  int32   -1 for none, then the topic's UTF-8 bytes
     *  .. headerCount  int32   then per header: int32 key length, UTF-8 key, int32 value length (-1 for null), value
     * </pre>
     * Entries written before the context was kept end without it (version 0): they are emitted without headers, in
     * the context of the record that evicts them, as they were then.
     */
    static final byte VERSION = 1;

    /** Encodes the context of the record being processed in {@code context}, with {@code headers}. */
    static byte[] encode(ProcessorContext<?, ?> context, Headers headers) {
        RecordMetadata metadata = context.recordMetadata().orElse(null);
        byte[] topic = metadata == null || metadata.topic() == null ? null
            : metadata.topic().getBytes(StandardCharsets.UTF_8);
        Header[] all = headers.toArray();
        byte[][] keys = new byte[all.length][];
        int size = Byte.BYTES + Integer.BYTES + Long.BYTES + Integer.BYTES + length(topic) + Integer.BYTES;
        for (int i = 0; i < all.length; i++) {
            keys[i] = all[i].key().getBytes(StandardCharsets.UTF_8);
            size += 2 * Integer.BYTES + keys[i].length + length(all[i].value());
        }
        ByteBuffer out = ByteBuffer.allocate(size).put(VERSION)
            .putInt(metadata == null ? -1 : metadata.partition()).putLong(metadata == null ? -1L : metadata.offset());
        putBytes(out, topic);
        out.putInt(all.length);
        for (int i = 0; i < all.length; i++) {
            putBytes(out, keys[i]);
            putBytes(out, all[i].value());
        }
        return out.array();
    }

    /**
     * Decodes the context at {@code in}'s position, or returns {@code null} for an entry written without one (the
     * buffer is at its end).
     */
    static BufferedRecordContext decode(ByteBuffer in) {
        if (!in.hasRemaining()) {
            return null;
        }
        byte version = in.get();
        if (version != VERSION) {
            throw new IllegalStateException("Unknown buffered record context version " + version + "; expected "
                + VERSION + ": the buffer was written by a newer Runnel");
        }
        int partition = in.getInt();
        long offset = in.getLong();
        byte[] topic = getBytes(in);
        int count = in.getInt();
        StreamsHeaders headers = new StreamsHeaders();
        for (int i = 0; i < count; i++) {
            headers.add(new String(getBytes(in), StandardCharsets.UTF_8), getBytes(in));
        }
        return new BufferedRecordContext(topic == null ? null : new String(topic, StandardCharsets.UTF_8), partition,
            offset, headers);
    }

    /**
     * Makes this the context of the record being processed in {@code context}, at {@code timestamp}; returns the
     * previous one for {@link #exit}. Outside the runtime (a context it does not own) nothing changes.
     */
    Object enter(ProcessorContext<?, ?> context, long timestamp) {
        return context instanceof InternalStateStoreContext internal
            ? internal.enterRecordContext(timestamp, topic, partition, offset, headers)
            : null;
    }

    /** Makes {@code previous}, returned by {@link #enter}, the current context again. */
    static void exit(ProcessorContext<?, ?> context, Object previous) {
        if (context instanceof InternalStateStoreContext internal) {
            internal.restoreRecordContext(previous);
        }
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    /** Puts an int32 length (-1 for null) and the bytes. */
    static void putBytes(ByteBuffer out, byte[] bytes) {
        out.putInt(bytes == null ? -1 : bytes.length);
        if (bytes != null) {
            out.put(bytes);
        }
    }

    /** Reads what {@link #putBytes} wrote. */
    static byte[] getBytes(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }
}
