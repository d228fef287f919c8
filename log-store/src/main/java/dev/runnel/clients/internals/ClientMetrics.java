package dev.runnel.clients.internals;

import dev.runnel.clients.CommonClientConfigs;
import dev.runnel.common.config.AbstractConfig;
import dev.runnel.common.metrics.MetricsReporter;
import java.util.List;
import java.util.Map;

/** A client's metrics, made from its configuration as Kafka's clients make theirs. */
public final class ClientMetrics {
    private ClientMetrics() {
    }

    /**
     * Creates the {@code metric.reporters} of a client, each configured with the client's configs and its
     * {@code client.id}.
     */
    public static List<MetricsReporter> reporters(AbstractConfig config, String clientId) {
        return config.getConfiguredInstances(CommonClientConfigs.METRIC_REPORTER_CLASSES_CONFIG,
            MetricsReporter.class, Map.of(CommonClientConfigs.CLIENT_ID_CONFIG, clientId));
    }
}
