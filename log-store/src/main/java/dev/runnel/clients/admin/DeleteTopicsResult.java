package dev.runnel.clients.admin;

import dev.runnel.common.KafkaFuture;
import java.util.Map;

/** The outcome of {@code deleteTopics}, per topic. */
public class DeleteTopicsResult extends KeyedResult<String, Void> {
    DeleteTopicsResult(Map<String, KafkaFuture<Void>> futures) {
        super(futures);
    }

    public Map<String, KafkaFuture<Void>> topicNameValues() {
        return futures;
    }

    public KafkaFuture<Void> all() {
        return allDone();
    }
}
