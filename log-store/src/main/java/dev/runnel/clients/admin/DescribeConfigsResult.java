package dev.runnel.clients.admin;

import dev.runnel.common.KafkaFuture;
import dev.runnel.common.config.ConfigResource;
import java.util.Map;

/** The configs of each requested resource, defaults included. */
public class DescribeConfigsResult extends KeyedResult<ConfigResource, Config> {
    DescribeConfigsResult(Map<ConfigResource, KafkaFuture<Config>> futures) {
        super(futures);
    }

    public Map<ConfigResource, KafkaFuture<Config>> values() {
        return futures;
    }

    public KafkaFuture<Map<ConfigResource, Config>> all() {
        return allValues();
    }
}
