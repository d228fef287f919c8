package dev.runnel.clients.internals;

import dev.runnel.clients.CommonClientConfigs;
import dev.runnel.common.config.AbstractConfig;
import dev.runnel.common.metrics.MetricConfig;
import dev.runnel.common.metrics.Metrics;
import dev.runnel.common.metrics.MetricsReporter;
import dev.runnel.common.metrics.Sensor.RecordingLevel;
import dev.runnel.common.utils.Time;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Builds a client's metrics registry from its configuration, as Kafka's clients build theirs. */
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

    /**
     * Creates the registry of the client {@code clientId}: its metrics are tagged with the client id and measured
     * over {@code metrics.num.samples} windows of {@code metrics.sample.window.ms}, and its sensors record up to
     * {@code metrics.recording.level}.
     */
    public static Metrics create(AbstractConfig config, Time time, String jmxPrefix, String clientId,
                                 List<MetricsReporter> reporters) {
        MetricConfig metricConfig = metricConfig(config).tags(Map.of("client-id", clientId));
        return new Metrics(metricConfig, time, jmxPrefix, reporters);
    }

    /** The measuring settings of {@code config}'s metrics, without tags. */
    private static MetricConfig metricConfig(AbstractConfig config) {
        return new MetricConfig()
            .samples(config.getInt(CommonClientConfigs.METRICS_NUM_SAMPLES_CONFIG))
            .timeWindow(config.getLong(CommonClientConfigs.METRICS_SAMPLE_WINDOW_MS_CONFIG), TimeUnit.MILLISECONDS)
            .recordLevel(RecordingLevel.forName(config.getString(CommonClientConfigs.METRICS_RECORDING_LEVEL_CONFIG)));
    }
}
