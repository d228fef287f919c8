package dev.runnel.streams.processor;

import dev.runnel.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Uses the record's own timestamp; a negative one is logged and returned, so the record is dropped and counted. */
public class LogAndSkipOnInvalidTimestamp extends ExtractRecordMetadataTimestamp {
    private static final Logger LOG = LoggerFactory.getLogger(LogAndSkipOnInvalidTimestamp.class);

    @Override
    public long onInvalidTimestamp(ConsumerRecord<Object, Object> record, long recordTimestamp, long partitionTime) {
        LOG.warn("Skipping input record at topic {}, partition {}, offset {}: invalid timestamp {}",
            record.topic(), record.partition(), record.offset(), recordTimestamp);
        return recordTimestamp;
    }
}
