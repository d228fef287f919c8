package dev.runnel.log.txn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.producer.KafkaProducer;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.config.ConfigException;
import dev.runnel.common.errors.InvalidProducerEpochException;
import dev.runnel.common.errors.OutOfOrderSequenceException;
import dev.runnel.common.record.CompressionType;
import dev.runnel.common.record.TimestampType;
import dev.runnel.common.serialization.StringSerializer;
import dev.runnel.log.RunnelLog;
import dev.runnel.log.internal.record.Batches;
import dev.runnel.log.internal.record.RecordBatch;
import dev.runnel.log.internal.record.RecordBatchBuilder;
import dev.runnel.log.internal.segment.AppendInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Producer ids, epochs and sequence numbers: retries written once, gaps and stale epochs refused, across restarts. */
class IdempotentProducerIT {
    private static final String TOPIC = "events";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);

    @TempDir
    Path dataDir;

    private static ByteBuffer batch(long producerId, short epoch, int baseSequence, int records) {
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE, TimestampType.CREATE_TIME, 4096);
        builder.setProducerState(producerId, epoch, baseSequence, false);
        for (int i = 0; i < records; i++) {
            builder.append(1000L + i, null, ("v" + (baseSequence + i)).getBytes(StandardCharsets.UTF_8), null);
        }
        ByteBuffer built = builder.build();
        ByteBuffer copy = ByteBuffer.allocate(built.remaining());
        copy.put(built).flip();
        return copy;
    }

    private RunnelLog openWithTopic(Map<String, String> topicConfig) {
        RunnelLog log = RunnelLog.open(dataDir);
        if (!log.topicExists(TOPIC)) {
            log.createTopic(TOPIC, 1, topicConfig);
        }
        return log;
    }

    @Test
    void shouldWriteARetriedBatchOnceAndReturnItsOriginalOffsets() {
        try (RunnelLog log = openWithTopic(Map.of())) {
            long pid = log.transactionCoordinator().allocateProducerId();
            ByteBuffer first = batch(pid, (short) 0, 0, 3);
            AppendInfo original = log.append(TP, first.duplicate());
            AppendInfo retry = log.append(TP, first.duplicate());
            assertEquals(original.firstOffset(), retry.firstOffset());
            assertEquals(original.lastOffset(), retry.lastOffset());
            assertEquals(3, log.partition(TP).logEndOffset(), "the retry was written again");
            AppendInfo next = log.append(TP, batch(pid, (short) 0, 3, 2));
            assertEquals(3, next.firstOffset());
            log.partition(TP).checkInvariants();
        }
    }

    @Test
    void shouldRefuseAnOutOfOrderSequenceAndAStaleEpoch() {
        try (RunnelLog log = openWithTopic(Map.of())) {
            long pid = log.transactionCoordinator().allocateProducerId();
            log.append(TP, batch(pid, (short) 0, 0, 3));
            OutOfOrderSequenceException gap = assertThrows(OutOfOrderSequenceException.class,
                () -> log.append(TP, batch(pid, (short) 0, 5, 1)));
            assertTrue(gap.getMessage().contains("expected 3"), gap.getMessage());
            assertThrows(OutOfOrderSequenceException.class, () -> log.append(TP, batch(pid, (short) 1, 4, 1)),
                "a new epoch must start at sequence 0");
            log.append(TP, batch(pid, (short) 1, 0, 1));
            assertThrows(InvalidProducerEpochException.class, () -> log.append(TP, batch(pid, (short) 0, 3, 1)));
            assertEquals(4, log.partition(TP).logEndOffset());
        }
    }

    @Test
    void shouldDeduplicateAndContinueSequencesAfterACleanRestart() {
        ByteBuffer first;
        long pid;
        try (RunnelLog log = openWithTopic(Map.of())) {
            pid = log.transactionCoordinator().allocateProducerId();
            first = batch(pid, (short) 0, 0, 3);
            log.append(TP, first.duplicate());
        }
        try (RunnelLog log = RunnelLog.open(dataDir)) {
            assertEquals(0, log.append(TP, first.duplicate()).firstOffset(), "retry after a restart");
            assertEquals(3, log.partition(TP).logEndOffset());
            assertThrows(OutOfOrderSequenceException.class, () -> log.append(TP, batch(pid, (short) 0, 7, 1)));
            assertEquals(3, log.append(TP, batch(pid, (short) 0, 3, 1)).firstOffset());
            assertTrue(log.transactionCoordinator().allocateProducerId() > pid, "producer ids are reused");
        }
    }

    @Test
    void shouldRebuildProducerStateFromTheLogAfterAnUncleanShutdown() throws IOException {
        ByteBuffer early;
        ByteBuffer late;
        long pid;
        try (RunnelLog log = openWithTopic(Map.of("segment.bytes", "1024"))) {
            pid = log.transactionCoordinator().allocateProducerId();
            int sequence = 0;
            early = null;
            late = null;
            for (int i = 0; i < 40; i++) {
                ByteBuffer next = batch(pid, (short) 0, sequence, 2);
                log.append(TP, next.duplicate());
                sequence += 2;
                early = i == 36 ? next : early;
                late = next;
            }
            assertTrue(log.partition(TP).numberOfSegments() > 2, "the test needs rolled segments");
        }
        // What a crash leaves: no clean-shutdown marker, and no snapshot at the log end (the one from close).
        Files.delete(dataDir.resolve(".clean-shutdown"));
        Path partitionDir = dataDir.resolve(TP.toString());
        try (Stream<Path> files = Files.list(partitionDir)) {
            Path newest = files.filter(f -> f.toString().endsWith(".snapshot")).max(Path::compareTo).orElseThrow();
            Files.delete(newest);
        }
        try (RunnelLog log = RunnelLog.open(dataDir)) {
            assertEquals(72, log.append(TP, early.duplicate()).firstOffset(), "a retry of an older batch");
            assertEquals(78, log.append(TP, late.duplicate()).firstOffset(), "a retry of the last batch");
            assertEquals(80, log.partition(TP).logEndOffset());
            assertEquals(80, log.append(TP, batch(pid, (short) 0, 80, 1)).firstOffset());
            assertThrows(OutOfOrderSequenceException.class, () -> log.append(TP, batch(pid, (short) 0, 90, 1)));
            log.partition(TP).checkInvariants();
        }
    }

    @Test
    void shouldStampProducerIdsAndConsecutiveSequencesByDefault() throws Exception {
        try (RunnelLog log = openWithTopic(Map.of());
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("log.dir", dataDir.toString(),
                 "linger.ms", 0, "batch.size", 200), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 50; i++) {
                producer.send(new ProducerRecord<>(TOPIC, 0, null, "value-" + i));
            }
            producer.flush();
            Batches batches = new Batches(log.partition(TP).read(0, Integer.MAX_VALUE).records());
            int expectedSequence = 0;
            long pid = -2;
            while (batches.next()) {
                RecordBatch batch = batches.batch();
                assertTrue(batch.producerId() >= 0);
                pid = pid == -2 ? batch.producerId() : pid;
                assertEquals(pid, batch.producerId());
                assertEquals(expectedSequence, batch.baseSequence());
                expectedSequence += batch.recordCount();
            }
            assertEquals(50, expectedSequence);
        }
    }

    @Test
    void shouldTurnIdempotenceOffForAcksOneUnlessAskedAndRefuseItWhenAsked() throws Exception {
        try (RunnelLog log = openWithTopic(Map.of());
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("log.dir", dataDir.toString(),
                 "acks", "1"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, 0, null, "v")).get();
            assertEquals(RecordBatch.NO_PRODUCER_ID, RecordBatch.of(log.partition(TP).read(0, 1024).records())
                .producerId());
        }
        ConfigException error = assertThrows(ConfigException.class,
            () -> new KafkaProducer<>(Map.of("log.dir", dataDir.toString(), "acks", "1", "enable.idempotence", true),
                new StringSerializer(), new StringSerializer()));
        assertEquals("Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee "
            + "idempotence.", error.getMessage());
    }
}
