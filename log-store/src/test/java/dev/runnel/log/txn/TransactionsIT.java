package dev.runnel.log.txn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.consumer.CommitFailedException;
import dev.runnel.clients.consumer.ConsumerGroupMetadata;
import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.consumer.KafkaConsumer;
import dev.runnel.clients.consumer.OffsetAndMetadata;
import dev.runnel.clients.producer.KafkaProducer;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.clients.producer.RecordMetadata;
import dev.runnel.common.KafkaException;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.errors.ProducerFencedException;
import dev.runnel.common.serialization.StringDeserializer;
import dev.runnel.common.serialization.StringSerializer;
import dev.runnel.common.utils.ManualTime;
import dev.runnel.log.RunnelLog;
import dev.runnel.log.RunnelLogConfig;
import dev.runnel.log.internal.segment.PartitionLog;
import dev.runnel.log.internal.txn.TransactionState;
import dev.runnel.testing.Configs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transactions through the public clients on one embedded log: visibility, the LSO, fencing, offsets, timeouts. */
class TransactionsIT {
    private static final String TOPIC = "orders";
    private static final TopicPartition TP0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition TP1 = new TopicPartition(TOPIC, 1);

    @TempDir
    Path dataDir;
    private RunnelLog log;
    private final List<AutoCloseable> clients = new ArrayList<>();

    @BeforeEach
    void openLog() {
        // Clients created with this log.dir share this instance.
        log = RunnelLog.open(dataDir);
        log.createTopic(TOPIC, 2, Map.of());
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
        log.partitions().values().forEach(partition -> partition.checkInvariants());
        log.close();
    }

    private KafkaProducer<String, String> producer(Object... keyValues) {
        KafkaProducer<String, String> producer = new KafkaProducer<>(
            Configs.with(Configs.embedded(dataDir, "linger.ms", 0), keyValues), new StringSerializer(),
            new StringSerializer());
        clients.add(producer);
        return producer;
    }

    private KafkaConsumer<String, String> consumer(String isolation) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("log.dir", dataDir.toString(),
            "auto.offset.reset", "earliest", "isolation.level", isolation), new StringDeserializer(),
            new StringDeserializer());
        clients.add(consumer);
        consumer.assign(List.of(TP0, TP1));
        return consumer;
    }

    /** Polls until the positions reach the end offsets the consumer reports (the LSO under read_committed). */
    private static List<String> readToEnd(KafkaConsumer<String, String> consumer) {
        List<String> values = new ArrayList<>();
        Map<TopicPartition, Long> end = consumer.endOffsets(List.of(TP0, TP1));
        while (consumer.position(TP0) < end.get(TP0) || consumer.position(TP1) < end.get(TP1)) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(20))) {
                values.add(record.value());
            }
        }
        return values;
    }

    private static void send(KafkaProducer<String, String> producer, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            producer.send(new ProducerRecord<>(TOPIC, i % 2, null, prefix + i));
        }
    }

    @Test
    void shouldHideAnAbortedTransactionFromReadCommittedOnly() {
        KafkaProducer<String, String> producer = producer("transactional.id", "tx-1");
        producer.initTransactions();
        producer.beginTransaction();
        send(producer, "aborted-", 6);
        producer.abortTransaction();
        producer.beginTransaction();
        send(producer, "committed-", 4);
        producer.commitTransaction();

        List<String> committed = readToEnd(consumer("read_committed"));
        assertEquals(List.of("committed-0", "committed-1", "committed-2", "committed-3"),
            committed.stream().sorted().toList());
        List<String> all = readToEnd(consumer("read_uncommitted"));
        assertEquals(10, all.size(), "read_uncommitted sees every data record and no marker: " + all);
        assertEquals(1, log.partition(TP0).abortedTransactions(0, Long.MAX_VALUE).size());
    }

    @Test
    void shouldBlockReadCommittedAtTheFirstOffsetOfAnOpenTransactionUntilItCommits() {
        KafkaProducer<String, String> transactional = producer("transactional.id", "tx-open");
        KafkaProducer<String, String> plain = producer();
        plain.send(new ProducerRecord<>(TOPIC, 0, null, "before"));
        plain.flush();
        transactional.initTransactions();
        transactional.beginTransaction();
        transactional.send(new ProducerRecord<>(TOPIC, 0, null, "in-txn"));
        transactional.flush();
        plain.send(new ProducerRecord<>(TOPIC, 0, null, "after"));
        plain.flush();

        KafkaConsumer<String, String> committed = consumer("read_committed");
        assertEquals(1L, committed.endOffsets(List.of(TP0)).get(TP0), "endOffsets is the LSO");
        assertEquals(1L, log.partition(TP0).lastStableOffset());
        assertEquals(List.of("before"), readToEnd(committed));
        assertTrue(committed.poll(Duration.ofMillis(50)).isEmpty(), "read past the LSO");
        assertEquals(List.of("before", "in-txn", "after"), readToEnd(consumer("read_uncommitted")));

        transactional.commitTransaction();
        assertEquals(4L, committed.endOffsets(List.of(TP0)).get(TP0));
        assertEquals(List.of("in-txn", "after"), readToEnd(committed));
    }

    @Test
    void shouldFenceTheFirstProducerWhenASecondInitialisesTheSameTransactionalId() {
        KafkaProducer<String, String> first = producer("transactional.id", "shared");
        first.initTransactions();
        first.beginTransaction();
        first.send(new ProducerRecord<>(TOPIC, 0, null, "zombie"));
        first.flush();

        KafkaProducer<String, String> second = producer("transactional.id", "shared");
        second.initTransactions();
        assertThrows(ProducerFencedException.class, () -> first.send(new ProducerRecord<>(TOPIC, 0, null, "late")));
        assertThrows(ProducerFencedException.class, first::commitTransaction);

        second.beginTransaction();
        second.send(new ProducerRecord<>(TOPIC, 0, null, "fresh"));
        second.commitTransaction();
        assertEquals(List.of("fresh"), readToEnd(consumer("read_committed")),
            "the fenced producer's open transaction was aborted");
    }

    @Test
    void shouldRegisterAllNewPartitionsOfASenderRoundInOneDurableWrite() {
        KafkaProducer<String, String> producer = producer("transactional.id", "batched", "linger.ms", 60_000);
        producer.initTransactions();
        TopicPartition state = new TopicPartition("__transaction_state", 0);
        long before = log.partition(state).logEndOffset();
        producer.beginTransaction();
        send(producer, "v", 2);
        producer.commitTransaction();

        // Ongoing with both partitions (one fsync, not one per partition), PrepareCommit, CompleteCommit.
        assertEquals(before + 3, log.partition(state).logEndOffset());
        assertEquals(List.of("v0", "v1"), readToEnd(consumer("read_committed")).stream().sorted().toList());
    }

    @Test
    void shouldFailTheBatchesAndTheCommitOfAProducerFencedBeforeItsSenderRegisteredThePartition() {
        KafkaProducer<String, String> first = producer("transactional.id", "late-register", "linger.ms", 60_000);
        first.initTransactions();
        first.beginTransaction();
        Future<RecordMetadata> queued = first.send(new ProducerRecord<>(TOPIC, 0, null, "zombie"));

        producer("transactional.id", "late-register").initTransactions();
        assertThrows(ProducerFencedException.class, first::commitTransaction);
        ExecutionException failed = assertThrows(ExecutionException.class, queued::get);
        assertInstanceOf(ProducerFencedException.class, failed.getCause());
        assertEquals(0, log.partition(TP0).logEndOffset(), "the fenced producer's batch was never written");
    }

    @Test
    void shouldEnforceKafkasTransactionStateChecks() {
        KafkaProducer<String, String> producer = producer("transactional.id", "checks");
        IllegalStateException beforeInit = assertThrows(IllegalStateException.class,
            () -> producer.send(new ProducerRecord<>(TOPIC, 0, null, "x")));
        assertTrue(beforeInit.getMessage().contains("initTransactions"), beforeInit.getMessage());
        producer.initTransactions();
        IllegalStateException outside = assertThrows(IllegalStateException.class,
            () -> producer.send(new ProducerRecord<>(TOPIC, 0, null, "x")));
        assertEquals("Cannot call send in state READY", outside.getMessage());
        IllegalStateException commit = assertThrows(IllegalStateException.class, producer::commitTransaction);
        assertEquals("TransactionalId checks: Invalid transition attempted from state READY to state "
            + "COMMITTING_TRANSACTION", commit.getMessage());
        assertThrows(IllegalStateException.class, () -> producer().beginTransaction(),
            "transactional methods need a transactional.id");
    }

    private Map<TopicPartition, Long> committedOffsets() {
        return GroupOffsets.committed(log.dataDir().toString(), "copier");
    }

    @Test
    void shouldMakeOffsetsSentInATransactionVisibleExactlyWhenItCommits() {
        log.createTopic("in", 1, Map.of()); // offsets of a topic that does not exist are refused, as in Kafka
        ConsumerGroupMetadata group = new ConsumerGroupMetadata("copier");
        KafkaProducer<String, String> producer = producer("transactional.id", "offsets");
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(TOPIC, 0, null, "out"));
        producer.sendOffsetsToTransaction(Map.of(new TopicPartition("in", 0), new OffsetAndMetadata(5)), group);
        producer.flush();
        // A transaction's records and offsets are written without an fsync each: its commit makes them durable.
        PartitionLog data = log.partition(new TopicPartition(TOPIC, 0));
        assertTrue(data.recoveryPoint() < data.logEndOffset(), "the data was fsynced as it was written");
        assertEquals(Map.of(), committedOffsets(), "offsets visible before the commit");
        producer.commitTransaction();
        assertEquals(Map.of(new TopicPartition("in", 0), 5L), committedOffsets());
        log.partitions().forEach((tp, partition) -> {
            if (tp.equals(new TopicPartition(TOPIC, 0)) || tp.topic().equals("__consumer_offsets")) {
                assertEquals(partition.logEndOffset(), partition.recoveryPoint(), tp + " fsynced by the commit");
            }
        });

        producer.beginTransaction();
        producer.sendOffsetsToTransaction(Map.of(new TopicPartition("in", 0), new OffsetAndMetadata(9)), group);
        producer.abortTransaction();
        assertEquals(Map.of(new TopicPartition("in", 0), 5L), committedOffsets(),
            "aborted offsets became visible");

        // KIP-447: the metadata of a member the group does not know (a zombie's) is refused, and the transaction
        // can then only abort, so its outputs never commit without its input's offsets.
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(TOPIC, 0, null, "zombie"));
        ConsumerGroupMetadata zombie = new ConsumerGroupMetadata("copier", 3, "gone-member", Optional.empty());
        assertThrows(CommitFailedException.class, () -> producer.sendOffsetsToTransaction(
            Map.of(new TopicPartition("in", 0), new OffsetAndMetadata(7)), zombie));
        assertThrows(KafkaException.class, producer::commitTransaction);
        producer.abortTransaction();
        assertEquals(Map.of(new TopicPartition("in", 0), 5L), committedOffsets());
    }

    @Test
    void shouldAbortATransactionOpenLongerThanItsTimeoutAndFenceItsProducer(@TempDir Path otherDir) {
        // A log of its own on a manual clock; no polls here, since a consumer's poll waits on that clock too.
        ManualTime time = new ManualTime();
        RunnelLog log = RunnelLog.open(RunnelLogConfig.of(otherDir), time);
        log.createTopic(TOPIC, 2, Map.of());
        KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("log.dir", otherDir.toString(),
            "linger.ms", 0, "transactional.id", "slow", "transaction.timeout.ms", 1000), new StringSerializer(),
            new StringSerializer());
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(TOPIC, 1, null, "stuck"));
        producer.flush();
        assertEquals(0L, log.partition(TP1).lastStableOffset());

        time.sleep(999);
        log.runMaintenance();
        assertEquals(TransactionState.ONGOING, log.transactionCoordinator().describe("slow").orElseThrow().state());
        time.sleep(2);
        log.runMaintenance();
        assertEquals(TransactionState.COMPLETE_ABORT,
            log.transactionCoordinator().describe("slow").orElseThrow().state());
        assertEquals(2L, log.partition(TP1).lastStableOffset(), "the LSO moved past the abort marker");
        assertEquals(1, log.partition(TP1).abortedTransactions(0, 2).size());
        assertThrows(ProducerFencedException.class, producer::commitTransaction);
        producer.close();
        log.close();
    }

    @Test
    void shouldCompleteAPreparedTransactionAndKeepAbortedTransactionsWhenTheLogReopens() {
        KafkaProducer<String, String> producer = producer("transactional.id", "reopen");
        producer.initTransactions();
        producer.beginTransaction();
        send(producer, "gone-", 2);
        producer.abortTransaction();
        producer.beginTransaction();
        send(producer, "kept-", 2);
        producer.commitTransaction();
        producer.close();
        clients.clear();
        log.close();

        log = RunnelLog.open(dataDir);
        assertEquals(List.of("kept-0", "kept-1"), readToEnd(consumer("read_committed")).stream().sorted().toList());
        assertEquals(TransactionState.COMPLETE_COMMIT,
            log.transactionCoordinator().describe("reopen").orElseThrow().state());
    }
}
