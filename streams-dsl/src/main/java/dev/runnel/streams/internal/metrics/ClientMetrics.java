package dev.runnel.streams.internal.metrics;

import dev.runnel.common.metrics.Sensor;
import dev.runnel.streams.KafkaStreams;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The client-level metrics of Kafka Streams ({@code stream-metrics}: state, version, commit-id, application-id,
 * topology-description, alive-stream-threads, failed-stream-threads, and KIP-1091's client-state and recording-level
 * as numbers). Stateless: the gauges read the client when the metrics are read.
 */
public final class ClientMetrics {
    /** The jar's Implementation-Version; "unknown" when run from classes, as Kafka reports then. */
    private static final String VERSION = Objects.requireNonNullElse(
        KafkaStreams.class.getPackage().getImplementationVersion(), "unknown");
    /** Builds record no commit id; Kafka reports "unknown" in that case too. */
    private static final String COMMIT_ID = "unknown";

    private ClientMetrics() {
    }

    /** What the client-level metrics say that does not change while the client lives. */
    public record Client(String clientId, String processId, String applicationId, String topologyDescription,
                         Sensor.RecordingLevel recordingLevel) {
    }

    /**
     * Adds the gauges of {@code client} to {@code metrics}, reading its state and its numbers of live and failed
     * stream threads on each read.
     */
    public static void register(StreamsMetricsRegistry metrics, Client client, Supplier<KafkaStreams.State> state,
        LongSupplier aliveStreamThreads, LongSupplier failedStreamThreads) {
        String applicationId = client.applicationId();
        String topologyDescription = client.topologyDescription();
        Map<String, String> tags = Map.of("client-id", client.clientId());
        metrics.addGauge("stream-metrics", "state", "The client's state", tags, () -> state.get().name());
        metrics.addGauge("stream-metrics", "version", "The version of Runnel", tags, () -> VERSION);
        metrics.addGauge("stream-metrics", "commit-id", "The commit Runnel was built from", tags, () -> COMMIT_ID);
        metrics.addGauge("stream-metrics", "application-id", "The application's id", tags, () -> applicationId);
        metrics.addGauge("stream-metrics", "topology-description", "The topology the client runs", tags,
            () -> topologyDescription);
        metrics.addGauge("stream-metrics", "alive-stream-threads", "Stream threads alive", tags,
            () -> (double) aliveStreamThreads.getAsLong());
        metrics.addTotal("stream-metrics", "failed-stream-threads", "Stream threads that failed since the client "
            + "was created", tags, failedStreamThreads);
        // KIP-1091: numbers (ordinals), which telemetry can carry where it cannot carry the state's name.
        Map<String, String> processTags = Map.of("client-id", client.clientId(), "process-id", client.processId());
        // Kafka tags this one gauge with the application id as well.
        Map<String, String> stateTags = Map.of("client-id", client.clientId(), "process-id", client.processId(),
            "application-id", applicationId);
        metrics.addGauge("stream-metrics", "client-state", "The client's state, as the ordinal of KafkaStreams.State",
            stateTags, () -> state.get().ordinal());
        int level = client.recordingLevel().ordinal();
        metrics.addGauge("stream-metrics", "recording-level", "The metrics.recording.level: 0 info, 1 debug, 2 trace",
            processTags, () -> level);
    }
}
