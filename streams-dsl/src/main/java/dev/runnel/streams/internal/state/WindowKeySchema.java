package dev.runnel.streams.internal.state;

import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.kstream.TimeWindow;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Binary keys of window and session stores in their changelogs, Kafka Streams' formats (big-endian).
 * Window store key:
 * <pre>
 *  0      key          bytes   the serialized record key, length n
 *  n      windowStart  int64   ms
 *  n+8    sequence     int32   0, or the put's sequence number in stores that retain duplicates
 * </pre>
 * Session store key:
 * <pre>
 *  0      key          bytes   the serialized record key, length n
 *  n      sessionEnd   int64   ms
 *  n+8    sessionStart int64   ms
 * </pre>
 */
public final class WindowKeySchema {
    static final int TIMESTAMP_SIZE = Long.BYTES;
    static final int SEQUENCE_SIZE = Integer.BYTES;
    static final int WINDOW_SUFFIX_SIZE = TIMESTAMP_SIZE + SEQUENCE_SIZE;
    static final int SESSION_SUFFIX_SIZE = 2 * TIMESTAMP_SIZE;

    private WindowKeySchema() {
    }

    /** Returns the window store key of {@code key} in the window starting at {@code windowStart}. */
    public static Bytes toStoreKeyBinary(Bytes key, long windowStart, int sequence) {
        byte[] raw = key.get();
        return Bytes.wrap(ByteBuffer.allocate(raw.length + WINDOW_SUFFIX_SIZE).put(raw).putLong(windowStart)
            .putInt(sequence).array());
    }

    /**
     * Returns the window starting at {@code start} in a store of windows {@code windowSize} ms long: at least 1 ms
     * long, and ending at {@code Long.MAX_VALUE} if its end overflows.
     */
    public static TimeWindow timeWindow(long start, long windowSize) {
        long end = start + windowSize;
        return new TimeWindow(start, end < start ? Long.MAX_VALUE : Math.max(end, start + 1));
    }

    /** Returns the record key of a window store key. */
    public static Bytes extractStoreKey(byte[] storeKey) {
        return Bytes.wrap(Arrays.copyOfRange(storeKey, 0, storeKey.length - WINDOW_SUFFIX_SIZE));
    }

    /** Returns the window start of a window store key. */
    public static long extractStoreTimestamp(byte[] storeKey) {
        return ByteBuffer.wrap(storeKey).getLong(storeKey.length - WINDOW_SUFFIX_SIZE);
    }

    /** Returns the sequence number of a window store key. */
    public static int extractStoreSequence(byte[] storeKey) {
        return ByteBuffer.wrap(storeKey).getInt(storeKey.length - SEQUENCE_SIZE);
    }

    /** Returns the session store key of {@code key} in the session {@code [start, end]}. */
    public static Bytes toSessionKeyBinary(Bytes key, long sessionStart, long sessionEnd) {
        byte[] raw = key.get();
        return Bytes.wrap(ByteBuffer.allocate(raw.length + SESSION_SUFFIX_SIZE).put(raw).putLong(sessionEnd)
            .putLong(sessionStart).array());
    }

    /** Returns the record key of a session store key. */
    public static Bytes extractSessionKey(byte[] sessionKey) {
        return Bytes.wrap(Arrays.copyOfRange(sessionKey, 0, sessionKey.length - SESSION_SUFFIX_SIZE));
    }

    /** Returns the session end of a session store key. */
    public static long extractSessionEnd(byte[] sessionKey) {
        return ByteBuffer.wrap(sessionKey).getLong(sessionKey.length - SESSION_SUFFIX_SIZE);
    }

    /** Returns the session start of a session store key. */
    public static long extractSessionStart(byte[] sessionKey) {
        return ByteBuffer.wrap(sessionKey).getLong(sessionKey.length - TIMESTAMP_SIZE);
    }
}
