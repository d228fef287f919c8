package dev.runnel.streams.processor;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.common.utils.Time;

/** Processing-time semantics: every record gets the system clock's current time. */
public class WallclockTimestampExtractor implements TimestampExtractor {
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        return Time.SYSTEM.milliseconds();
    }
}
