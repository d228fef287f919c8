package dev.runnel.clients.admin;

import dev.runnel.common.KafkaFuture;
import dev.runnel.common.config.ConfigResource;
import java.util.Map;

/** The outcome of {@code incrementalAlterConfigs}, per resource. */
public class AlterConfigsResult extends KeyedResult<ConfigResource, Void> {
    AlterConfigsResult(Map<ConfigResource, KafkaFuture<Void>> futures) {
        super(futures);
    }

    public Map<ConfigResource, KafkaFuture<Void>> values() {
        return futures;
    }

    public KafkaFuture<Void> all() {
        return allDone();
    }
}
