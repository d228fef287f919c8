package dev.runnel.log.internal.record;

import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * An output stream into a growable heap {@link ByteBuffer}, which doubles when full. {@link #reset} rewinds it so a
 * builder can reuse the memory for the next batch. Not thread-safe.
 */
public final class BufferOutputStream extends OutputStream {
    private ByteBuffer buffer;

    public BufferOutputStream(int initialCapacity) {
        this.buffer = ByteBuffer.allocate(Math.max(16, initialCapacity));
    }

    /** The buffer being written; its position is the end of the data. The instance changes when it grows. */
    public ByteBuffer buffer() {
        return buffer;
    }

    public int position() {
        return buffer.position();
    }

    /** Moves the write position, for example past a header to be filled in later. */
    public void position(int position) {
        ensureCapacity(position - buffer.position());
        buffer.position(position);
    }

    /** Makes room for {@code bytes} more bytes after the position. */
    public void ensureCapacity(int bytes) {
        if (bytes > buffer.remaining()) {
            grow(bytes);
        }
    }

    private void grow(int bytes) {
        long needed = (long) buffer.position() + bytes;
        long doubled = 2L * buffer.capacity();
        long capacity = Math.max(needed, doubled);
        if (capacity > Integer.MAX_VALUE - 8) {
            if (needed > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("Cannot grow buffer past 2 GB: " + needed + " bytes needed");
            }
            capacity = Integer.MAX_VALUE - 8;
        }
        ByteBuffer grown = ByteBuffer.allocate((int) capacity);
        buffer.flip();
        grown.put(buffer);
        buffer = grown;
    }

    /** Rewinds to position 0, keeping the memory. */
    public void reset() {
        buffer.clear();
    }

    @Override
    public void write(int b) {
        ensureCapacity(1);
        buffer.put((byte) b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        ensureCapacity(length);
        buffer.put(bytes, offset, length);
    }
}
