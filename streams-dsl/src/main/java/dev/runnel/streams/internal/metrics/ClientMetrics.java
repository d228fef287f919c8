package dev.runnel.streams.internal.metrics;

import dev.runnel.streams.KafkaStreams;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The client-level metrics of Kafka Streams ({@code stream-metrics}: state, version, commit-id, application-id,
 * topology-description, alive-stream-threads). Stateless: the gauges read the client when the metrics are read.
 */
public final class ClientMetrics {
    /** The jar's Implementation-Version; "unknown" when run from classes, as Kafka reports then. */
    private static final String VERSION = Objects.requireNonNullElse(
        KafkaStreams.class.getPackage().getImplementationVersion(), "unknown");
    /** Builds record no commit id; Kafka reports "unknown" in that case too. */
    private static final String COMMIT_ID = "unknown";

    private ClientMetrics() {
    }

    /**
     * Adds the gauges of client {@code clientId} to {@code metrics}, reading its state and its number of live
     * stream threads on each read.
     */
    public static void register(StreamsMetricsRegistry metrics, String clientId, String applicationId,
        String topologyDescription, Supplier<KafkaStreams.State> state, LongSupplier aliveStreamThreads) {
        Map<String, String> tags = Map.of("client-id", clientId);
        metrics.addGauge("stream-metrics", "state", "The client's state", tags, () -> state.get().name());
        metrics.addGauge("stream-metrics", "version", "The version of Runnel", tags, () -> VERSION);
        metrics.addGauge("stream-metrics", "commit-id", "The commit Runnel was built from", tags, () -> COMMIT_ID);
        metrics.addGauge("stream-metrics", "application-id", "The application's id", tags, () -> applicationId);
        metrics.addGauge("stream-metrics", "topology-description", "The topology the client runs", tags,
            () -> topologyDescription);
        metrics.addGauge("stream-metrics", "alive-stream-threads", "Stream threads alive", tags,
            () -> (double) aliveStreamThreads.getAsLong());
    }
}
