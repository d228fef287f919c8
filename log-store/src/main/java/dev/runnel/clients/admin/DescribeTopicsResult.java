package dev.runnel.clients.admin;

import dev.runnel.common.KafkaFuture;
import java.util.Map;

/** The description of each requested topic. */
public class DescribeTopicsResult extends KeyedResult<String, TopicDescription> {
    DescribeTopicsResult(Map<String, KafkaFuture<TopicDescription>> futures) {
        super(futures);
    }

    public Map<String, KafkaFuture<TopicDescription>> topicNameValues() {
        return futures;
    }

    public KafkaFuture<Map<String, TopicDescription>> allTopicNames() {
        return allValues();
    }
}
