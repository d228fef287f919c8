package dev.runnel.clients.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.consumer.KafkaConsumer;
import dev.runnel.clients.producer.KafkaProducer;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.Node;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.errors.InvalidProducerEpochException;
import dev.runnel.common.errors.InvalidRequestException;
import dev.runnel.common.errors.ProducerFencedException;
import dev.runnel.common.errors.TransactionalIdNotFoundException;
import dev.runnel.common.errors.UnknownTopicOrPartitionException;
import dev.runnel.common.record.CompressionType;
import dev.runnel.common.record.TimestampType;
import dev.runnel.common.serialization.StringDeserializer;
import dev.runnel.common.serialization.StringSerializer;
import dev.runnel.common.utils.ManualTime;
import dev.runnel.log.RunnelLog;
import dev.runnel.log.RunnelLogConfig;
import dev.runnel.log.internal.record.RecordBatchBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transaction calls of {@code Admin} (KIP-664, KIP-618) on a real embedded log, with a transaction left open by a
 * producer that is never closed, as a crashed or stuck producer leaves one. The log runs on a manual clock.
 */
class TransactionAdminIT {
    private static final String TOPIC = "orders";
    private static final TopicPartition TP0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition TP1 = new TopicPartition(TOPIC, 1);

    @TempDir
    Path dataDir;
    private final ManualTime time = new ManualTime();
    private RunnelLog log;
    private Admin admin;
    private final List<AutoCloseable> clients = new ArrayList<>();

    @BeforeEach
    void createTopic() {
        open();
        log.createTopic(TOPIC, 2, Map.of());
    }

    private void open() {
        // Clients created with this log.dir share this instance, and so its clock.
        log = RunnelLog.open(RunnelLogConfig.of(dataDir), time);
        admin = Admin.create(Map.of("log.dir", dataDir.toString()));
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
        admin.close();
        log.partitions().values().forEach(partition -> partition.checkInvariants());
        log.close();
    }

    private KafkaProducer<String, String> producer(String transactionalId) {
        Map<String, Object> config = new HashMap<>(Map.of("log.dir", dataDir.toString(), "linger.ms", 0,
            "transactional.id", transactionalId, "transaction.timeout.ms", 60_000));
        KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
            new StringSerializer());
        clients.add(producer);
        return producer;
    }

    /** A producer whose transaction stays open: records on both partitions, never committed. */
    private KafkaProducer<String, String> openTransaction(String transactionalId) {
        KafkaProducer<String, String> producer = producer(transactionalId);
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(TOPIC, 0, null, "open-0"));
        producer.send(new ProducerRecord<>(TOPIC, 1, null, "open-1"));
        producer.flush();
        return producer;
    }

    private KafkaProducer<String, String> committedTransaction(String transactionalId) {
        KafkaProducer<String, String> producer = producer(transactionalId);
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(TOPIC, 0, null, "done"));
        producer.commitTransaction();
        return producer;
    }

    private long producerId(String transactionalId) {
        return log.transactionCoordinator().describe(transactionalId).orElseThrow().producerId();
    }

    private Collection<TransactionListing> list(ListTransactionsOptions options) throws Exception {
        return admin.listTransactions(options).all().get();
    }

    @Test
    void shouldListEveryTransactionalIdWithItsProducerIdAndState() throws Exception {
        committedTransaction("done");
        producer("idle").initTransactions();
        openTransaction("stuck");

        assertEquals(List.of(new TransactionListing("done", producerId("done"), TransactionState.COMPLETE_COMMIT),
            new TransactionListing("idle", producerId("idle"), TransactionState.EMPTY),
            new TransactionListing("stuck", producerId("stuck"), TransactionState.ONGOING)),
            List.copyOf(admin.listTransactions().all().get()));
        assertEquals(Map.of(Node.EMBEDDED.id(), admin.listTransactions().all().get()),
            admin.listTransactions().allByBrokerId().get());
    }

    @Test
    void shouldFilterListedTransactionsByStateProducerIdDurationAndPattern() throws Exception {
        committedTransaction("done");
        openTransaction("stuck");
        time.sleep(1_000);
        openTransaction("fresh");

        assertEquals(Set.of("stuck", "fresh"), ids(list(new ListTransactionsOptions()
            .filterStates(List.of(TransactionState.ONGOING)))));
        assertEquals(Set.of("done"), ids(list(new ListTransactionsOptions()
            .filterProducerIds(List.of(producerId("done"))))));
        assertEquals(Set.of("stuck"), ids(list(new ListTransactionsOptions().filterOnDuration(500))),
            "only the transaction open longer than 500 ms; a completed one is not running");
        assertEquals(Set.of("done"), ids(list(new ListTransactionsOptions().filterOnTransactionalIdPattern("d.n."))),
            "the pattern must match the whole id");
        assertEquals(Set.of(), ids(list(new ListTransactionsOptions().filterOnTransactionalIdPattern("d"))));
    }

    private static Set<String> ids(Collection<TransactionListing> listings) {
        Set<String> ids = new TreeSet<>();
        listings.forEach(listing -> ids.add(listing.transactionalId()));
        return ids;
    }

    @Test
    void shouldDescribeAnOpenTransactionAndFailAnUnknownId() throws Exception {
        long started = time.milliseconds();
        openTransaction("stuck");
        committedTransaction("done");

        DescribeTransactionsResult result = admin.describeTransactions(List.of("stuck", "done", "nobody"));
        TransactionDescription stuck = result.description("stuck").get();
        assertEquals(new TransactionDescription(Node.EMBEDDED.id(), TransactionState.ONGOING, producerId("stuck"), 0,
            60_000, OptionalLong.of(started), Set.of(TP0, TP1)), stuck);
        TransactionDescription done = result.description("done").get();
        assertEquals(TransactionState.COMPLETE_COMMIT, done.state());
        assertEquals(Set.of(), done.topicPartitions(), "a completed transaction has no partitions, as in Kafka");
        ExecutionException unknown = assertThrows(ExecutionException.class, () -> result.description("nobody").get());
        assertInstanceOf(TransactionalIdNotFoundException.class, unknown.getCause());
        assertInstanceOf(TransactionalIdNotFoundException.class,
            assertThrows(ExecutionException.class, () -> result.all().get()).getCause());
        assertThrows(IllegalArgumentException.class, () -> result.description("other"));
        assertTrue(unknown.getCause().getMessage().contains("nobody"), unknown.getCause().getMessage());
    }

    private List<ProducerState> producers(TopicPartition tp) throws Exception {
        return admin.describeProducers(List.of(tp)).partitionResult(tp).get().activeProducers();
    }

    @Test
    void shouldDescribeTheProducersOfAPartitionAndFindTheOneHoldingTheLsoBack() throws Exception {
        long start = time.milliseconds();
        committedTransaction("done");
        time.sleep(10);
        openTransaction("stuck");
        KafkaProducer<String, String> idempotent = new KafkaProducer<>(Map.of("log.dir", dataDir.toString(),
            "linger.ms", 0), new StringSerializer(), new StringSerializer());
        clients.add(idempotent);
        for (int i = 0; i < 3; i++) {
            idempotent.send(new ProducerRecord<>(TOPIC, 0, start + 20, null, "plain-" + i)).get();
        }

        // Offsets of partition 0: 0 done, 1 commit marker, 2 open-0 (stuck), 3-5 plain.
        assertEquals(2L, log.partition(TP0).lastStableOffset());
        List<ProducerState> producers = producers(TP0);
        assertEquals(3, producers.size(), producers.toString());
        assertEquals(new ProducerState(producerId("done"), 0, 0, start, OptionalInt.of(0), OptionalLong.empty()),
            producers.get(0), "a committed producer: its marker's coordinator epoch, no open transaction");
        ProducerState stuck = producers.get(1);
        assertEquals(new ProducerState(producerId("stuck"), 0, 0, start + 10, OptionalInt.empty(),
            OptionalLong.of(2)), stuck, "the open transaction starts at the LSO");
        assertEquals(2, producers.get(2).lastSequence(), "three single-record batches: sequences 0, 1, 2");
        assertEquals(start + 20, producers.get(2).lastTimestamp());

        assertInstanceOf(UnknownTopicOrPartitionException.class, assertThrows(ExecutionException.class,
            () -> admin.describeProducers(List.of(new TopicPartition("missing", 0))).all().get()).getCause());
        assertInstanceOf(InvalidRequestException.class, assertThrows(ExecutionException.class,
            () -> admin.describeProducers(List.of(TP0), new DescribeProducersOptions().brokerId(1)).all().get())
            .getCause());
    }

    @Test
    void shouldKeepTheProducerStateItDescribesAcrossARestart() throws Exception {
        committedTransaction("done");
        openTransaction("stuck");
        List<ProducerState> before = producers(TP0);
        close();
        clients.clear();
        open();
        assertEquals(before, producers(TP0), "the producer snapshot keeps timestamps and coordinator epochs");
    }

    /** Reads both partitions up to the end offsets a read_committed consumer reports: the LSO. */
    private List<String> readCommitted() {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("log.dir", dataDir.toString(),
            "auto.offset.reset", "earliest", "isolation.level", "read_committed"), new StringDeserializer(),
            new StringDeserializer());
        clients.add(consumer);
        consumer.assign(List.of(TP0, TP1));
        Map<TopicPartition, Long> end = consumer.endOffsets(List.of(TP0, TP1));
        List<String> values = new ArrayList<>();
        while (consumer.position(TP0) < end.get(TP0) || consumer.position(TP1) < end.get(TP1)) {
            consumer.poll(Duration.ZERO).forEach(record -> values.add(record.value()));
        }
        return values;
    }

    @Test
    void shouldFenceTheProducerOfATransactionalIdAndAbortItsOpenTransaction() throws Exception {
        KafkaProducer<String, String> zombie = openTransaction("stuck");
        long producerId = producerId("stuck");
        assertEquals(0L, log.partition(TP1).lastStableOffset());

        FenceProducersResult result = admin.fenceProducers(List.of("stuck"));
        result.all().get();
        assertEquals(producerId, result.producerId("stuck").get());
        assertEquals((short) 1, result.epochId("stuck").get());
        assertEquals(Set.of("stuck"), result.fencedProducers().keySet());

        assertThrows(ProducerFencedException.class, () -> zombie.send(new ProducerRecord<>(TOPIC, 0, null, "late")));
        assertThrows(ProducerFencedException.class, zombie::commitTransaction);
        assertEquals(2L, log.partition(TP1).lastStableOffset(), "the abort marker moved the LSO past the records");
        assertEquals(List.of(), readCommitted(), "read_committed sees nothing of the aborted transaction");
        assertEquals(1, admin.describeTransactions(List.of("stuck")).description("stuck").get().producerEpoch());
        assertEquals((short) 1, producers(TP0).get(0).producerEpoch(), "the partition learnt the bumped epoch");

        KafkaProducer<String, String> next = producer("stuck");
        next.initTransactions();
        next.beginTransaction();
        next.send(new ProducerRecord<>(TOPIC, 0, null, "fresh"));
        next.commitTransaction();
        assertEquals(List.of("fresh"), readCommitted());
    }

    @Test
    void shouldForceTerminateATransactionSoThatReadCommittedReadsPastItAndTheIdCanBeReused() throws Exception {
        KafkaProducer<String, String> longRunning = openTransaction("long-running");
        assertEquals(0L, log.partition(TP1).lastStableOffset(), "the open transaction holds the LSO back");

        admin.forceTerminateTransaction("long-running", new TerminateTransactionOptions().timeoutMs(5_000))
            .result().get();

        assertThrows(ProducerFencedException.class, longRunning::commitTransaction);
        assertEquals(2L, log.partition(TP1).lastStableOffset(), "the abort marker moved the LSO past the records");
        assertEquals(List.of(), readCommitted(), "read_committed sees nothing of the terminated transaction");
        assertEquals(1, admin.describeTransactions(List.of("long-running")).description("long-running").get()
            .producerEpoch(), "the producer's epoch was bumped");
        KafkaProducer<String, String> next = producer("long-running");
        next.initTransactions();
        next.beginTransaction();
        next.send(new ProducerRecord<>(TOPIC, 0, null, "fresh"));
        next.commitTransaction();
        assertEquals(List.of("fresh"), readCommitted());
        assertThrows(NullPointerException.class, () -> admin.forceTerminateTransaction(null));
    }

    @Test
    void shouldFenceAnUnknownTransactionalIdByCreatingItAsKafkaDoes() throws Exception {
        FenceProducersResult result = admin.fenceProducers(List.of("new-id"), new FenceProducersOptions()
            .timeoutMs(5_000));
        assertEquals((short) 0, result.epochId("new-id").get());
        TransactionDescription described = admin.describeTransactions(List.of("new-id")).all().get().get("new-id");
        assertEquals(TransactionState.EMPTY, described.state());
        assertEquals(5_000, described.transactionTimeoutMs());
    }

    /** A transactional batch of a producer the coordinator does not know: a transaction no marker will ever end. */
    private void hangingTransaction(long producerId, short epoch) {
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE, TimestampType.CREATE_TIME, 128);
        builder.setProducerState(producerId, epoch, 0, true);
        builder.append(time.milliseconds(), null, "hanging".getBytes(StandardCharsets.UTF_8), null);
        log.append(TP0, builder.build());
    }

    @Test
    void shouldAbortAHangingTransactionSoThatTheLsoMovesAndReadCommittedReadsPastIt() throws Exception {
        KafkaProducer<String, String> plain = new KafkaProducer<>(Map.of("log.dir", dataDir.toString(),
            "linger.ms", 0), new StringSerializer(), new StringSerializer());
        clients.add(plain);
        plain.send(new ProducerRecord<>(TOPIC, 0, null, "before")).get();
        hangingTransaction(999_999, (short) 3);
        plain.send(new ProducerRecord<>(TOPIC, 0, null, "after")).get();
        assertEquals(1L, log.partition(TP0).lastStableOffset(), "the hanging transaction holds the LSO back");
        assertEquals(List.of("before"), readCommitted());
        assertTrue(admin.listTransactions().all().get().isEmpty(), "the coordinator knows no transaction");

        ProducerState hanging = producers(TP0).stream().filter(p -> p.currentTransactionStartOffset().isPresent())
            .findFirst().orElseThrow();
        assertEquals(OptionalLong.of(1), hanging.currentTransactionStartOffset());
        AbortTransactionSpec stale = new AbortTransactionSpec(TP0, hanging.producerId(), (short) 2, 0);
        assertInstanceOf(InvalidProducerEpochException.class, assertThrows(ExecutionException.class,
            () -> admin.abortTransaction(stale).all().get()).getCause(), "the partition knows epoch 3");
        assertEquals(1L, log.partition(TP0).lastStableOffset());

        admin.abortTransaction(new AbortTransactionSpec(TP0, hanging.producerId(),
            (short) hanging.producerEpoch(), hanging.coordinatorEpoch().orElse(0))).all().get();
        assertEquals(4L, log.partition(TP0).lastStableOffset(), "the LSO is the log end, after the marker");
        assertEquals(List.of("before", "after"), readCommitted(), "the aborted record is skipped");
        assertEquals(OptionalLong.empty(), producers(TP0).stream().filter(p -> p.producerId() == 999_999)
            .findFirst().orElseThrow().currentTransactionStartOffset());
        assertInstanceOf(UnknownTopicOrPartitionException.class, assertThrows(ExecutionException.class,
            () -> admin.abortTransaction(new AbortTransactionSpec(new TopicPartition("missing", 0), 1, (short) 0, 0))
                .all().get()).getCause());
    }
}
