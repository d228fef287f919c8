package dev.runnel.log.internal.group;

import dev.runnel.clients.consumer.OffsetAndMetadata;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.errors.TopicExistsException;
import dev.runnel.common.record.CompressionType;
import dev.runnel.common.record.TimestampType;
import dev.runnel.common.utils.Time;
import dev.runnel.log.RunnelLog;
import dev.runnel.log.internal.record.Batches;
import dev.runnel.log.internal.record.RecordBatch;
import dev.runnel.log.internal.record.RecordBatchBuilder;
import dev.runnel.log.internal.record.RecordCursor;
import dev.runnel.log.internal.segment.AppendInfo;
import dev.runnel.log.internal.segment.FetchData;
import dev.runnel.log.internal.segment.PartitionLog;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Committed offsets of every group, kept in memory and written to the compacted {@code __consumer_offsets} topic
 * (layout in {@link OffsetRecords}); rebuilt from that topic when the log opens. Transactional commits are staged per
 * producer and become visible only when their transaction commits. Not thread-safe; owned by the
 * {@link GroupCoordinator}, which calls it under its lock.
 */
final class OffsetStore {
    static final String TOPIC = "__consumer_offsets";
    /** Kafka's {@code offsets.topic.segment.bytes}. */
    private static final String SEGMENT_BYTES = "104857600";
    private static final int READ_BYTES = 1 << 20;

    /** A committed offset and the log offset of the record that holds it (later records win). */
    private record Entry(OffsetAndMetadata offset, long logOffset) {
    }

    /** A producer's open transaction: its epoch and the offsets it staged, by group. */
    private record Pending(short epoch, Map<String, Map<TopicPartition, Entry>> offsets) {
    }

    private record SequenceKey(long producerId, int partition) {
    }

    private record Sequence(short epoch, int next) {
    }

    private final RunnelLog log;
    private final Time time;
    private final int defaultPartitions;
    private final Map<String, Map<TopicPartition, Entry>> committed = new HashMap<>();
    private final Map<Long, Pending> pending = new HashMap<>();
    private final Map<SequenceKey, Sequence> sequences = new HashMap<>();
    private final RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE, TimestampType.CREATE_TIME,
        1 << 20);

    OffsetStore(RunnelLog log, Time time, int defaultPartitions) {
        this.log = log;
        this.time = time;
        this.defaultPartitions = defaultPartitions;
    }

    /** Which partition of the offsets topic holds the group: Kafka's {@code abs(hashCode) % partitions}. */
    TopicPartition partitionFor(String groupId) {
        int partitions = log.topicExists(TOPIC) ? log.partitionCount(TOPIC) : defaultPartitions;
        return new TopicPartition(TOPIC, (groupId.hashCode() & 0x7fffffff) % partitions);
    }

    /** Rebuilds the offsets from the topic; called once, when the log opens. */
    void load() {
        if (!log.topicExists(TOPIC)) {
            return;
        }
        for (int p = 0; p < log.partitionCount(TOPIC); p++) {
            PartitionLog partition = log.partition(new TopicPartition(TOPIC, p));
            long position = partition.logStartOffset();
            while (position < partition.logEndOffset()) {
                FetchData data = partition.read(position, READ_BYTES);
                if (!data.records().hasRemaining()) {
                    break;
                }
                Batches batches = new Batches(data.records());
                while (batches.next()) {
                    RecordBatch batch = batches.batch();
                    if (batch.lastOffset() >= position) {
                        loadBatch(p, batch);
                    }
                    position = Math.max(position, batch.nextOffset());
                }
            }
        }
    }

    private void loadBatch(int partition, RecordBatch batch) {
        RecordCursor cursor = new RecordCursor().reset(batch);
        if (batch.isControlBatch()) {
            while (cursor.next()) {
                complete(batch.producerId(), OffsetRecords.isCommitMarker(cursor.key()));
            }
            return;
        }
        if (batch.isTransactional()) {
            sequences.put(new SequenceKey(batch.producerId(), partition),
                new Sequence(batch.producerEpoch(), batch.baseSequence() + batch.recordCount()));
        }
        while (cursor.next()) {
            OffsetRecords.Key key = OffsetRecords.parseKey(cursor.key());
            if (key == null) {
                continue;
            }
            byte[] value = cursor.value();
            if (batch.isTransactional()) {
                if (value != null) {
                    stageEntry(batch.producerId(), batch.producerEpoch(), key.group(), key.partition(),
                        new Entry(OffsetRecords.parseValue(value), cursor.offset()));
                }
            } else if (value == null) {
                remove(key.group(), key.partition());
            } else {
                committed.computeIfAbsent(key.group(), g -> new HashMap<>()).put(key.partition(),
                    new Entry(OffsetRecords.parseValue(value), cursor.offset()));
            }
        }
    }

    /** Writes the offsets as one batch, then makes them visible. */
    void commit(String groupId, Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        long firstOffset = write(groupId, offsets, null);
        Map<TopicPartition, Entry> group = committed.computeIfAbsent(groupId, g -> new HashMap<>());
        long logOffset = firstOffset;
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
            group.put(e.getKey(), new Entry(e.getValue(), logOffset++));
        }
    }

    /**
     * Writes tombstones for the partitions' offsets and forgets them, also those staged by open transactions, which
     * would otherwise come back when they commit (as Kafka drops them too).
     */
    void delete(String groupId, Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> tombstones = new LinkedHashMap<>();
        partitions.forEach(tp -> tombstones.put(tp, null));
        if (!tombstones.isEmpty()) {
            write(groupId, tombstones, null);
        }
        partitions.forEach(tp -> remove(groupId, tp));
    }

    /** Deletes, as {@link #delete} does, every group's offsets of {@code topic}, committed or staged. */
    void deleteTopic(String topic) {
        Map<String, Set<TopicPartition>> byGroup = new TreeMap<>();
        committed.forEach((groupId, offsets) -> addPartitionsOf(topic, groupId, offsets.keySet(), byGroup));
        pending.values().forEach(txn -> txn.offsets().forEach((groupId, offsets) ->
            addPartitionsOf(topic, groupId, offsets.keySet(), byGroup)));
        byGroup.forEach(this::delete);
    }

    private static void addPartitionsOf(String topic, String groupId, Set<TopicPartition> partitions,
                                        Map<String, Set<TopicPartition>> byGroup) {
        for (TopicPartition tp : partitions) {
            if (tp.topic().equals(topic)) {
                byGroup.computeIfAbsent(groupId, g -> new HashSet<>()).add(tp);
            }
        }
    }

    /** Writes {@code offsets} as pending offsets of the producer's transaction. */
    void stage(long producerId, short producerEpoch, String groupId, Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        long logOffset = write(groupId, offsets, new long[] {producerId, producerEpoch});
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
            stageEntry(producerId, producerEpoch, groupId, e.getKey(), new Entry(e.getValue(), logOffset++));
        }
    }

    private void stageEntry(long producerId, short epoch, String groupId, TopicPartition tp, Entry entry) {
        Pending txn = pending.get(producerId);
        if (txn == null || txn.epoch() != epoch) {
            txn = new Pending(epoch, new HashMap<>());
            pending.put(producerId, txn);
        }
        txn.offsets().computeIfAbsent(groupId, g -> new HashMap<>()).put(tp, entry);
    }

    /**
     * Applies (commit) or drops (abort) the producer's staged offsets. A staged offset replaces the committed one only
     * if its record is later in the log, as in Kafka, so a plain commit made after the staging wins.
     */
    void complete(long producerId, boolean commit) {
        Pending txn = pending.remove(producerId);
        if (txn == null || !commit) {
            return;
        }
        txn.offsets().forEach((groupId, offsets) -> {
            Map<TopicPartition, Entry> group = committed.computeIfAbsent(groupId, g -> new HashMap<>());
            offsets.forEach((tp, entry) -> {
                Entry current = group.get(tp);
                if (current == null || current.logOffset() < entry.logOffset()) {
                    group.put(tp, entry);
                }
            });
        });
    }

    boolean hasPending(long producerId) {
        return pending.containsKey(producerId);
    }

    Map<TopicPartition, OffsetAndMetadata> fetch(String groupId) {
        Map<TopicPartition, OffsetAndMetadata> result = new HashMap<>();
        committed.getOrDefault(groupId, Map.of()).forEach((tp, entry) -> result.put(tp, entry.offset()));
        return result;
    }

    /** The groups that have committed offsets. */
    Set<String> groups() {
        return new TreeSet<>(committed.keySet());
    }

    private void remove(String groupId, TopicPartition tp) {
        for (Pending txn : pending.values()) {
            Map<TopicPartition, Entry> staged = txn.offsets().get(groupId);
            if (staged != null) {
                staged.remove(tp);
            }
        }
        Map<TopicPartition, Entry> group = committed.get(groupId);
        if (group != null) {
            group.remove(tp);
            if (group.isEmpty()) {
                committed.remove(groupId);
            }
        }
    }

    /**
     * Appends one batch with a record per partition (a null offset is a tombstone); {@code producer} is
     * {@code {producerId, epoch}} for a transactional batch. Returns the offset of the first record.
     */
    private long write(String groupId, Map<TopicPartition, OffsetAndMetadata> offsets, long[] producer) {
        TopicPartition target = ensureTopic(groupId);
        long now = time.milliseconds();
        builder.reset();
        if (producer != null) {
            SequenceKey key = new SequenceKey(producer[0], target.partition());
            Sequence sequence = sequences.get(key);
            int base = sequence == null || sequence.epoch() != (short) producer[1] ? 0 : sequence.next();
            builder.setProducerState(producer[0], (short) producer[1], base, true);
            sequences.put(key, new Sequence((short) producer[1], base + offsets.size()));
        }
        offsets.forEach((tp, offset) -> builder.append(now, OffsetRecords.key(groupId, tp),
            offset == null ? null : OffsetRecords.value(offset, now), null));
        ByteBuffer batch = builder.build();
        ByteBuffer copy = ByteBuffer.allocate(batch.remaining()).put(batch).flip();
        AppendInfo info = log.append(target, copy);
        return info.firstOffset();
    }

    private TopicPartition ensureTopic(String groupId) {
        if (!log.topicExists(TOPIC)) {
            try {
                log.createTopic(TOPIC, defaultPartitions, Map.of("cleanup.policy", "compact", "segment.bytes",
                    SEGMENT_BYTES));
            } catch (TopicExistsException e) {
                // Created concurrently (e.g. by an admin call): use it.
            }
        }
        return partitionFor(groupId);
    }
}
