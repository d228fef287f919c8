package dev.runnel.clients.consumer;

import dev.runnel.common.TopicPartition;
import dev.runnel.common.errors.CorruptRecordException;
import dev.runnel.common.errors.RecordDeserializationException;
import dev.runnel.common.header.Header;
import dev.runnel.common.header.Headers;
import dev.runnel.common.header.internals.RecordHeaders;
import dev.runnel.common.record.TimestampType;
import dev.runnel.common.serialization.Deserializer;
import dev.runnel.log.RunnelLog;
import dev.runnel.log.internal.record.ControlRecord;
import dev.runnel.log.internal.record.RecordBatch;
import dev.runnel.log.internal.record.RecordCursor;
import dev.runnel.log.internal.segment.AbortedTransaction;
import dev.runnel.log.internal.segment.FetchData;
import dev.runnel.log.internal.segment.PartitionLog;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns log reads into {@link ConsumerRecord}s for the assigned partitions: reads whole batches up to
 * {@code max.partition.fetch.bytes} per partition, checks each batch's CRC, skips control batches and records before
 * the position, deserializes, and stops at {@code max.poll.records}. Partitions take turns across polls so that none
 * starves. Not thread-safe; owned by the consumer's polling thread.
 *
 * <p>Under {@code isolation.level=read_committed} it reads only below the partition's last stable offset and skips
 * the batches of aborted transactions, as Kafka's consumer does: with each read it takes the aborted transactions
 * that overlap it (producer id, first offset, abort marker offset), sorted by first offset; a producer id becomes
 * "aborted" once a batch reaches the first offset of one of its aborted transactions, its transactional batches are
 * skipped from then on, and its abort marker ends that.
 */
final class Fetcher<K, V> {
    private static final Headers NO_HEADERS = readOnlyEmptyHeaders();

    private final RunnelLog log;
    private final ConsumerSettings settings;
    private final Deserializer<K> keyDeserializer;
    private final Deserializer<V> valueDeserializer;
    private final FetchMetrics metrics;
    private final RecordCursor markerCursor = new RecordCursor();
    /**
     * The buffer of a partition whose batches were all returned, to read the next fetch into: records are copied
     * out of it, so nothing refers to it any more, and reusing it spares allocating and zeroing up to
     * {@code max.partition.fetch.bytes} per fetch. One at most, so an idle consumer holds no more than that.
     */
    private ByteBuffer spare;
    private int nextStart;

    Fetcher(RunnelLog log, ConsumerSettings settings, Deserializer<K> keyDeserializer,
            Deserializer<V> valueDeserializer, FetchMetrics metrics) {
        this.log = log;
        this.metrics = metrics;
        this.settings = settings;
        this.keyDeserializer = keyDeserializer;
        this.valueDeserializer = valueDeserializer;
    }

    private static Headers readOnlyEmptyHeaders() {
        RecordHeaders headers = new RecordHeaders();
        headers.setReadOnly();
        return headers;
    }

    /**
     * Collects up to {@code max.poll.records} records from the partitions in {@code states}, with the new position
     * of every partition the reading advanced; {@link ConsumerRecords#empty()} if none advanced.
     */
    ConsumerRecords<K, V> collect(Map<TopicPartition, PartitionFetchState> states, PositionResolver resolver) {
        List<TopicPartition> order = new ArrayList<>(states.keySet());
        if (order.isEmpty()) {
            return ConsumerRecords.empty();
        }
        long startNanos = log.time().nanoseconds();
        // Every position first: a partition without one throws before any other partition's records are taken,
        // which would otherwise be lost with the exception.
        for (Map.Entry<TopicPartition, PartitionFetchState> entry : states.entrySet()) {
            if (!entry.getValue().paused) {
                resolver.resolve(entry.getKey(), entry.getValue());
            }
        }
        Map<TopicPartition, List<ConsumerRecord<K, V>>> result = new LinkedHashMap<>();
        Map<TopicPartition, OffsetAndMetadata> nextOffsets = new LinkedHashMap<>();
        int budget = settings.maxPollRecords();
        int start = Math.floorMod(nextStart++, order.size());
        for (int i = 0; i < order.size() && budget > 0; i++) {
            TopicPartition tp = order.get((start + i) % order.size());
            PartitionFetchState state = states.get(tp);
            if (state.paused) {
                continue;
            }
            List<ConsumerRecord<K, V>> records = new ArrayList<>(Math.min(budget, 64));
            long positionBefore = state.position;
            try {
                budget -= drainPartition(tp, state, budget, records);
            } catch (RecordDeserializationException | CorruptRecordException e) {
                state.clearBuffer();
                if (records.isEmpty() && result.isEmpty()) {
                    throw e;
                }
                // Return what came before the bad record; the next poll starts at it and fails there.
            }
            metrics.recordLag(tp, readableEnd(log.partition(tp)) - state.position);
            if (!records.isEmpty()) {
                result.put(tp, records);
            }
            if (state.position != positionBefore) {
                // The embedded log has no leader epochs to report.
                nextOffsets.put(tp, new OffsetAndMetadata(state.position));
            }
        }
        metrics.recordFetch(settings.maxPollRecords() - budget, log.time().nanoseconds() - startNanos,
            log.time().milliseconds(), states);
        return nextOffsets.isEmpty() ? ConsumerRecords.empty() : new ConsumerRecords<>(result, nextOffsets);
    }

    /** Returns how many records were added to {@code out}, at most {@code limit}. */
    private int drainPartition(TopicPartition tp, PartitionFetchState state, int limit,
                               List<ConsumerRecord<K, V>> out) {
        int added = 0;
        while (added < limit) {
            if (state.inBatch) {
                added += drainBatch(tp, state, limit - added, out);
                continue;
            }
            if (state.batches == null || !state.batches.next()) {
                if (state.batches != null) {
                    spare = state.fetched;
                    state.clearBuffer();
                }
                if (!fetch(tp, state)) {
                    break;
                }
                continue;
            }
            RecordBatch batch = state.batches.batch();
            if (settings.checkCrcs() && !batch.isValid()) {
                throw new CorruptRecordException("Record batch for partition " + tp + " at offset "
                    + batch.baseOffset() + " is corrupt (stored crc = " + batch.checksum() + ", computed crc = "
                    + batch.computeChecksum() + "); it is not returned. Seek past offset " + batch.lastOffset()
                    + " to skip it.");
            }
            if (batch.baseOffset() >= state.stableUpperBound) {
                // read_committed: the rest is not stable yet; read it again once it is.
                state.clearBuffer();
                break;
            }
            if (settings.readCommitted() && isAborted(state, batch)) {
                state.position = Math.max(state.position, batch.nextOffset());
                continue;
            }
            if (batch.isControlBatch() || batch.lastOffset() < state.position) {
                state.position = Math.max(state.position, batch.nextOffset());
                continue;
            }
            state.cursor.reset(batch);
            state.inBatch = true;
        }
        return added;
    }

    /**
     * Whether {@code batch} belongs to an aborted transaction; an abort marker ends its producer's aborted
     * transaction (and is itself skipped as a control batch).
     */
    private boolean isAborted(PartitionFetchState state, RecordBatch batch) {
        while (!state.abortedAhead.isEmpty() && state.abortedAhead.peekFirst().firstOffset() <= batch.lastOffset()) {
            state.abortedProducerIds.add(state.abortedAhead.pollFirst().producerId());
        }
        long producerId = batch.producerId();
        if (!state.abortedProducerIds.contains(producerId)) {
            return false;
        }
        if (batch.isControlBatch()) {
            markerCursor.reset(batch);
            if (markerCursor.next() && !ControlRecord.isCommit(markerCursor.key())) {
                state.abortedProducerIds.remove(producerId);
            }
            return false;
        }
        return batch.isTransactional();
    }

    private int drainBatch(TopicPartition tp, PartitionFetchState state, int limit, List<ConsumerRecord<K, V>> out) {
        RecordCursor cursor = state.cursor;
        int added = 0;
        while (added < limit) {
            if (!cursor.next()) {
                state.inBatch = false;
                break;
            }
            long offset = cursor.offset();
            if (offset < state.position) {
                continue;
            }
            out.add(toRecord(tp, cursor, offset));
            state.position = offset + 1;
            added++;
        }
        return added;
    }

    private ConsumerRecord<K, V> toRecord(TopicPartition tp, RecordCursor cursor, long offset) {
        byte[] keyBytes = cursor.key();
        byte[] valueBytes = cursor.value();
        Header[] headerArray = cursor.headers();
        Headers headers = headerArray.length == 0 ? NO_HEADERS : new RecordHeaders(headerArray);
        K key;
        V value;
        try {
            key = keyDeserializer.deserialize(tp.topic(), headers, keyBytes);
        } catch (RuntimeException e) {
            throw deserializationError(tp, offset, "key", e);
        }
        try {
            value = valueDeserializer.deserialize(tp.topic(), headers, valueBytes);
        } catch (RuntimeException e) {
            throw deserializationError(tp, offset, "value", e);
        }
        TimestampType timestampType = cursor.timestampType();
        return new ConsumerRecord<>(tp.topic(), tp.partition(), offset, cursor.timestamp(), timestampType,
            keyBytes == null ? -1 : keyBytes.length, valueBytes == null ? -1 : valueBytes.length, key, value,
            headerArray);
    }

    private static RecordDeserializationException deserializationError(TopicPartition tp, long offset, String what,
                                                                       RuntimeException cause) {
        return new RecordDeserializationException(tp, offset, "Error deserializing " + what + " for partition " + tp
            + " at offset " + offset + ": " + cause.getMessage() + ". If needed, seek past the record to continue "
            + "consumption.", cause);
    }

    /** Reads the next whole batches at the position; returns false when the partition has nothing new. */
    private boolean fetch(TopicPartition tp, PartitionFetchState state) {
        PartitionLog partition = log.partition(tp);
        long upperBound = readableEnd(partition);
        if (state.position >= upperBound) {
            return false;
        }
        FetchData data;
        try {
            data = partition.read(state.position, settings.maxPartitionFetchBytes(), spare);
        } catch (dev.runnel.common.errors.OffsetOutOfRangeException e) {
            // Retention or deleteRecords moved the log start past the position since it was resolved; the next poll
            // resolves it again, applying auto.offset.reset.
            return false;
        }
        if (!data.records().hasRemaining()) {
            return false;
        }
        if (data.records() == spare) {
            spare = null;
        }
        metrics.recordBytesRead(data.records().remaining());
        state.buffer(data.records());
        if (settings.readCommitted()) {
            state.stableUpperBound = upperBound;
            List<AbortedTransaction> aborted = new ArrayList<>(partition.abortedTransactions(state.position,
                upperBound));
            aborted.sort(Comparator.comparingLong(AbortedTransaction::firstOffset));
            state.abortedAhead.addAll(aborted);
        }
        return true;
    }

    /** The offset reading stops at: the log end offset, or under read_committed the last stable offset. */
    private long readableEnd(PartitionLog partition) {
        return settings.readCommitted() ? partition.lastStableOffset() : partition.logEndOffset();
    }

    /** Resolves positions that are unknown or pending a reset, just before a partition is read. */
    interface PositionResolver {
        void resolve(TopicPartition tp, PartitionFetchState state);
    }
}
