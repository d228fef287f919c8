package dev.runnel.streams.processor;

import dev.runnel.clients.consumer.ConsumerRecord;

/**
 * Gives each input record its event time. A negative result drops the record (logged and counted as a dropped
 * record), as in Kafka Streams. Implementations must be stateless or thread-safe: one instance serves all tasks.
 */
@FunctionalInterface
public interface TimestampExtractor {
    /**
     * Returns the record's timestamp in ms.
     *
     * @param record the deserialized input record
     * @param partitionTime the largest timestamp seen so far on the record's partition, or -1 if none yet
     */
    long extract(ConsumerRecord<Object, Object> record, long partitionTime);
}
