package dev.runnel.clients.admin;

import dev.runnel.common.KafkaFuture;
import java.util.Map;

/** The outcome of {@code createPartitions}, per topic. */
public class CreatePartitionsResult extends KeyedResult<String, Void> {
    CreatePartitionsResult(Map<String, KafkaFuture<Void>> futures) {
        super(futures);
    }

    public Map<String, KafkaFuture<Void>> values() {
        return futures;
    }

    public KafkaFuture<Void> all() {
        return allDone();
    }
}
