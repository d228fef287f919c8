package dev.runnel.common.utils;

import dev.runnel.common.Uuid;
import dev.runnel.common.metrics.KafkaMetric;
import java.util.Objects;

/**
 * Client telemetry (KIP-714), which the embedded log does not have: clients asked for their instance id answer as
 * Kafka's do when telemetry is disabled.
 */
public final class ClientTelemetry {
    private ClientTelemetry() {
    }

    /**
     * Returns the instance id a test gave a mock client; throws {@code UnsupportedOperationException}, as Kafka's mocks
     * do, while it has given none ({@code id} null).
     */
    public static Uuid mockInstanceId(Uuid id) {
        if (id == null) {
            throw new UnsupportedOperationException("clientInstanceId not set");
        }
        return id;
    }

    /** Returns the exception a client throws when asked for its instance id. */
    public static IllegalStateException notEnabled() {
        return new IllegalStateException("Telemetry is not enabled: the embedded log has no client telemetry "
            + "(KIP-714), so there is no client instance id");
    }

    /**
     * Does what a client does with a metric registered for (or unregistered from) telemetry (KIP-1076): nothing, as
     * Kafka's clients do with telemetry disabled, since there is no telemetry reporter to hand it to.
     */
    public static void ignoreMetric(KafkaMetric metric) {
        Objects.requireNonNull(metric, "metric");
    }
}
