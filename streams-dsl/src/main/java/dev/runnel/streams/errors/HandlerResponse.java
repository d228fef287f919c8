package dev.runnel.streams.errors;

import dev.runnel.clients.producer.ProducerRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the three exception handlers' {@code Response} classes share: a result and the records to send to a dead
 * letter queue first (a {@code null} list means none). Immutable.
 *
 * @param <R> the handler's result type
 */
abstract class HandlerResponse<R> {
    private final R result;
    private final List<ProducerRecord<byte[], byte[]>> deadLetterQueueRecords;

    HandlerResponse(R result, List<ProducerRecord<byte[], byte[]>> deadLetterQueueRecords) {
        this.result = result;
        this.deadLetterQueueRecords = copyOf(deadLetterQueueRecords);
    }

    private static List<ProducerRecord<byte[], byte[]>> copyOf(List<ProducerRecord<byte[], byte[]>> records) {
        if (records == null || records.isEmpty()) {
            return List.of();
        }
        // ArrayList, not List.copyOf: a null record in a handler's list fails the send that the task reports.
        return Collections.unmodifiableList(new ArrayList<>(records));
    }

    /** Returns whether to go on or fail (or, for production errors, retry). */
    public R result() {
        return result;
    }

    /** Returns the records to send to a dead letter queue (unmodifiable, possibly empty). */
    public List<ProducerRecord<byte[], byte[]>> deadLetterQueueRecords() {
        return deadLetterQueueRecords;
    }
}
