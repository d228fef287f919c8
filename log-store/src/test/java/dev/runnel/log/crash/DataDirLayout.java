package dev.runnel.log.crash;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the crash tests assume about a data folder, written down in one place (DESIGN.md, "log-store"):
 * <ul>
 *   <li>partition folder {@code DATA_DIR/<topic>-<partition>/};</li>
 *   <li>segments named by base offset, 20 digits: {@code 00000000000000000000.log};</li>
 *   <li>clean-shutdown marker {@code DATA_DIR/.clean-shutdown}, left by a clean close, absent after a crash;</li>
 *   <li>lock file {@code DATA_DIR/.lock}, holding the owner's pid;</li>
 *   <li>segments hold Kafka record batches v2 back to back: base offset (int64 at 0), batch length (int32 at 8, bytes
 *       after this field), magic (int8 at 16, = 2), CRC-32C (uint32 at 17, over bytes 21..end), last offset delta
 *       (int32 at 23), record count (int32 at 57), records from byte 61.</li>
 * </ul>
 */
final class DataDirLayout {
    static final String CLEAN_SHUTDOWN_MARKER = ".clean-shutdown";
    static final String LOCK_FILE = ".lock";
    static final String LOG_SUFFIX = ".log";
    static final int LENGTH_OFFSET = 8;
    static final int LOG_OVERHEAD = 12;
    static final int MAGIC_OFFSET = 16;
    static final int CRC_OFFSET = 17;
    static final int LAST_OFFSET_DELTA_OFFSET = 23;
    static final int RECORDS_COUNT_OFFSET = 57;
    static final int RECORDS_OFFSET = 61;

    /** One batch as it lies in a segment file. */
    record Batch(int position, int size, long baseOffset, long lastOffset, int recordCount) {
        int end() {
            return position + size;
        }
    }

    private DataDirLayout() {
    }

    static Path partitionDir(Path dataDir, String topic, int partition) {
        return dataDir.resolve(topic + "-" + partition);
    }

    static String segmentName(long baseOffset) {
        return String.format("%020d", baseOffset) + LOG_SUFFIX;
    }

    /** The partition's segment files in base-offset order. */
    static List<Path> segments(Path dataDir, String topic, int partition) throws IOException {
        try (Stream<Path> files = Files.list(partitionDir(dataDir, topic, partition))) {
            List<Path> segments = files.filter(f -> f.getFileName().toString().endsWith(LOG_SUFFIX)).sorted().toList();
            for (Path segment : segments) {
                String name = segment.getFileName().toString();
                if (!name.matches("\\d{20}\\.log")) {
                    throw new AssertionError("Unexpected segment name " + name + " in " + segment.getParent());
                }
            }
            return segments;
        }
    }

    static long baseOffsetOf(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - LOG_SUFFIX.length()));
    }

    /** Parses the batch framing of a well-formed segment file (no CRC check: that is the code under test's job). */
    static List<Batch> batches(Path segment) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(segment));
        List<Batch> batches = new ArrayList<>();
        int position = 0;
        while (position < bytes.limit()) {
            int size = LOG_OVERHEAD + bytes.getInt(position + LENGTH_OFFSET);
            if (bytes.get(position + MAGIC_OFFSET) != 2 || size < RECORDS_OFFSET
                || position + size > bytes.limit()) {
                throw new AssertionError("Segment " + segment + " is not well formed at byte " + position);
            }
            long base = bytes.getLong(position);
            batches.add(new Batch(position, size, base, base + bytes.getInt(position + LAST_OFFSET_DELTA_OFFSET),
                bytes.getInt(position + RECORDS_COUNT_OFFSET)));
            position += size;
        }
        return batches;
    }
}
