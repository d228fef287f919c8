package dev.runnel.streams.processor;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.streams.errors.StreamsException;
import java.util.Locale;

/** The default extractor: the record's own timestamp, and a {@link StreamsException} if it is negative. */
public class FailOnInvalidTimestamp extends ExtractRecordMetadataTimestamp {
    @Override
    public long onInvalidTimestamp(ConsumerRecord<Object, Object> record, long recordTimestamp, long partitionTime) {
        throw new StreamsException(String.format(Locale.ROOT,
            "Input record at topic %s, partition %d, offset %d has invalid (negative) timestamp %d. Use a different"
                + " TimestampExtractor (default.timestamp.extractor) to process it, for example"
                + " LogAndSkipOnInvalidTimestamp or UsePartitionTimeOnInvalidTimestamp.",
            record.topic(), record.partition(), record.offset(), recordTimestamp));
    }
}
