package dev.runnel.streams.processor;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.streams.errors.StreamsException;
import java.util.Locale;

/** Uses the record's own timestamp, or the partition time if it is negative; fails if there is no partition time. */
public class UsePartitionTimeOnInvalidTimestamp extends ExtractRecordMetadataTimestamp {
    @Override
    public long onInvalidTimestamp(ConsumerRecord<Object, Object> record, long recordTimestamp, long partitionTime) {
        if (partitionTime < 0) {
            throw new StreamsException(String.format(Locale.ROOT,
                "Could not infer a timestamp for the record at topic %s, partition %d, offset %d: its timestamp %d"
                    + " is negative and the partition has no time yet", record.topic(), record.partition(),
                record.offset(), recordTimestamp));
        }
        return partitionTime;
    }
}
