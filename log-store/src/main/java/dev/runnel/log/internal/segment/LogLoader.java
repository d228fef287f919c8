package dev.runnel.log.internal.segment;

import dev.runnel.log.internal.AtomicFiles;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.utils.Time;
import dev.runnel.log.LogConfig;
import dev.runnel.log.internal.index.CorruptIndexException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens a partition directory's segments, finishing or undoing interrupted swaps and recovering after a crash. */
final class LogLoader {
    /*
     * Implementation notes.
     *
     * 1. Leftovers: .cleaned files (a cleaner that never committed), .deleted files (segments already replaced or
     *    expired), index .swap files and checkpoint .tmp files are deleted; index files without a .log are deleted.
     * 2. A <base>.log.swap file is a committed replacement (PartitionLog.replaceSegments renames the .log last): it is
     *    recovered, the segments whose base offsets fall inside its offset range are deleted, and it is renamed into
     *    place.
     * 3. After an unclean shutdown every segment from the one holding the recovery point on is recovered (CRC scan,
     *    index rebuild). If one is truncated, every later segment is deleted: nothing after a torn or corrupt batch
     *    can be trusted to follow on from it. Other segments only get their indexes sanity-checked, and rebuilt if
     *    they fail.
     */
    private static final Logger LOG = LoggerFactory.getLogger(LogLoader.class);

    /** The loaded segments and the offset below which they are all durable. */
    record Loaded(ConcurrentSkipListMap<Long, LogSegment> segments, long recoveryPoint) {
    }

    private LogLoader() {
    }

    static Loaded load(Path dir, TopicPartition tp, LogConfig config, Time time, boolean cleanShutdown,
                       OffsetCheckpoint checkpoint) throws IOException {
        Files.createDirectories(dir);
        TreeSet<Long> bases = new TreeSet<>();
        List<Long> swapBases = new ArrayList<>();
        List<Path> indexFiles = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(PartitionLog.CLEANED_SUFFIX) || name.endsWith(PartitionLog.DELETED_SUFFIX)
                    || OffsetCheckpoint.isTemporary(name)
                    || (name.endsWith(PartitionLog.SWAP_SUFFIX)
                        && !name.endsWith(LogSegment.LOG_SUFFIX + PartitionLog.SWAP_SUFFIX))) {
                    LOG.info("Deleting leftover temporary file {} of partition {}", name, tp);
                    Files.deleteIfExists(file);
                } else if (name.endsWith(LogSegment.LOG_SUFFIX + PartitionLog.SWAP_SUFFIX)) {
                    swapBases.add(parseBaseOffset(name));
                } else if (name.endsWith(LogSegment.LOG_SUFFIX)) {
                    bases.add(parseBaseOffset(name));
                } else if (name.endsWith(LogSegment.INDEX_SUFFIX) || name.endsWith(LogSegment.TIME_INDEX_SUFFIX)) {
                    indexFiles.add(file);
                }
            }
        }
        for (long swapBase : swapBases) {
            completeSwap(dir, tp, config, time, swapBase, bases);
        }
        for (Path file : indexFiles) {
            if (Files.exists(file) && !bases.contains(parseBaseOffset(file.getFileName().toString()))) {
                LOG.info("Deleting index file {} of partition {}: it has no log file", file.getFileName(), tp);
                Files.deleteIfExists(file);
            }
        }

        long recoveryPoint = checkpoint.read();
        Long recoverFrom = cleanShutdown ? null : bases.floor(recoveryPoint);
        if (!cleanShutdown && recoverFrom == null) {
            recoverFrom = Long.MIN_VALUE;
        }
        ConcurrentSkipListMap<Long, LogSegment> segments = new ConcurrentSkipListMap<>();
        List<Long> ordered = new ArrayList<>(bases);
        for (int i = 0; i < ordered.size(); i++) {
            long base = ordered.get(i);
            boolean indexesMissing = !Files.exists(dir.resolve(LogSegment.fileName(base, LogSegment.INDEX_SUFFIX)))
                || !Files.exists(dir.resolve(LogSegment.fileName(base, LogSegment.TIME_INDEX_SUFFIX)));
            LogSegment segment = LogSegment.open(dir, base, config.indexIntervalBytes(), config.segmentIndexBytes(),
                "", time);
            segments.put(base, segment);
            long truncated = 0;
            if (recoverFrom != null && base >= recoverFrom) {
                truncated = segment.recover();
            } else if (indexesMissing) {
                LOG.info("Index files of {} in partition {} are missing; they will be rebuilt",
                    segment.logFile().getFileName(), tp);
                truncated = segment.recover();
            } else {
                try {
                    segment.sanityCheckIndexes();
                } catch (CorruptIndexException e) {
                    LOG.warn("{}; it will be rebuilt", e.getMessage());
                    truncated = segment.recover();
                }
            }
            if (truncated > 0) {
                LOG.warn("Truncated {} bytes of torn or corrupt data from {} of partition {}; its log now ends at "
                    + "offset {}", truncated, segment.logFile().getFileName(), tp, segment.readNextOffset());
                deleteLaterSegments(dir, tp, ordered.subList(i + 1, ordered.size()));
                break;
            }
        }
        if (segments.isEmpty()) {
            segments.put(0L, LogSegment.open(dir, 0L, config.indexIntervalBytes(), config.segmentIndexBytes(), "",
                time));
        }
        segments.lastEntry().getValue().resizeIndexes(config.segmentIndexBytes());
        if (!cleanShutdown) {
            // What recovery kept may be only in the page cache; make it durable before the recovery point moves past.
            Map.Entry<Long, LogSegment> from = recoverFrom == Long.MIN_VALUE ? segments.firstEntry()
                : segments.floorEntry(recoveryPoint);
            for (LogSegment segment : segments.tailMap(from == null ? Long.MIN_VALUE : from.getKey()).values()) {
                segment.flush();
            }
        }
        long logEndOffset = segments.lastEntry().getValue().readNextOffset();
        checkpoint.write(logEndOffset);
        return new Loaded(segments, logEndOffset);
    }

    private static void completeSwap(Path dir, TopicPartition tp, LogConfig config, Time time, long swapBase,
                                     TreeSet<Long> bases) throws IOException {
        LogSegment swap = LogSegment.open(dir, swapBase, config.indexIntervalBytes(), config.segmentIndexBytes(),
            PartitionLog.SWAP_SUFFIX, time);
        swap.recover();
        long swapNext = swap.readNextOffset();
        for (Long base : new ArrayList<>(bases.subSet(swapBase, true, Math.max(swapBase, swapNext), false))) {
            deleteSegmentFiles(dir, base);
            bases.remove(base);
        }
        swap.changeFileSuffixes(PartitionLog.SWAP_SUFFIX, "");
        swap.close();
        AtomicFiles.fsyncDirectory(dir);
        bases.add(swapBase);
        LOG.info("Completed the interrupted replacement of segments of partition {} by the cleaned segment at "
            + "offset {}", tp, swapBase);
    }

    private static void deleteLaterSegments(Path dir, TopicPartition tp, List<Long> later) throws IOException {
        for (long base : later) {
            LOG.warn("Deleting segment {} of partition {}: it follows a truncated segment",
                LogSegment.fileName(base, LogSegment.LOG_SUFFIX), tp);
            deleteSegmentFiles(dir, base);
        }
    }

    private static void deleteSegmentFiles(Path dir, long base) throws IOException {
        Files.deleteIfExists(dir.resolve(LogSegment.fileName(base, LogSegment.LOG_SUFFIX)));
        Files.deleteIfExists(dir.resolve(LogSegment.fileName(base, LogSegment.INDEX_SUFFIX)));
        Files.deleteIfExists(dir.resolve(LogSegment.fileName(base, LogSegment.TIME_INDEX_SUFFIX)));
    }

    static long parseBaseOffset(String fileName) {
        int dot = fileName.indexOf('.');
        try {
            return Long.parseLong(dot < 0 ? fileName : fileName.substring(0, dot));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Unexpected file " + fileName + " in a partition directory", e);
        }
    }
}
