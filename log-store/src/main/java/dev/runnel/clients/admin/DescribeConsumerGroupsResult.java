package dev.runnel.clients.admin;

import dev.runnel.common.KafkaFuture;
import java.util.Map;

/** The result of {@code describeConsumerGroups}: one future per group. */
public final class DescribeConsumerGroupsResult extends KeyedResult<String, ConsumerGroupDescription> {
    DescribeConsumerGroupsResult(Map<String, KafkaFuture<ConsumerGroupDescription>> futures) {
        super(futures);
    }

    public Map<String, KafkaFuture<ConsumerGroupDescription>> describedGroups() {
        return futures;
    }

    public KafkaFuture<Map<String, ConsumerGroupDescription>> all() {
        return allValues();
    }
}
