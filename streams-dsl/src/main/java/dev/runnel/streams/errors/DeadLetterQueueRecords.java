package dev.runnel.streams.errors;

import dev.runnel.clients.producer.ProducerRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The dead letter queue records of a handler response: a {@code null} list means none. */
final class DeadLetterQueueRecords {
    private DeadLetterQueueRecords() {
    }

    static List<ProducerRecord<byte[], byte[]>> copyOf(List<ProducerRecord<byte[], byte[]>> records) {
        if (records == null || records.isEmpty()) {
            return List.of();
        }
        // ArrayList, not List.copyOf: a null record in a handler's list fails the send that the task reports.
        return Collections.unmodifiableList(new ArrayList<>(records));
    }
}
