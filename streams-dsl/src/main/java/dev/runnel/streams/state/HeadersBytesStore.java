package dev.runnel.streams.state;

import java.nio.ByteBuffer;

/**
 * The value format of headers-aware stores (KIP-1271); their changelog records carry the headers as record headers,
 * the payload's timestamp (in timestamped stores) as the record's timestamp and the rest of the payload, the plain
 * value, as the record's value, as Kafka Streams logs them:
 * <pre>
 *  headersSize   varint   length of headersBytes; 0 for no headers
 *  headersBytes           absent if headersSize is 0, else:
 *     count      varint   number of headers
 *     per header:
 *       keyLen   varint   then the key's UTF-8 bytes
 *       valueLen varint   -1 for a null value, else followed by the value bytes
 *  payload                the value without headers: [8-byte big-endian timestamp][value] for timestamped stores
 * </pre>
 * Varints are zigzag-encoded, as in Kafka's record format. Runnel's built-in stores keep whatever bytes their layer
 * above writes, so they need no marker; a custom bytes store can use these conversions to migrate its values.
 */
public interface HeadersBytesStore {
    /** Returns {@code value} (timestamped or plain payload) behind an empty headers prefix; null stays null. */
    static byte[] convertToHeaderFormat(byte[] value) {
        if (value == null) {
            return null;
        }
        byte[] result = new byte[1 + value.length];
        // result[0] is 0, the varint of headersSize 0.
        System.arraycopy(value, 0, result, 1, value.length);
        return result;
    }

    /**
     * Returns a plain value (without timestamp) in the timestamped headers format: no headers and timestamp -1
     * (unknown); null stays null.
     */
    static byte[] convertFromPlainToHeaderFormat(byte[] value) {
        if (value == null) {
            return null;
        }
        return ByteBuffer.allocate(1 + StateSerdes.TIMESTAMP_SIZE + value.length)
            .put((byte) 0)
            .putLong(-1L)
            .put(value)
            .array();
    }
}
