package dev.runnel.clients.admin;

import java.util.Set;

/**
 * The admin client's config keys, spelled as in Kafka. The embedded log answers every call at once and never
 * retries, so only {@code log.dir} changes what the client does; the others are accepted so that Kafka configs work.
 */
public final class AdminClientConfig {
    /** The embedded log's data folder (Runnel). Default {@code runnel-data}. */
    public static final String LOG_DIR_CONFIG = "log.dir";
    public static final String BOOTSTRAP_SERVERS_CONFIG = "bootstrap.servers";
    public static final String CLIENT_ID_CONFIG = "client.id";
    public static final String REQUEST_TIMEOUT_MS_CONFIG = "request.timeout.ms";
    /** The timeout of calls whose options set none. Default 60000. */
    public static final String DEFAULT_API_TIMEOUT_MS_CONFIG = "default.api.timeout.ms";
    public static final String RETRIES_CONFIG = "retries";
    public static final String RETRY_BACKOFF_MS_CONFIG = "retry.backoff.ms";
    /** {@link dev.runnel.common.metrics.MetricsReporter} classes told of the client's metrics. Default none. */
    public static final String METRIC_REPORTER_CLASSES_CONFIG = "metric.reporters";

    static final Set<String> KEYS = Set.of(LOG_DIR_CONFIG, BOOTSTRAP_SERVERS_CONFIG, CLIENT_ID_CONFIG,
        REQUEST_TIMEOUT_MS_CONFIG, DEFAULT_API_TIMEOUT_MS_CONFIG, RETRIES_CONFIG, RETRY_BACKOFF_MS_CONFIG,
        METRIC_REPORTER_CLASSES_CONFIG);

    private AdminClientConfig() {
    }

    /** The keys the admin client accepts; others are logged as unknown. */
    public static Set<String> configNames() {
        return KEYS;
    }
}
