package dev.runnel.log.internal.segment;

import dev.runnel.common.TopicPartition;
import dev.runnel.common.errors.InvalidProducerEpochException;
import dev.runnel.common.errors.OutOfOrderSequenceException;
import dev.runnel.log.internal.AtomicFiles;
import dev.runnel.log.internal.record.ControlRecord;
import dev.runnel.log.internal.record.RecordBatch;
import dev.runnel.log.internal.record.RecordCursor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partition's producer state: per producer id its epoch, the sequence and offset ranges of its last
 * {@value #MAX_CACHED_BATCHES} batches and its open transaction; the open transactions of the partition (which give
 * the first unstable offset) and its aborted transactions. Not thread-safe; owned by the partition's writer (under
 * {@link PartitionLog}'s append lock), except {@link #abortedTransactions}, which readers call concurrently.
 */
final class ProducerStateManager {
    /*
     * Implementation notes.
     *
     * Deduplication (KIP-98). An idempotent producer numbers the records it sends to each partition 0, 1, 2, ... per
     * (producer id, epoch); a batch carries the sequence of its first record. A batch whose sequence range equals one
     * of the producer's last five batches is a retry: the log returns the offsets it got the first time and writes
     * nothing. Otherwise the batch must start right after the last one (sequences wrap after Integer.MAX_VALUE), or
     * at 0 for a new epoch; anything else is an OutOfOrderSequenceException. A lower epoch than the partition knows is
     * an InvalidProducerEpochException. A producer id the partition has never seen (or has lost to retention) may
     * start at any sequence, as in Kafka since 2.5. Batches with NO_SEQUENCE (the group coordinator's transactional
     * offset commits) are checked for their epoch only.
     *
     * Transactions. The first transactional batch of a producer opens its transaction at that batch's base offset;
     * a control batch (commit or abort marker) closes it. The smallest open first offset is the first unstable
     * offset; the last stable offset (LSO) is that or, with nothing open, the log end. An abort marker adds
     * (pid, first offset, marker offset) to the aborted-transaction list, which read_committed fetches consult.
     *
     * Persistence. A snapshot of all of this is written as <offset>.snapshot beside the segments when a segment rolls
     * and when the log closes; the two newest are kept. Opening the log loads the newest snapshot at or below the log
     * end offset and replays the batch headers after it, so an unclean shutdown (or a recovery that truncated past a
     * snapshot, which is then deleted) ends in the same state as a clean one. Retention prunes aborted transactions
     * that end before the log start offset.
     */
    static final int MAX_CACHED_BATCHES = 5;
    static final String SNAPSHOT_SUFFIX = ".snapshot";

    /**
     * Snapshot file layout, big-endian:
     * <pre>
     *  0  version          int16   2
     *  2  crc              int32   CRC-32C of everything after this field
     *  6  producerCount    int32
     *     per producer:    producerId int64, epoch int16, txnFirstOffset int64 (-1: none), lastTimestamp int64,
     *                      coordinatorEpoch int32 (-1: no marker yet), batchCount int32,
     *                      per batch: firstSeq int32, lastSeq int32, firstOffset int64, lastOffset int64
     *     abortedCount     int32
     *     per aborted txn: producerId int64, firstOffset int64, lastOffset int64
     * </pre>
     */
    static final short SNAPSHOT_VERSION = 2;
    static final int CRC_OFFSET = Short.BYTES;
    static final int BODY_OFFSET = CRC_OFFSET + Integer.BYTES;

    private static final Logger LOG = LoggerFactory.getLogger(ProducerStateManager.class);

    /** One batch a producer wrote: its sequence range and the offsets it got. */
    record BatchMetadata(int firstSeq, int lastSeq, long firstOffset, long lastOffset) {
    }

    /** A transaction that ended with an abort marker at {@code lastOffset}. */
    record AbortedTxn(long producerId, long firstOffset, long lastOffset) {
    }

    private static final class ProducerEntry {
        private short epoch;
        private final ArrayDeque<BatchMetadata> batches = new ArrayDeque<>(MAX_CACHED_BATCHES);
        private long txnFirstOffset = -1;
        private long lastTimestampMs = RecordBatch.NO_TIMESTAMP;
        private int coordinatorEpoch = -1;

        ProducerEntry(short epoch) {
            this.epoch = epoch;
        }

        BatchMetadata duplicateOf(int firstSeq, int lastSeq) {
            for (BatchMetadata batch : batches) {
                if (batch.firstSeq() == firstSeq && batch.lastSeq() == lastSeq) {
                    return batch;
                }
            }
            return null;
        }

        void bumpEpoch(short newEpoch) {
            if (newEpoch != epoch) {
                epoch = newEpoch;
                batches.clear();
            }
        }
    }

    private final Path dir;
    private final TopicPartition topicPartition;
    private final Map<Long, ProducerEntry> producers = new HashMap<>();
    /** Open transactions: first offset to producer id. */
    private final TreeMap<Long, Long> ongoing = new TreeMap<>();
    /** Aborted transactions by marker offset; read concurrently by fetches. */
    private final ConcurrentSkipListMap<Long, AbortedTxn> aborted = new ConcurrentSkipListMap<>();
    private final RecordCursor controlCursor = new RecordCursor();

    ProducerStateManager(Path dir, TopicPartition topicPartition) {
        this.dir = dir;
        this.topicPartition = topicPartition;
    }

    /**
     * Checks a data batch from a producer (producer id set, not a control batch) before it is written. Returns the
     * metadata of the batch it duplicates, or null if it is new.
     */
    BatchMetadata checkAppend(RecordBatch batch) {
        ProducerEntry entry = producers.get(batch.producerId());
        if (entry == null) {
            return null;
        }
        short epoch = batch.producerEpoch();
        if (epoch < entry.epoch) {
            throw new InvalidProducerEpochException("Producer " + batch.producerId() + " sent a batch with epoch "
                + epoch + " to partition " + topicPartition + ", which already has epoch " + entry.epoch
                + ": a newer producer instance has taken over");
        }
        int firstSeq = batch.baseSequence();
        if (firstSeq == RecordBatch.NO_SEQUENCE) {
            return null;
        }
        if (epoch > entry.epoch) {
            if (firstSeq != 0) {
                throw outOfOrder(batch, 0);
            }
            return null;
        }
        BatchMetadata duplicate = entry.duplicateOf(firstSeq, incrementSequence(firstSeq, batch.lastOffsetDelta()));
        if (duplicate != null) {
            return duplicate;
        }
        int expected = entry.batches.isEmpty() ? 0 : incrementSequence(entry.batches.peekLast().lastSeq(), 1);
        if (firstSeq != expected) {
            throw outOfOrder(batch, expected);
        }
        return null;
    }

    /** Checks a transaction marker's epoch before it is written. */
    void checkControl(long producerId, short epoch) {
        ProducerEntry entry = producers.get(producerId);
        if (entry != null && epoch < entry.epoch) {
            throw new InvalidProducerEpochException("Transaction marker for producer " + producerId + " has epoch "
                + epoch + " but partition " + topicPartition + " has epoch " + entry.epoch);
        }
    }

    private OutOfOrderSequenceException outOfOrder(RecordBatch batch, int expected) {
        return new OutOfOrderSequenceException("Out of order sequence number for producer " + batch.producerId()
            + " (epoch " + batch.producerEpoch() + ") at partition " + topicPartition + ": got " + batch.baseSequence()
            + ", expected " + expected + "; a batch was lost or reordered");
    }

    /** Returns {@code sequence + increment}, wrapping to 0 after Integer.MAX_VALUE as producers do. */
    static int incrementSequence(int sequence, int increment) {
        return sequence > Integer.MAX_VALUE - increment ? increment - (Integer.MAX_VALUE - sequence) - 1
            : sequence + increment;
    }

    /** Records a batch that was just written (its offsets assigned), or one replayed on load. */
    void update(RecordBatch batch) {
        long producerId = batch.producerId();
        if (producerId == RecordBatch.NO_PRODUCER_ID) {
            return;
        }
        short epoch = batch.producerEpoch();
        ProducerEntry entry = producers.computeIfAbsent(producerId, ignored -> new ProducerEntry(epoch));
        if (epoch > entry.epoch) {
            entry.bumpEpoch(epoch);
        }
        entry.lastTimestampMs = batch.maxTimestamp();
        if (batch.isControlBatch()) {
            completeTransaction(producerId, entry, batch);
            return;
        }
        int firstSeq = batch.baseSequence();
        if (firstSeq != RecordBatch.NO_SEQUENCE) {
            if (entry.batches.size() == MAX_CACHED_BATCHES) {
                entry.batches.pollFirst();
            }
            entry.batches.addLast(new BatchMetadata(firstSeq, incrementSequence(firstSeq, batch.lastOffsetDelta()),
                batch.baseOffset(), batch.lastOffset()));
        }
        if (batch.isTransactional() && entry.txnFirstOffset < 0) {
            entry.txnFirstOffset = batch.baseOffset();
            ongoing.put(entry.txnFirstOffset, producerId);
        }
    }

    private void completeTransaction(long producerId, ProducerEntry entry, RecordBatch marker) {
        RecordCursor cursor = controlCursor.reset(marker);
        // A marker without its record counts as an abort, as a malformed key does.
        boolean hasRecord = cursor.next();
        boolean commit = hasRecord && ControlRecord.isCommit(cursor.key());
        entry.coordinatorEpoch = hasRecord ? ControlRecord.coordinatorEpoch(cursor.value()) : -1;
        long markerOffset = marker.lastOffset();
        if (entry.txnFirstOffset < 0) {
            // A marker for a transaction with no data here (a retried completion, or offsets only): nothing opens.
            return;
        }
        if (!commit) {
            aborted.put(markerOffset, new AbortedTxn(producerId, entry.txnFirstOffset, markerOffset));
        }
        ongoing.remove(entry.txnFirstOffset);
        entry.txnFirstOffset = -1;
    }

    /** The first offset of the earliest open transaction, or -1 when none is open. */
    long firstUnstableOffset() {
        return ongoing.isEmpty() ? -1 : ongoing.firstKey();
    }

    /** Aborted transactions that overlap [fromOffset, upToOffset): their marker is at or after fromOffset. */
    List<AbortedTxn> abortedTransactions(long fromOffset, long upToOffset) {
        List<AbortedTxn> result = new ArrayList<>();
        for (AbortedTxn txn : aborted.tailMap(fromOffset).values()) {
            if (txn.firstOffset() < upToOffset) {
                result.add(txn);
            }
        }
        return result;
    }

    /** Forgets aborted transactions that end before the new log start offset. */
    void pruneAborted(long logStartOffset) {
        aborted.headMap(logStartOffset).clear();
    }

    /** Every producer the partition knows, by producer id. */
    List<ProducerStateEntry> producers() {
        List<ProducerStateEntry> result = new ArrayList<>(producers.size());
        for (Map.Entry<Long, ProducerEntry> e : new TreeMap<>(producers).entrySet()) {
            ProducerEntry entry = e.getValue();
            int lastSeq = entry.batches.isEmpty() ? -1 : entry.batches.peekLast().lastSeq();
            result.add(new ProducerStateEntry(e.getKey(), entry.epoch, lastSeq, entry.lastTimestampMs,
                entry.coordinatorEpoch, entry.txnFirstOffset));
        }
        return result;
    }

    int producerCount() {
        return producers.size();
    }

    /** The epoch the partition knows for {@code producerId}, or -1. For tests. */
    short epochOf(long producerId) {
        ProducerEntry entry = producers.get(producerId);
        return entry == null ? -1 : entry.epoch;
    }

    // ---- snapshots ----

    static Path snapshotFile(Path dir, long offset) {
        return dir.resolve(LogSegment.fileName(offset, SNAPSHOT_SUFFIX));
    }

    /** Writes the state as of {@code offset} (the log end) and keeps only the two newest snapshots. */
    void writeSnapshot(long offset) throws IOException {
        int size = BODY_OFFSET + Integer.BYTES * 2 + aborted.size() * (Long.BYTES * 3);
        for (ProducerEntry entry : producers.values()) {
            size += Long.BYTES + Short.BYTES + Long.BYTES * 2 + Integer.BYTES * 2 + entry.batches.size() * 24;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.putShort(SNAPSHOT_VERSION).putInt(0).putInt(producers.size());
        for (Map.Entry<Long, ProducerEntry> e : producers.entrySet()) {
            ProducerEntry entry = e.getValue();
            buffer.putLong(e.getKey()).putShort(entry.epoch).putLong(entry.txnFirstOffset)
                .putLong(entry.lastTimestampMs).putInt(entry.coordinatorEpoch).putInt(entry.batches.size());
            for (BatchMetadata batch : entry.batches) {
                buffer.putInt(batch.firstSeq()).putInt(batch.lastSeq()).putLong(batch.firstOffset())
                    .putLong(batch.lastOffset());
            }
        }
        buffer.putInt(aborted.size());
        for (AbortedTxn txn : aborted.values()) {
            buffer.putLong(txn.producerId()).putLong(txn.firstOffset()).putLong(txn.lastOffset());
        }
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), BODY_OFFSET, size - BODY_OFFSET);
        buffer.putInt(CRC_OFFSET, (int) crc.getValue());
        AtomicFiles.write(snapshotFile(dir, offset), buffer.array());
        TreeSet<Long> offsets = snapshotOffsets(dir);
        while (offsets.size() > 2) {
            Files.deleteIfExists(snapshotFile(dir, offsets.pollFirst()));
        }
    }

    static TreeSet<Long> snapshotOffsets(Path dir) throws IOException {
        TreeSet<Long> offsets = new TreeSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SNAPSHOT_SUFFIX)) {
            for (Path file : files) {
                offsets.add(LogLoader.parseBaseOffset(file.getFileName().toString()));
            }
        }
        return offsets;
    }

    /**
     * Loads the newest readable snapshot at or below {@code logEndOffset}, deleting those above it (recovery cut the
     * log they describe); returns the offset replay must start from, or -1 if no snapshot was usable.
     */
    long loadSnapshot(long logEndOffset) throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, "*" + SNAPSHOT_SUFFIX + ".tmp")) {
            for (Path file : leftovers) {
                Files.deleteIfExists(file);
            }
        }
        TreeSet<Long> offsets = snapshotOffsets(dir);
        for (Long offset : offsets.descendingSet()) {
            Path file = snapshotFile(dir, offset);
            if (offset > logEndOffset) {
                LOG.info("Deleting producer snapshot {} of partition {}: the log now ends at {}", file.getFileName(),
                    topicPartition, logEndOffset);
                Files.deleteIfExists(file);
                continue;
            }
            if (read(Files.readAllBytes(file))) {
                return offset;
            }
            LOG.warn("Producer snapshot {} of partition {} is corrupt or of an older version; it is ignored and "
                + "the state rebuilt from the log", file.getFileName(), topicPartition);
            clear();
        }
        return -1;
    }

    private boolean read(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            if (buffer.getShort() != SNAPSHOT_VERSION) {
                return false;
            }
            int storedCrc = buffer.getInt();
            CRC32C crc = new CRC32C();
            crc.update(bytes, BODY_OFFSET, bytes.length - BODY_OFFSET);
            if ((int) crc.getValue() != storedCrc) {
                return false;
            }
            int producerCount = buffer.getInt();
            for (int i = 0; i < producerCount; i++) {
                long producerId = buffer.getLong();
                ProducerEntry entry = new ProducerEntry(buffer.getShort());
                entry.txnFirstOffset = buffer.getLong();
                entry.lastTimestampMs = buffer.getLong();
                entry.coordinatorEpoch = buffer.getInt();
                int batchCount = buffer.getInt();
                for (int b = 0; b < batchCount; b++) {
                    entry.batches.addLast(new BatchMetadata(buffer.getInt(), buffer.getInt(), buffer.getLong(),
                        buffer.getLong()));
                }
                producers.put(producerId, entry);
                if (entry.txnFirstOffset >= 0) {
                    ongoing.put(entry.txnFirstOffset, producerId);
                }
            }
            int abortedCount = buffer.getInt();
            for (int i = 0; i < abortedCount; i++) {
                AbortedTxn txn = new AbortedTxn(buffer.getLong(), buffer.getLong(), buffer.getLong());
                aborted.put(txn.lastOffset(), txn);
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void clear() {
        producers.clear();
        ongoing.clear();
        aborted.clear();
    }
}
