package dev.runnel.clients.admin;

import dev.runnel.common.KafkaFuture;
import dev.runnel.common.Node;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.errors.InvalidRequestException;
import dev.runnel.common.errors.TransactionalIdNotFoundException;
import dev.runnel.common.utils.Time;
import dev.runnel.log.RunnelLog;
import dev.runnel.log.internal.segment.ProducerStateEntry;
import dev.runnel.log.internal.txn.TransactionCoordinator;
import dev.runnel.log.internal.txn.TransactionCoordinator.ProducerIdAndEpoch;
import dev.runnel.log.internal.txn.TransactionMetadata;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/** The transaction calls of the admin client (KIP-664, KIP-618), run against the log's coordinator. Thread-safe. */
final class TransactionAdmin {
    /** Kafka's default {@code request.timeout.ms}, the transaction timeout fenceProducers gives without options. */
    static final int REQUEST_TIMEOUT_MS = 30_000;

    private final RunnelLog log;
    private final TransactionCoordinator coordinator;
    private final Time time;

    TransactionAdmin(RunnelLog log) {
        this.log = log;
        this.coordinator = log.transactionCoordinator();
        this.time = log.time();
    }

    ListTransactionsResult list(ListTransactionsOptions options) {
        Set<TransactionState> states = options.filteredStates();
        Set<Long> producerIds = options.filteredProducerIds();
        String regex = options.filteredTransactionalIdPattern();
        Pattern pattern = regex == null || regex.isEmpty() ? null : Pattern.compile(regex);
        long now = time.milliseconds();
        List<TransactionListing> listings = new ArrayList<>();
        for (TransactionMetadata txn : coordinator.transactions()) {
            TransactionState state = state(txn);
            if ((states.isEmpty() || states.contains(state))
                    && (producerIds.isEmpty() || producerIds.contains(txn.producerId()))
                    && (options.filteredDuration() < 0 || isOpen(txn)
                        && now - txn.startTimeMs() > options.filteredDuration())
                    && (pattern == null || pattern.matcher(txn.transactionalId()).matches())) {
                listings.add(new TransactionListing(txn.transactionalId(), txn.producerId(), state));
            }
        }
        listings.sort(Comparator.comparing(TransactionListing::transactionalId));
        return new ListTransactionsResult(listings);
    }

    DescribeTransactionsResult describe(Collection<String> transactionalIds) {
        Map<String, KafkaFuture<TransactionDescription>> futures = new LinkedHashMap<>();
        for (String id : new LinkedHashSet<>(transactionalIds)) {
            futures.put(id, Futures.run(() -> describe(coordinator.describe(id).orElseThrow(() ->
                new TransactionalIdNotFoundException("TransactionalId " + id + " is unknown to the transaction "
                    + "coordinator: no producer has called initTransactions with it")))));
        }
        return new DescribeTransactionsResult(futures);
    }

    /**
     * As Kafka reports it: the start time once a transaction has started, the partitions only while one is open
     * (Kafka's coordinator forgets them when a transaction completes; Runnel's keeps them for its own recovery).
     */
    private static TransactionDescription describe(TransactionMetadata txn) {
        return new TransactionDescription(Node.EMBEDDED.id(), state(txn), txn.producerId(), txn.producerEpoch(),
            txn.timeoutMs(), txn.startTimeMs() < 0 ? OptionalLong.empty() : OptionalLong.of(txn.startTimeMs()),
            isOpen(txn) ? txn.partitions() : Set.of());
    }

    DescribeProducersResult describeProducers(Collection<TopicPartition> partitions, DescribeProducersOptions options) {
        Map<TopicPartition, KafkaFuture<DescribeProducersResult.PartitionProducerState>> futures =
            new LinkedHashMap<>();
        for (TopicPartition tp : new LinkedHashSet<>(partitions)) {
            futures.put(tp, Futures.run(() -> describeProducers(tp, options.brokerId())));
        }
        return new DescribeProducersResult(futures);
    }

    private DescribeProducersResult.PartitionProducerState describeProducers(TopicPartition tp, OptionalInt brokerId) {
        if (brokerId.isPresent() && brokerId.getAsInt() != Node.EMBEDDED.id()) {
            throw new InvalidRequestException("Cannot describe the producers of " + tp + " on broker "
                + brokerId.getAsInt() + ": the embedded log is broker " + Node.EMBEDDED.id());
        }
        List<ProducerState> producers = new ArrayList<>();
        for (ProducerStateEntry entry : log.partition(tp).producers()) {
            producers.add(new ProducerState(entry.producerId(), entry.producerEpoch(), entry.lastSequence(),
                entry.lastTimestampMs(), entry.coordinatorEpoch() < 0 ? OptionalInt.empty()
                : OptionalInt.of(entry.coordinatorEpoch()), entry.txnFirstOffset() < 0 ? OptionalLong.empty()
                : OptionalLong.of(entry.txnFirstOffset())));
        }
        return new DescribeProducersResult.PartitionProducerState(producers);
    }

    /**
     * Bumps each id's epoch as a new producer's initTransactions would (KIP-618), aborting its open transaction, so
     * that its current producer is fenced. As in Kafka, an id the coordinator does not know is created.
     */
    FenceProducersResult fence(Collection<String> transactionalIds, FenceProducersOptions options) {
        Map<String, KafkaFuture<ProducerIdAndEpoch>> futures = new LinkedHashMap<>();
        for (String id : new LinkedHashSet<>(transactionalIds)) {
            futures.put(id, Futures.run(() -> coordinator.initProducerId(id, timeoutMs(options))));
        }
        return new FenceProducersResult(futures);
    }

    /** Fences the producer of {@code transactionalId} as {@link #fence} does, which aborts its open transaction. */
    TerminateTransactionResult terminate(String transactionalId, TerminateTransactionOptions options) {
        Objects.requireNonNull(transactionalId, "transactionalId");
        return new TerminateTransactionResult(Futures.run(() -> {
            coordinator.initProducerId(transactionalId, timeoutMs(options));
        }));
    }

    private static int timeoutMs(AbstractOptions<?> options) {
        return options.timeoutMs() == null ? REQUEST_TIMEOUT_MS : options.timeoutMs();
    }

    AbortTransactionResult abort(AbortTransactionSpec spec) {
        return new AbortTransactionResult(Futures.run(() -> coordinator.abortOnPartition(spec.topicPartition(),
            spec.producerId(), spec.producerEpoch(), spec.coordinatorEpoch())));
    }

    private static boolean isOpen(TransactionMetadata txn) {
        return switch (txn.state()) {
            case ONGOING, PREPARE_COMMIT, PREPARE_ABORT -> true;
            case EMPTY, COMPLETE_COMMIT, COMPLETE_ABORT -> false;
        };
    }

    private static TransactionState state(TransactionMetadata txn) {
        return switch (txn.state()) {
            case EMPTY -> TransactionState.EMPTY;
            case ONGOING -> TransactionState.ONGOING;
            case PREPARE_COMMIT -> TransactionState.PREPARE_COMMIT;
            case PREPARE_ABORT -> TransactionState.PREPARE_ABORT;
            case COMPLETE_COMMIT -> TransactionState.COMPLETE_COMMIT;
            case COMPLETE_ABORT -> TransactionState.COMPLETE_ABORT;
        };
    }
}
