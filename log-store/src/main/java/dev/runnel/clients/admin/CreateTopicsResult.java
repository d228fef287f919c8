package dev.runnel.clients.admin;

import dev.runnel.common.KafkaFuture;
import java.util.Map;

/** The outcome of {@code createTopics}, per topic. */
public class CreateTopicsResult extends KeyedResult<String, Void> {
    CreateTopicsResult(Map<String, KafkaFuture<Void>> futures) {
        super(futures);
    }

    public Map<String, KafkaFuture<Void>> values() {
        return futures;
    }

    public KafkaFuture<Void> all() {
        return allDone();
    }
}
