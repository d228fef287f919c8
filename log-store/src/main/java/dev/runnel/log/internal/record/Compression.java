package dev.runnel.log.internal.record;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import dev.runnel.common.errors.CorruptRecordException;
import dev.runnel.common.record.CompressionType;
import dev.runnel.common.utils.Checks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.xerial.snappy.SnappyError;
import org.xerial.snappy.SnappyInputStream;
import org.xerial.snappy.SnappyOutputStream;

/**
 * Compresses and decompresses the records section of a batch with the framings Kafka uses, so that batches move between
 * Runnel and Kafka unchanged:
 * <ul>
 *   <li>gzip: a {@code java.util.zip} GZIP stream;</li>
 *   <li>snappy: xerial's {@link SnappyOutputStream} framing (not raw snappy, not the snappy frame format);</li>
 *   <li>lz4: the standard LZ4 frame format, 64 KB independent blocks, no block or content checksum, as Kafka's
 *       {@code KafkaLZ4BlockOutputStream} writes it;</li>
 *   <li>zstd: standard zstd frames at level 3, Kafka's default.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class Compression {
    static final int ZSTD_LEVEL = 3;
    private static final int GZIP_BUFFER_SIZE = 8 * 1024;

    private Compression() {
    }

    /**
     * Compresses the remaining bytes of {@code source} and writes the result to {@code out}. The source's position is
     * left unchanged.
     */
    public static void compress(CompressionType type, ByteBuffer source, BufferOutputStream out) {
        Checks.requireArgument(type != CompressionType.NONE, "Not a compression codec: %s", type);
        try (OutputStream stream = wrap(type, out)) {
            if (source.hasArray()) {
                stream.write(source.array(), source.arrayOffset() + source.position(), source.remaining());
            } else {
                byte[] copy = new byte[source.remaining()];
                source.duplicate().get(copy);
                stream.write(copy);
            }
        } catch (IOException e) {
            // The sink is memory, so only the codec itself can fail here.
            throw new UncheckedIOException("Failed to " + type + "-compress " + source.remaining() + " bytes", e);
        }
    }

    private static OutputStream wrap(CompressionType type, OutputStream out) throws IOException {
        switch (type) {
            case GZIP:
                return new GZIPOutputStream(out, GZIP_BUFFER_SIZE);
            case SNAPPY:
                return new SnappyOutputStream(out);
            case LZ4:
                return new LZ4FrameOutputStream(out, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB,
                    LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE);
            case ZSTD:
                return new ZstdOutputStreamNoFinalizer(out, ZSTD_LEVEL);
            default:
                throw new IllegalArgumentException("Not a compression codec: " + type);
        }
    }

    /**
     * Decompresses the remaining bytes of {@code source} (the position is left unchanged) into {@code reuse} if it is
     * big enough, or into a larger buffer that replaces it, and returns that buffer with position 0 and limit at the
     * end of the data. Callers keep the returned buffer for the next call.
     *
     * @param reuse      a heap buffer to decompress into, or null
     * @param baseOffset the batch's base offset, for the error message
     * @throws CorruptRecordException if the payload is not valid for the codec; the message names the codec and batch
     */
    public static ByteBuffer decompress(CompressionType type, ByteBuffer source, ByteBuffer reuse, long baseOffset) {
        Checks.requireArgument(type != CompressionType.NONE, "Not a compression codec: %s", type);
        ByteBuffer out = reuse != null && reuse.hasArray() ? reuse : ByteBuffer.allocate(Math.max(1024,
            4 * source.remaining()));
        out.clear();
        try (InputStream in = unwrap(type, new BufferInputStream(source.duplicate()))) {
            while (true) {
                if (!out.hasRemaining()) {
                    out = grow(out, type, baseOffset);
                }
                int n = in.read(out.array(), out.arrayOffset() + out.position(), out.remaining());
                if (n < 0) {
                    break;
                }
                out.position(out.position() + n);
            }
        } catch (IOException | RuntimeException | SnappyError e) {
            // Codec libraries report bad input with their own exception types, some unchecked (LZ4Exception) and
            // snappy's even as an Error; all of them mean the payload is corrupt.
            throw new CorruptRecordException("Corrupt " + type + "-compressed records in batch at base offset "
                + baseOffset + ": " + e, e);
        }
        out.flip();
        return out;
    }

    private static ByteBuffer grow(ByteBuffer full, CompressionType type, long baseOffset) {
        long capacity = 2L * full.capacity();
        if (capacity > Integer.MAX_VALUE - 8) {
            throw new CorruptRecordException("Records of the " + type + "-compressed batch at base offset "
                + baseOffset + " decompress to more than 2 GB");
        }
        ByteBuffer grown = ByteBuffer.allocate((int) capacity);
        full.flip();
        grown.put(full);
        return grown;
    }

    private static InputStream unwrap(CompressionType type, InputStream in) throws IOException {
        switch (type) {
            case GZIP:
                return new GZIPInputStream(in, GZIP_BUFFER_SIZE);
            case SNAPPY:
                return new SnappyInputStream(in);
            case LZ4:
                return new LZ4FrameInputStream(in);
            case ZSTD:
                return new ZstdInputStreamNoFinalizer(in);
            default:
                throw new IllegalArgumentException("Not a compression codec: " + type);
        }
    }
}
