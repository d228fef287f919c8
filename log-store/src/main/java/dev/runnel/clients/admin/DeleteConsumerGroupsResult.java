package dev.runnel.clients.admin;

import dev.runnel.common.KafkaFuture;
import java.util.Map;

/** The result of {@code deleteConsumerGroups}: one future per group. */
public final class DeleteConsumerGroupsResult extends KeyedResult<String, Void> {
    DeleteConsumerGroupsResult(Map<String, KafkaFuture<Void>> futures) {
        super(futures);
    }

    public Map<String, KafkaFuture<Void>> deletedGroups() {
        return futures;
    }

    public KafkaFuture<Void> all() {
        return allDone();
    }
}
