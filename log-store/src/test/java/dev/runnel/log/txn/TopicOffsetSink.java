package dev.runnel.log.txn;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.consumer.KafkaConsumer;
import dev.runnel.clients.consumer.OffsetAndMetadata;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.record.CompressionType;
import dev.runnel.common.record.TimestampType;
import dev.runnel.common.serialization.StringDeserializer;
import dev.runnel.log.RunnelLog;
import dev.runnel.log.internal.record.RecordBatch;
import dev.runnel.log.internal.record.RecordBatchBuilder;
import dev.runnel.log.internal.txn.TransactionalOffsetSink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real, minimal {@link TransactionalOffsetSink} until the group coordinator is merged: offsets are written to a
 * one-partition topic as transactional records of the producer (key {@code group|topic|partition}, value the offset),
 * so the transaction's marker makes them visible, and they are read back with read_committed. Thread-safe.
 */
final class TopicOffsetSink implements TransactionalOffsetSink {
    static final String TOPIC = "test-txn-offsets";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    private final RunnelLog log;

    TopicOffsetSink(RunnelLog log) {
        this.log = log;
        synchronized (TopicOffsetSink.class) {
            if (!log.topicExists(TOPIC)) {
                log.createTopic(TOPIC, 1, Map.of());
            }
        }
    }

    /** Creates the sink and wires it into the log's transaction coordinator. */
    static TopicOffsetSink install(RunnelLog log) {
        TopicOffsetSink sink = new TopicOffsetSink(log);
        log.transactionCoordinator().setOffsetSink(sink);
        return sink;
    }

    @Override
    public void stageTransactionalOffsets(long producerId, short producerEpoch, String groupId,
                                          Map<TopicPartition, OffsetAndMetadata> offsets) {
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE, TimestampType.CREATE_TIME, 1 << 16);
        builder.setProducerState(producerId, producerEpoch, RecordBatch.NO_SEQUENCE, true);
        for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : offsets.entrySet()) {
            String key = groupId + "|" + entry.getKey().topic() + "|" + entry.getKey().partition();
            builder.append(log.time().milliseconds(), key.getBytes(StandardCharsets.UTF_8),
                Long.toString(entry.getValue().offset()).getBytes(StandardCharsets.UTF_8), null);
        }
        log.append(PARTITION, builder.build());
    }

    @Override
    public void completeTransaction(long producerId, boolean committed) {
        // The marker the coordinator wrote to PARTITION is what makes the offsets visible to committed().
    }

    @Override
    public TopicPartition offsetsPartitionFor(String groupId) {
        return PARTITION;
    }

    /** The offsets committed for {@code groupId}: the latest committed record per partition. */
    static Map<TopicPartition, Long> committed(RunnelLog log, String groupId) {
        Map<TopicPartition, Long> result = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("log.dir", log.dataDir().toString(),
            "isolation.level", "read_committed", "auto.offset.reset", "earliest"), new StringDeserializer(),
            new StringDeserializer())) {
            consumer.assign(List.of(PARTITION));
            long end = consumer.endOffsets(List.of(PARTITION)).get(PARTITION);
            while (consumer.position(PARTITION) < end) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                    String[] parts = record.key().split("\\|");
                    if (parts[0].equals(groupId)) {
                        result.put(new TopicPartition(parts[1], Integer.parseInt(parts[2])),
                            Long.parseLong(record.value()));
                    }
                }
            }
        }
        return result;
    }
}
