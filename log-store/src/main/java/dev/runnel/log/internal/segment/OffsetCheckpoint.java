package dev.runnel.log.internal.segment;

import dev.runnel.log.internal.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * A one-offset checkpoint file of a partition directory: {@code recovery-point}, the offset below which every batch is
 * known to be fsynced, or {@code log-start-offset}, the log start offset that deleteRecords advanced (Kafka keeps the
 * latter in {@code log-start-offset-checkpoint}). Thread-safe; writes are serialised.
 *
 * <pre>
 * line 1  version   always 0
 * line 2  offset    decimal
 * </pre>
 * Written atomically: to {@code <name>.tmp}, fsynced, renamed over the file, then the directory is fsynced.
 */
final class OffsetCheckpoint {
    static final String RECOVERY_POINT = "recovery-point";
    static final String LOG_START_OFFSET = "log-start-offset";
    static final String TMP_SUFFIX = ".tmp";
    private static final int VERSION = 0;

    private final Path file;
    private long lastWritten = -1;

    OffsetCheckpoint(Path dir, String name) {
        this.file = dir.resolve(name);
    }

    /** Whether {@code fileName} is a checkpoint's temporary file, left behind by a crash during a write. */
    static boolean isTemporary(String fileName) {
        return fileName.equals(RECOVERY_POINT + TMP_SUFFIX) || fileName.equals(LOG_START_OFFSET + TMP_SUFFIX);
    }

    /** Returns the stored offset, or 0 when the file is missing or unreadable (so everything is recovered or kept). */
    long read() throws IOException {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            if (lines.size() >= 2 && Integer.parseInt(lines.get(0).trim()) == VERSION) {
                return Math.max(0, Long.parseLong(lines.get(1).trim()));
            }
            return 0;
        } catch (NoSuchFileException e) {
            return 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Writes {@code offset} unless it is what was last written. */
    synchronized void write(long offset) throws IOException {
        if (offset == lastWritten) {
            return;
        }
        AtomicFiles.write(file, (VERSION + "\n" + offset + "\n").getBytes(StandardCharsets.US_ASCII));
        lastWritten = offset;
    }
}
