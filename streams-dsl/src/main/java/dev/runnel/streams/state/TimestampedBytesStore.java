package dev.runnel.streams.state;

import java.nio.ByteBuffer;

/**
 * Marks a bytes store whose values are already in the timestamped format, {@code [8-byte big-endian timestamp][value
 * bytes]}, as the timestamped stores keep them. Runnel's built-in stores keep whatever bytes their layer above writes,
 * so they need no marker; a custom store can use {@link #convertToTimestampedFormat} to migrate plain values.
 */
public interface TimestampedBytesStore {
    /** Returns {@code plainValue} in the timestamped format with timestamp -1 (unknown); {@code null} stays null. */
    static byte[] convertToTimestampedFormat(byte[] plainValue) {
        if (plainValue == null) {
            return null;
        }
        return ByteBuffer.allocate(StateSerdes.TIMESTAMP_SIZE + plainValue.length)
            .putLong(-1L)
            .put(plainValue)
            .array();
    }
}
