package dev.runnel.log.internal.txn;

import dev.runnel.common.KafkaException;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.errors.InvalidPidMappingException;
import dev.runnel.common.errors.InvalidProducerEpochException;
import dev.runnel.common.errors.InvalidTxnStateException;
import dev.runnel.common.errors.ProducerFencedException;
import dev.runnel.common.record.CompressionType;
import dev.runnel.common.record.TimestampType;
import dev.runnel.common.utils.Time;
import dev.runnel.log.RunnelLog;
import dev.runnel.log.internal.record.RecordBatch;
import dev.runnel.log.internal.record.RecordBatchBuilder;
import dev.runnel.log.internal.record.RecordCursor;
import dev.runnel.log.internal.segment.AppendInfo;
import dev.runnel.log.internal.segment.PartitionLog;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded log's transaction coordinator: producer ids, transactional ids with their epochs, and the two-phase
 * completion of transactions. Its state is the compacted topic {@value #TOPIC}, loaded when the log opens.
 * Thread-safe: requests are serialised; {@link #isFenced} reads without the lock.
 */
public final class TransactionCoordinator implements AutoCloseable {
    /*
     * Implementation notes (KIP-98, "Exactly Once Delivery and Transactional Messaging").
     *
     * State machine per transactional id: Empty -> Ongoing (first partition added) -> PrepareCommit | PrepareAbort ->
     * CompleteCommit | CompleteAbort -> Ongoing (next transaction) ... Every transition is a record in
     * __transaction_state. The records that later steps rely on are fsynced before those steps:
     *
     * 1. AddPartitions: Ongoing with the new partition list is durable before the producer writes to the partition,
     *    so that every partition holding the transaction's data is known and gets a marker, even after a crash.
     * 2. EndTxn: PrepareCommit/PrepareAbort is durable before any marker is written; from then on the outcome is
     *    decided, and loading the log completes a Prepare* it finds by writing the markers again (a second marker for
     *    a producer with no open transaction in a partition changes nothing there). Before PrepareCommit, every
     *    partition of the transaction (its data, and the offsets it sends) is fsynced in one parallel pass: producers
     *    do not fsync a transaction's records as they write them, and a decided commit must not lose any.
     * 3. The markers go to every partition (data partitions and the group's offsets partition) and are then fsynced
     *    in one parallel pass; only then is CompleteCommit/CompleteAbort written, unflushed: if it is lost, the
     *    Prepare* record makes the next load write the markers again.
     *
     * Fencing: initTransactions bumps the epoch. If a transaction is open, it is aborted with the bumped epoch first,
     * so every partition it touched learns the new epoch and refuses the old producer's batches
     * (InvalidProducerEpochException); the coordinator refuses the old epoch with ProducerFencedException. A
     * transaction open longer than its timeout is aborted the same way, from the log's maintenance cycle.
     */
    public static final String TOPIC = "__transaction_state";
    /** Single node: the coordinator epoch in markers never changes. */
    public static final int COORDINATOR_EPOCH = 0;

    private static final Logger LOG = LoggerFactory.getLogger(TransactionCoordinator.class);
    private static final TopicPartition STATE_PARTITION = new TopicPartition(TOPIC, 0);

    private final RunnelLog log;
    private final Time time;
    private final ProducerIdAllocator producerIds;
    private final Map<String, TransactionMetadata> transactions = new ConcurrentHashMap<>();
    /** The watches producers asked for, kept current by every write of their transactional id's state. */
    private final Map<String, EpochWatch> watches = new ConcurrentHashMap<>();
    private final ExecutorService flushers;
    private volatile TransactionalOffsetSink offsetSink;

    /** A producer id with its epoch, as initTransactions returns it. */
    public record ProducerIdAndEpoch(long producerId, short epoch) {
    }

    public TransactionCoordinator(RunnelLog log, Path metaDir, Time time) {
        this.log = log;
        this.time = time;
        this.producerIds = new ProducerIdAllocator(metaDir);
        this.flushers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "runnel-txn-marker-flush");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Reads {@value #TOPIC} and completes the transactions a crash left prepared. Called once, when the log opens. */
    public synchronized void load() {
        if (!log.topicExists(TOPIC)) {
            return;
        }
        PartitionLog partition = log.partition(STATE_PARTITION);
        RecordBatch batch = new RecordBatch();
        RecordCursor cursor = new RecordCursor();
        long offset = partition.logStartOffset();
        long end = partition.logEndOffset();
        while (offset < end) {
            ByteBuffer data = partition.read(offset, 1 << 20).records();
            if (!data.hasRemaining()) {
                break;
            }
            for (int p = data.position(); p + RecordBatch.HEADER_SIZE <= data.limit(); p += batch.sizeInBytes()) {
                batch.wrap(data, p);
                cursor.reset(batch);
                while (cursor.next()) {
                    if (cursor.offset() >= offset && cursor.hasKey()) {
                        String id = TransactionMetadata.readKey(cursor.key());
                        if (cursor.hasValue()) {
                            transactions.put(id, TransactionMetadata.read(id, cursor.value()));
                        } else {
                            transactions.remove(id);
                        }
                    }
                }
                offset = Math.max(offset, batch.nextOffset());
            }
        }
        for (TransactionMetadata txn : List.copyOf(transactions.values())) {
            if (txn.state() == TransactionState.PREPARE_COMMIT || txn.state() == TransactionState.PREPARE_ABORT) {
                LOG.info("Completing transaction of {} (producer {}) left prepared by a crash", txn.transactionalId(),
                    txn.producerId());
                complete(txn, txn.state() == TransactionState.PREPARE_COMMIT);
            }
        }
    }

    /** Sets where sendOffsetsToTransaction stages offsets: the group coordinator. */
    public void setOffsetSink(TransactionalOffsetSink sink) {
        this.offsetSink = sink;
    }

    /** The group coordinator offsets are staged with; throws if none is wired. */
    public TransactionalOffsetSink offsetSink() {
        TransactionalOffsetSink sink = offsetSink;
        if (sink == null) {
            throw new KafkaException("sendOffsetsToTransaction needs a group coordinator, and this log has none");
        }
        return sink;
    }

    /** A new producer id for an idempotent producer without a transactional id (epoch 0). */
    public long allocateProducerId() {
        return producerIds.allocate();
    }

    /**
     * Registers a producer for {@code transactionalId}: a new id gets a new producer id and epoch 0; a known one gets
     * its epoch bumped, which fences the previous producer, after its open transaction (if any) is aborted.
     */
    public synchronized ProducerIdAndEpoch initProducerId(String transactionalId, int timeoutMs) {
        TransactionMetadata txn = transactions.get(transactionalId);
        long now = time.milliseconds();
        TransactionMetadata next;
        if (txn == null) {
            next = new TransactionMetadata(transactionalId, producerIds.allocate(), (short) 0, timeoutMs,
                TransactionState.EMPTY, -1, now, Set.of());
        } else {
            if (txn.state() == TransactionState.PREPARE_COMMIT || txn.state() == TransactionState.PREPARE_ABORT) {
                txn = complete(txn, txn.state() == TransactionState.PREPARE_COMMIT);
            }
            TransactionMetadata bumped = bumpEpoch(txn);
            if (txn.state() == TransactionState.ONGOING) {
                LOG.info("Aborting the open transaction of {} (producer {}): a new producer with this transactional "
                    + "id fences it", transactionalId, txn.producerId());
                bumped = abortWithEpoch(bumped);
            }
            next = new TransactionMetadata(transactionalId, bumped.producerId(), bumped.producerEpoch(), timeoutMs,
                TransactionState.EMPTY, -1, now, Set.of());
        }
        persist(next, true);
        return new ProducerIdAndEpoch(next.producerId(), next.producerEpoch());
    }

    private TransactionMetadata bumpEpoch(TransactionMetadata txn) {
        boolean exhausted = txn.producerEpoch() >= Short.MAX_VALUE - 1;
        long producerId = exhausted ? producerIds.allocate() : txn.producerId();
        short epoch = exhausted ? 0 : (short) (txn.producerEpoch() + 1);
        return new TransactionMetadata(txn.transactionalId(), producerId, epoch, txn.timeoutMs(), txn.state(),
            txn.startTimeMs(), time.milliseconds(), txn.partitions());
    }

    /** Aborts {@code txn} (Ongoing) with its own, already bumped, epoch; returns the CompleteAbort state. */
    private TransactionMetadata abortWithEpoch(TransactionMetadata txn) {
        TransactionMetadata prepared = txn.with(TransactionState.PREPARE_ABORT, time.milliseconds());
        persist(prepared, true);
        return complete(prepared, false);
    }

    /**
     * Adds partitions to the producer's transaction, starting one if none is open; durable before it returns.
     *
     * @throws ProducerFencedException if a newer producer has the transactional id
     */
    public synchronized void addPartitions(String transactionalId, long producerId, short epoch,
                                           Collection<TopicPartition> partitions) {
        TransactionMetadata txn = checkProducer(transactionalId, producerId, epoch);
        if (!txn.state().acceptsNewPartitions()) {
            throw new InvalidTxnStateException("TransactionalId " + transactionalId + ": cannot add partitions in "
                + "state " + txn.state());
        }
        boolean starting = txn.state() != TransactionState.ONGOING;
        Set<TopicPartition> all = new LinkedHashSet<>(starting ? Set.of() : txn.partitions());
        if (!all.addAll(partitions) && !starting) {
            return;
        }
        long now = time.milliseconds();
        persist(new TransactionMetadata(transactionalId, producerId, epoch, txn.timeoutMs(), TransactionState.ONGOING,
            starting ? now : txn.startTimeMs(), now, all), true);
    }

    /** Adds the offsets partition of {@code groupId} to the transaction, so the marker reaches the offsets. */
    public void addOffsetsToTxn(String transactionalId, long producerId, short epoch, String groupId) {
        addPartitions(transactionalId, producerId, epoch, List.of(offsetSink().offsetsPartitionFor(groupId)));
    }

    /**
     * Commits or aborts the producer's transaction: for a commit, its partitions fsynced in one parallel pass; then
     * Prepare* (fsynced), markers on every partition (fsynced in one parallel pass), Complete*. Ending a transaction
     * that has no partitions only records the outcome.
     *
     * @throws ProducerFencedException  if a newer producer has the transactional id, or the coordinator aborted this
     *                                  transaction on its timeout
     * @throws InvalidTxnStateException if there is no such transaction to end
     */
    public void endTransaction(String transactionalId, long producerId, short epoch, boolean commit) {
        Map<PartitionLog, Long> flushed = Map.of();
        TransactionMetadata current = transactions.get(transactionalId);
        if (commit && current != null && current.state() == TransactionState.ONGOING
            && !fences(current, producerId, epoch)) {
            // Outside the lock, so that other producers' calls do not wait for these fsyncs. The producer has flushed
            // its sends and waits for this call, so its transaction gains no partition meanwhile (those it would are
            // fsynced under the lock).
            flushed = partitionEnds(current);
            flushAll(flushed);
        }
        decide(transactionalId, producerId, epoch, commit, flushed.keySet());
    }

    private synchronized void decide(String transactionalId, long producerId, short epoch, boolean commit,
                                     Set<PartitionLog> flushed) {
        TransactionMetadata txn = checkProducer(transactionalId, producerId, epoch);
        TransactionState wanted = commit ? TransactionState.COMPLETE_COMMIT : TransactionState.COMPLETE_ABORT;
        switch (txn.state()) {
            case ONGOING -> {
                if (commit) {
                    Map<PartitionLog, Long> unflushed = partitionEnds(txn);
                    unflushed.keySet().removeAll(flushed);
                    flushAll(unflushed);
                }
                TransactionMetadata prepared = txn.with(commit ? TransactionState.PREPARE_COMMIT
                    : TransactionState.PREPARE_ABORT, time.milliseconds());
                persist(prepared, true);
                complete(prepared, commit);
            }
            case EMPTY, COMPLETE_COMMIT, COMPLETE_ABORT -> {
                if (txn.state() != TransactionState.EMPTY && txn.state() != wanted) {
                    throw new InvalidTxnStateException("TransactionalId " + transactionalId + ": cannot "
                        + (commit ? "commit" : "abort") + " in state " + txn.state());
                }
                persist(txn.with(wanted, time.milliseconds()), false);
            }
            default -> throw new InvalidTxnStateException("TransactionalId " + transactionalId + ": cannot end a "
                + "transaction in state " + txn.state());
        }
    }

    private TransactionMetadata checkProducer(String transactionalId, long producerId, short epoch) {
        TransactionMetadata txn = transactions.get(transactionalId);
        if (txn == null) {
            throw new InvalidPidMappingException("TransactionalId " + transactionalId + " is unknown to the "
                + "transaction coordinator; call initTransactions first");
        }
        if (txn.producerId() != producerId || epoch < txn.producerEpoch()) {
            throw fenced(transactionalId, producerId, epoch, txn);
        }
        if (epoch > txn.producerEpoch()) {
            throw new InvalidProducerEpochException("TransactionalId " + transactionalId + ": epoch " + epoch
                + " is newer than the coordinator's " + txn.producerEpoch());
        }
        return txn;
    }

    private static ProducerFencedException fenced(String transactionalId, long producerId, short epoch,
                                                  TransactionMetadata txn) {
        return new ProducerFencedException("There is a newer producer with the same transactionalId "
            + transactionalId + " which fences the current one: producer " + producerId + " epoch " + epoch
            + " is older than producer " + txn.producerId() + " epoch " + txn.producerEpoch());
    }

    /** Whether {@code (producerId, epoch)} is no longer the current producer of {@code transactionalId}. Lock-free. */
    public boolean isFenced(String transactionalId, long producerId, short epoch) {
        return fences(transactions.get(transactionalId), producerId, epoch);
    }

    private static boolean fences(TransactionMetadata txn, long producerId, short epoch) {
        return txn != null && (txn.producerId() != producerId || epoch < txn.producerEpoch());
    }

    /**
     * Returns the watch of {@code transactionalId}'s current producer id and epoch, for a producer to check on each
     * send whether it has been fenced without a lookup by transactional id.
     */
    public EpochWatch epochWatch(String transactionalId) {
        return watches.computeIfAbsent(transactionalId, id -> new EpochWatch(transactions.get(id)));
    }

    /** The current state of one transactional id, as of its last write. */
    public static final class EpochWatch {
        private volatile TransactionMetadata latest;

        private EpochWatch(TransactionMetadata latest) {
            this.latest = latest;
        }

        /** Whether {@code (producerId, epoch)} is no longer the current producer of the transactional id. */
        public boolean fences(long producerId, short epoch) {
            return TransactionCoordinator.fences(latest, producerId, epoch);
        }
    }

    /** Throws the coordinator's ProducerFencedException if the producer is fenced. */
    public void checkNotFenced(String transactionalId, long producerId, short epoch) {
        TransactionMetadata txn = transactions.get(transactionalId);
        if (fences(txn, producerId, epoch)) {
            throw fenced(transactionalId, producerId, epoch, txn);
        }
    }

    /**
     * Aborts every transaction open longer than its {@code transaction.timeout.ms}, bumping its epoch so that the
     * producer, if it is still alive, is fenced. Returns how many were aborted. Run by the log's maintenance cycle.
     */
    public synchronized int abortTimedOutTransactions() {
        long now = time.milliseconds();
        int aborted = 0;
        for (TransactionMetadata txn : List.copyOf(transactions.values())) {
            if (txn.state() == TransactionState.ONGOING && now - txn.startTimeMs() > txn.timeoutMs()) {
                LOG.info("Aborting the transaction of {} (producer {}): it has been open for {} ms, longer than its "
                    + "transaction.timeout.ms of {} ms", txn.transactionalId(), txn.producerId(),
                    now - txn.startTimeMs(), txn.timeoutMs());
                abortWithEpoch(bumpEpoch(txn));
                aborted++;
            }
        }
        return aborted;
    }

    /** The state of every transactional id the coordinator knows, in no order. Lock-free. */
    public List<TransactionMetadata> transactions() {
        return List.copyOf(transactions.values());
    }

    /** The coordinator's state of a transactional id. For tests and tools. */
    public Optional<TransactionMetadata> describe(String transactionalId) {
        return Optional.ofNullable(transactions.get(transactionalId));
    }

    /**
     * Writes an abort marker for a producer's transaction in one partition, fsynced, whatever the coordinator's own
     * state: KIP-664's way to end a hanging transaction, one the coordinator has lost track of, so that the
     * partition's last stable offset can move again.
     *
     * @throws dev.runnel.common.errors.InvalidProducerEpochException if the partition knows a newer epoch
     */
    public void abortOnPartition(TopicPartition tp, long producerId, short epoch, int coordinatorEpoch) {
        PartitionLog partition = log.partition(tp);
        AppendInfo info = partition.appendMarker(producerId, epoch, false, coordinatorEpoch);
        partition.flush(info.lastOffset() + 1);
        log.appendNotifier().signalAppend();
    }

    /** Writes the markers of a prepared transaction, fsyncs them, tells the offset sink and records Complete*. */
    private TransactionMetadata complete(TransactionMetadata prepared, boolean commit) {
        writeMarkers(prepared, commit);
        TransactionalOffsetSink sink = offsetSink;
        if (sink != null) {
            sink.completeTransaction(prepared.producerId(), commit);
        }
        TransactionMetadata completed = prepared.with(commit ? TransactionState.COMPLETE_COMMIT
            : TransactionState.COMPLETE_ABORT, time.milliseconds());
        persist(completed, false);
        return completed;
    }

    /** Returns each existing partition of {@code txn} with its log end, to fsync up to. */
    private Map<PartitionLog, Long> partitionEnds(TransactionMetadata txn) {
        Map<PartitionLog, Long> ends = new HashMap<>();
        for (TopicPartition tp : txn.partitions()) {
            if (log.topicExists(tp.topic())) {
                PartitionLog partition = log.partition(tp);
                ends.put(partition, partition.logEndOffset());
            }
        }
        return ends;
    }

    private void writeMarkers(TransactionMetadata txn, boolean commit) {
        Map<PartitionLog, Long> toFlush = new HashMap<>();
        for (TopicPartition tp : txn.partitions()) {
            if (!log.topicExists(tp.topic())) {
                LOG.warn("Skipping the {} marker of producer {} for {}: the topic was deleted", commit ? "commit"
                    : "abort", txn.producerId(), tp);
                continue;
            }
            PartitionLog partition = log.partition(tp);
            AppendInfo info = partition.appendMarker(txn.producerId(), txn.producerEpoch(), commit, COORDINATOR_EPOCH);
            toFlush.put(partition, info.lastOffset() + 1);
        }
        flushAll(toFlush);
        log.appendNotifier().signalAppend();
    }

    /** Fsyncs the partitions concurrently: one round of fsyncs, not one after another. */
    private void flushAll(Map<PartitionLog, Long> toFlush) {
        if (toFlush.size() == 1) {
            Map.Entry<PartitionLog, Long> only = toFlush.entrySet().iterator().next();
            only.getKey().flush(only.getValue());
            return;
        }
        List<Future<?>> pending = new ArrayList<>(toFlush.size());
        for (Map.Entry<PartitionLog, Long> entry : toFlush.entrySet()) {
            pending.add(flushers.submit(() -> entry.getKey().flush(entry.getValue())));
        }
        try {
            for (Future<?> future : pending) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while flushing the partitions of a transaction", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new KafkaException(e.getCause());
        }
    }

    private void persist(TransactionMetadata txn, boolean durable) {
        if (!log.topicExists(TOPIC)) {
            log.createTopic(TOPIC, 1, Map.of("cleanup.policy", "compact"));
        }
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE, TimestampType.CREATE_TIME,
            1024 + txn.partitions().size() * 64);
        builder.append(time.milliseconds(), txn.key(), txn.value(), null);
        PartitionLog partition = log.partition(STATE_PARTITION);
        AppendInfo info = partition.append(builder.build());
        if (durable) {
            partition.flush(info.lastOffset() + 1);
        }
        transactions.put(txn.transactionalId(), txn);
        watches.computeIfPresent(txn.transactionalId(), (id, watch) -> {
            watch.latest = txn;
            return watch;
        });
    }

    @Override
    public void close() {
        flushers.shutdownNow();
    }
}
