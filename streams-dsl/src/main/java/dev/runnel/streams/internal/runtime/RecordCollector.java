package dev.runnel.streams.internal.runtime;

import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.header.Headers;
import java.util.List;

/**
 * Where a task's output goes: records reaching sinks and changelog writes. The test driver keeps them in memory; the
 * runtime produces them to the log, and there handles asynchronous send errors with the
 * {@link dev.runnel.streams.errors.ProductionExceptionHandler} (serialization errors are handled before, by the sink).
 * Not thread-safe; owned by one task (or by one thread's tasks).
 */
public interface RecordCollector {
    /**
     * Sends one serialized record.
     *
     * @param partition the partition, or {@code null} to let the producer's partitioner choose from the key
     * @param processorNodeId the sink (or store) sending it, for error reports
     */
    void send(String topic, Integer partition, long timestamp, byte[] key, byte[] value, Headers headers,
        String processorNodeId);

    /**
     * Sends the records an exception handler returned for a dead letter queue (KIP-1034).
     *
     * @param defaultTimestamp the timestamp of a record that has none
     * @param processorNodeId the node whose failure the handler was asked about
     */
    default void sendDeadLetterQueueRecords(List<ProducerRecord<byte[], byte[]>> records, long defaultTimestamp,
        String processorNodeId) {
        for (ProducerRecord<byte[], byte[]> record : records) {
            send(record.topic(), record.partition(), record.timestamp() != null ? record.timestamp() : defaultTimestamp,
                record.key(), record.value(), record.headers(), processorNodeId);
        }
    }

    /** Returns the number of partitions of {@code topic}, or -1 if unknown (then partitioners are not asked). */
    int partitionsFor(String topic);

    /** Blocks until every record sent so far is written, or throws the first send error. */
    default void flush() {
    }
}
