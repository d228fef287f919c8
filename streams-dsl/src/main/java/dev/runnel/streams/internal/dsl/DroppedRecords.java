package dev.runnel.streams.internal.dsl;

import dev.runnel.streams.internal.runtime.ProcessorContextImpl;
import dev.runnel.streams.processor.api.ProcessingContext;
import dev.runnel.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;

/** Counts and logs the records DSL operators drop, Kafka's dropped-records metric. Stateless. */
final class DroppedRecords {
    private DroppedRecords() {
    }

    /** Counts one dropped record in the task's total; outside the runtime (a hand-written context) it only logs. */
    static void record(ProcessingContext context) {
        if (context instanceof ProcessorContextImpl runtime) {
            runtime.recordDroppedRecord();
        }
    }

    /** Logs and counts a record skipped because its key or value is null. Values are never logged. */
    static void skipNullKeyOrValue(Logger log, ProcessingContext context, String operator, boolean nullKey) {
        log.warn("Skipping record due to null {} in {}. task=[{}] {}", nullKey ? "key" : "value", operator,
            context.taskId(), position(context));
        record(context);
    }

    /** Logs and counts a record an inner foreign-key join skips because it has no foreign key. */
    static void skipNullForeignKey(Logger log, ProcessingContext context) {
        log.warn("Skipping record due to null foreign key. task=[{}] {}", context.taskId(), position(context));
        record(context);
    }

    /** Logs and counts a record skipped because its window has closed. */
    static void skipExpiredWindow(Logger log, ProcessingContext context, long timestamp, long windowStart,
        long windowEnd, long closeTime, long streamTime) {
        log.warn("Skipping record for expired window. task=[{}] {} timestamp=[{}] window=[{},{}) expiration=[{}]"
            + " streamTime=[{}]", context.taskId(), position(context), timestamp, windowStart, windowEnd, closeTime,
            streamTime);
        record(context);
    }

    /** Logs and counts a stream-stream join's record that arrived after its window end plus grace. */
    static void skipClosedJoinWindow(Logger log, ProcessingContext context, long timestamp, long lookAheadMs,
        long graceMs, long streamTime) {
        log.warn("Skipping late record for closed join window. task=[{}] {} timestamp=[{}] window after=[{}]"
            + " grace=[{}] streamTime=[{}]", context.taskId(), position(context), timestamp, lookAheadMs, graceMs,
            streamTime);
        record(context);
    }

    /**
     * Logs (at info, as Kafka Streams does) and counts a versioned table's update a table-table join skips: one its
     * table took into its history only, which leaves the join result as it was.
     */
    static void skipHistoryOnlyUpdate(Logger log, ProcessingContext context, String join) {
        log.info("Skipping an update older than its versioned table's latest version in {}. task=[{}] {}", join,
            context.taskId(), position(context));
        record(context);
    }

    private static String position(ProcessingContext context) {
        return context.recordMetadata().map(DroppedRecords::position).orElse("topic=[unknown]");
    }

    private static String position(RecordMetadata metadata) {
        return "topic=[" + metadata.topic() + "] partition=[" + metadata.partition() + "] offset=["
            + metadata.offset() + "]";
    }
}
