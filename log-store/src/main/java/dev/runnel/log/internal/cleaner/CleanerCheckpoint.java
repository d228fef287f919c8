package dev.runnel.log.internal.cleaner;

import dev.runnel.log.internal.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cleaner's progress in one partition, kept in {@code cleaner-offset-checkpoint} in the partition's directory and
 * written atomically (temporary file, fsync, rename). Text, one value a line:
 * <pre>
 *  line 1  version           0
 *  line 2  firstDirtyOffset  the clean point of the last cleaning: every offset below it has been cleaned
 *  line 3  deleteHorizonMs   the earliest delete horizon of a tombstone batch kept by that cleaning, or -1 for none
 * </pre>
 *
 * @param firstDirtyOffset the offset where the dirty (not yet cleaned) part of the log begins
 * @param deleteHorizonMs  the time from which the cleaned part holds a tombstone that may be dropped, or -1
 */
record CleanerCheckpoint(long firstDirtyOffset, long deleteHorizonMs) {
    static final String FILE_NAME = "cleaner-offset-checkpoint";
    static final int VERSION = 0;
    static final long NO_HORIZON = -1L;

    private static final Logger LOG = LoggerFactory.getLogger(CleanerCheckpoint.class);

    /** Reads the checkpoint in {@code partitionDir}; empty if there is none or it is unreadable (logged). */
    static Optional<CleanerCheckpoint> read(Path partitionDir) throws IOException {
        Path file = partitionDir.resolve(FILE_NAME);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            if (lines.size() != 3 || Integer.parseInt(lines.get(0).trim()) != VERSION) {
                throw new NumberFormatException("expected 3 lines starting with version " + VERSION + ", found "
                    + lines.size() + " lines");
            }
            long firstDirty = Long.parseLong(lines.get(1).trim());
            long horizon = Long.parseLong(lines.get(2).trim());
            if (firstDirty < 0) {
                throw new NumberFormatException("negative first dirty offset " + firstDirty);
            }
            return Optional.of(new CleanerCheckpoint(firstDirty, horizon));
        } catch (NumberFormatException e) {
            // Losing the checkpoint costs one cleaning of the whole log, nothing else.
            LOG.warn("Ignoring the unreadable cleaner checkpoint {}: {}; the whole log counts as dirty", file,
                e.getMessage());
            return Optional.empty();
        }
    }

    /** Writes this checkpoint to {@code partitionDir}, replacing the previous one atomically. */
    void write(Path partitionDir) throws IOException {
        String text = VERSION + "\n" + firstDirtyOffset + "\n" + deleteHorizonMs + "\n";
        AtomicFiles.write(partitionDir.resolve(FILE_NAME), text.getBytes(StandardCharsets.UTF_8));
    }
}
