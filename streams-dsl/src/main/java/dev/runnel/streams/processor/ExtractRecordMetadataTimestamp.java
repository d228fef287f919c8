package dev.runnel.streams.processor;

import dev.runnel.clients.consumer.ConsumerRecord;

/** Uses the timestamp stored in the record; subclasses decide what to do with a negative one. */
public abstract class ExtractRecordMetadataTimestamp implements TimestampExtractor {
    /** Creates the extractor. */
    protected ExtractRecordMetadataTimestamp() {
    }

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        long timestamp = record.timestamp();
        return timestamp < 0 ? onInvalidTimestamp(record, timestamp, partitionTime) : timestamp;
    }

    /** Returns the timestamp to use for a record whose stored timestamp is negative, or throws. */
    public abstract long onInvalidTimestamp(ConsumerRecord<Object, Object> record, long recordTimestamp,
        long partitionTime);
}
