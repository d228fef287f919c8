package dev.runnel.clients.producer.internals;

import dev.runnel.clients.consumer.CommitFailedException;
import dev.runnel.clients.consumer.ConsumerGroupMetadata;
import dev.runnel.clients.consumer.OffsetAndMetadata;
import dev.runnel.common.KafkaException;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.errors.InvalidProducerEpochException;
import dev.runnel.common.errors.ProducerFencedException;
import dev.runnel.log.internal.record.RecordBatch;
import dev.runnel.log.internal.txn.TransactionCoordinator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A producer's idempotence and transaction state: its producer id and epoch, the next sequence number per partition,
 * and, with a {@code transactional.id}, Kafka's transaction state machine. Thread-safe: state changes are
 * synchronized; sequences are used by the sender thread only, and reset only while no batch is in flight.
 */
public final class TransactionManager {
    /*
     * Implementation notes.
     *
     * Sequences. The sender thread stamps each batch, just before it is built, with the producer id, epoch and the
     * partition's next sequence, and advances that sequence by the batch's record count. A batch the log refuses was
     * not written, and it is the last one stamped for its partition (the sender appends synchronously), so its
     * sequence is handed back. A retry appends the same built bytes, so the log recognises it by its sequence range.
     *
     * Transactions follow Kafka's client: UNINITIALIZED -> READY (initTransactions) -> IN_TRANSACTION
     * (beginTransaction) -> COMMITTING_TRANSACTION | ABORTING_TRANSACTION -> READY. As in Kafka's client, the sender
     * thread registers the transaction's new partitions with the coordinator (durably, one fsync for all the partitions
     * new since its last round) before it appends their first batches: the sending thread does not wait for it, and an
     * exactly-once stream thread's output, changelog and repartition partitions cost one registration rather than one
     * fsync each. A failed registration fails the round's batches. A failed batch moves the producer to
     * ABORTABLE_ERROR: only abortTransaction is allowed then. Being fenced (ProducerFencedException, or a batch
     * refused for its epoch once the coordinator confirms a newer producer) is FATAL_ERROR: every call throws.
     */
    enum State { UNINITIALIZED, INITIALIZING, READY, IN_TRANSACTION, COMMITTING_TRANSACTION, ABORTING_TRANSACTION,
        ABORTABLE_ERROR, FATAL_ERROR }

    private final String transactionalId;
    private final int transactionTimeoutMs;
    private final TransactionCoordinator coordinator;
    private final Map<TopicPartition, Integer> nextSequence = new ConcurrentHashMap<>();
    /** Read without the lock by sends that find their partition in {@link #sendable}. */
    private final Set<TopicPartition> partitionsInTransaction = ConcurrentHashMap.newKeySet();
    /** Partitions of the open transaction the sender has yet to register with the coordinator (under the lock). */
    private final Set<TopicPartition> unregistered = new HashSet<>();
    private volatile long producerId = RecordBatch.NO_PRODUCER_ID;
    private volatile short epoch = RecordBatch.NO_PRODUCER_EPOCH;
    private State state = State.UNINITIALIZED;
    /**
     * The partitions a send may go to without taking the lock: those of the open transaction while the state is
     * IN_TRANSACTION, null in any other state. Set with the state.
     */
    private volatile Set<TopicPartition> sendable;
    /** The coordinator's current producer id and epoch of this transactional id, from initTransactions on. */
    private volatile TransactionCoordinator.EpochWatch epochWatch;
    private boolean offsetsInTransaction;
    private RuntimeException lastError;

    /** An idempotent producer without transactions: a new producer id, epoch 0. */
    static TransactionManager idempotent(TransactionCoordinator coordinator) {
        TransactionManager manager = new TransactionManager(null, 0, coordinator);
        manager.producerId = coordinator.allocateProducerId();
        manager.epoch = 0;
        manager.setState(State.READY);
        return manager;
    }

    static TransactionManager transactional(String transactionalId, int timeoutMs,
                                            TransactionCoordinator coordinator) {
        return new TransactionManager(Objects.requireNonNull(transactionalId), timeoutMs, coordinator);
    }

    private TransactionManager(String transactionalId, int transactionTimeoutMs, TransactionCoordinator coordinator) {
        this.transactionalId = transactionalId;
        this.transactionTimeoutMs = transactionTimeoutMs;
        this.coordinator = coordinator;
    }

    public boolean isTransactional() {
        return transactionalId != null;
    }

    public long producerId() {
        return producerId;
    }

    public short epoch() {
        return epoch;
    }

    // ---- sender thread ----

    /** Gives the batch the producer id, epoch and the partition's next sequence. Sender thread only. */
    void stamp(ProducerBatch batch) {
        int sequence = nextSequence.getOrDefault(batch.topicPartition(), 0);
        batch.builder().setProducerState(producerId, epoch, sequence, isTransactional());
        batch.setBaseSequence(sequence);
        nextSequence.put(batch.topicPartition(), incrementSequence(sequence, batch.recordCount()));
    }

    /**
     * Registers the open transaction's partitions that sends added since the last call with the coordinator, in one
     * durable call, before the sender appends batches to them. Sender thread only.
     *
     * @throws ProducerFencedException if a newer producer has the transactional id
     */
    void registerNewPartitions() {
        if (!isTransactional()) {
            return;
        }
        List<TopicPartition> added;
        synchronized (this) {
            if (unregistered.isEmpty()) {
                return;
            }
            added = List.copyOf(unregistered);
        }
        coordinator.addPartitions(transactionalId, producerId, epoch, added);
        synchronized (this) {
            unregistered.removeAll(added);
        }
    }

    /** Hands back the sequence of a batch the log refused, and records the error for the transaction. */
    void onBatchFailed(ProducerBatch batch, RuntimeException error) {
        int base = batch.baseSequence();
        if (base >= 0 && nextSequence.getOrDefault(batch.topicPartition(), 0)
            == incrementSequence(base, batch.recordCount())) {
            nextSequence.put(batch.topicPartition(), base);
        }
        if (!isTransactional()) {
            return;
        }
        synchronized (this) {
            if (error instanceof ProducerFencedException
                || (error instanceof InvalidProducerEpochException
                    && coordinator.isFenced(transactionalId, producerId, epoch))) {
                fatal(error instanceof ProducerFencedException fenced ? fenced : new ProducerFencedException(
                    "Producer with transactionalId " + transactionalId + " and epoch " + epoch + " has been fenced "
                    + "by a newer producer", error));
            } else if (state != State.FATAL_ERROR) {
                lastError = error;
                setState(State.ABORTABLE_ERROR);
            }
        }
    }

    static int incrementSequence(int sequence, int increment) {
        return sequence > Integer.MAX_VALUE - increment ? increment - (Integer.MAX_VALUE - sequence) - 1
            : sequence + increment;
    }

    // ---- user threads ----

    private void requireTransactional() {
        if (!isTransactional()) {
            throw new IllegalStateException("Cannot use transactional methods without enabling transactions by "
                + "setting the transactional.id configuration property");
        }
    }

    private void throwIfFatal() {
        if (state == State.FATAL_ERROR) {
            throw lastError;
        }
    }

    /** Sets the state, and with it whether sends may skip the lock. */
    private void setState(State target) {
        state = target;
        sendable = target == State.IN_TRANSACTION ? partitionsInTransaction : null;
    }

    private void transitionTo(State target) {
        boolean valid = switch (target) {
            case INITIALIZING -> state == State.UNINITIALIZED;
            case READY -> state == State.INITIALIZING || state == State.COMMITTING_TRANSACTION
                || state == State.ABORTING_TRANSACTION;
            case IN_TRANSACTION -> state == State.READY;
            case COMMITTING_TRANSACTION -> state == State.IN_TRANSACTION;
            case ABORTING_TRANSACTION -> state == State.IN_TRANSACTION || state == State.ABORTABLE_ERROR;
            default -> true;
        };
        if (!valid) {
            throw new IllegalStateException("TransactionalId " + transactionalId + ": Invalid transition attempted "
                + "from state " + state + " to state " + target);
        }
        setState(target);
    }

    private ProducerFencedException fatal(ProducerFencedException error) {
        setState(State.FATAL_ERROR);
        lastError = error;
        return error;
    }

    /** Registers with the coordinator, fencing older producers with this transactional id. */
    public synchronized void initTransactions() {
        requireTransactional();
        throwIfFatal();
        transitionTo(State.INITIALIZING);
        try {
            TransactionCoordinator.ProducerIdAndEpoch ids = coordinator.initProducerId(transactionalId,
                transactionTimeoutMs);
            nextSequence.clear();
            producerId = ids.producerId();
            epoch = ids.epoch();
            epochWatch = coordinator.epochWatch(transactionalId);
            transitionTo(State.READY);
        } catch (RuntimeException e) {
            setState(State.UNINITIALIZED);
            throw e;
        }
    }

    public synchronized void beginTransaction() {
        requireTransactional();
        throwIfFatal();
        transitionTo(State.IN_TRANSACTION);
    }

    /**
     * Checks that a record may be sent now and, in a transaction, adds its partition to it the first time (for the
     * sender to register). Throws IllegalStateException outside a transaction, and ProducerFencedException once
     * fenced.
     */
    public void beforeSend(TopicPartition tp) {
        // Outside the lock: an idempotent producer's sends must not contend with its sender thread for it.
        if (!isTransactional()) {
            return;
        }
        // Most sends go to a partition already in the open transaction: they need neither the lock nor the
        // coordinator's map (a lock and a lookup per record took 4% of an exactly-once word count's time).
        Set<TopicPartition> open = sendable;
        if (open == null || !open.contains(tp) || epochWatch.fences(producerId, epoch)) {
            beforeTransactionalSend(tp);
        }
    }

    private synchronized void beforeTransactionalSend(TopicPartition tp) {
        throwIfFatal();
        if (state == State.UNINITIALIZED || state == State.INITIALIZING) {
            throw new IllegalStateException("Cannot perform a 'send' before completing a call to initTransactions "
                + "when transactions are enabled.");
        }
        if (state == State.ABORTABLE_ERROR) {
            throw new KafkaException("Cannot perform send because at least one previous transactional or "
                + "idempotent request has failed with errors.", lastError);
        }
        if (state != State.IN_TRANSACTION) {
            throw new IllegalStateException("Cannot call send in state " + state);
        }
        try {
            coordinator.checkNotFenced(transactionalId, producerId, epoch);
            if (partitionsInTransaction.add(tp)) {
                unregistered.add(tp);
            }
        } catch (ProducerFencedException e) {
            throw fatal(e);
        }
    }

    public synchronized void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets,
                                               ConsumerGroupMetadata groupMetadata) {
        requireTransactional();
        throwIfFatal();
        Objects.requireNonNull(groupMetadata, "groupMetadata");
        if (state != State.IN_TRANSACTION) {
            throw new IllegalStateException("Cannot send offsets if a transaction is not in progress (currentState= "
                + state + ")");
        }
        try {
            coordinator.addOffsetsToTxn(transactionalId, producerId, epoch, groupMetadata.groupId());
            coordinator.offsetSink().stageTransactionalOffsets(producerId, epoch, groupMetadata, offsets);
            offsetsInTransaction = true;
        } catch (ProducerFencedException e) {
            throw fatal(e);
        } catch (CommitFailedException e) {
            // As in Kafka: the transaction may not commit without the offsets of its input; it can only abort.
            lastError = e;
            setState(State.ABORTABLE_ERROR);
            throw e;
        }
    }

    /** Starts a commit: checks the state and moves to COMMITTING_TRANSACTION; the caller then flushes. */
    public synchronized void beginCommit() {
        requireTransactional();
        throwIfFatal();
        if (state == State.ABORTABLE_ERROR) {
            throw new KafkaException("Cannot commit transaction since a previous send failed; abort the "
                + "transaction", lastError);
        }
        transitionTo(State.COMMITTING_TRANSACTION);
    }

    /** Starts an abort: moves to ABORTING_TRANSACTION; the caller then flushes. */
    public synchronized void beginAbort() {
        requireTransactional();
        throwIfFatal();
        transitionTo(State.ABORTING_TRANSACTION);
    }

    /** Ends the transaction at the coordinator after the flush; a commit after a failed batch aborts instead. */
    public synchronized void completeTransaction(boolean commit) {
        throwIfFatal();
        if (commit && state == State.ABORTABLE_ERROR) {
            throw new KafkaException("Cannot commit transaction since a record of it failed; abort the transaction",
                lastError);
        }
        try {
            if (!partitionsInTransaction.isEmpty() || offsetsInTransaction) {
                coordinator.endTransaction(transactionalId, producerId, epoch, commit);
            }
        } catch (ProducerFencedException e) {
            throw fatal(e);
        }
        partitionsInTransaction.clear();
        unregistered.clear();
        offsetsInTransaction = false;
        lastError = null;
        setState(State.READY);
    }
}
