package dev.runnel.common.metrics.stats;

import dev.runnel.common.metrics.MetricConfig;

/**
 * A per-second rate of the recorded values' sum over the time since the oldest sample started, counting at least
 * one sample window (not {@code samples - 1} as {@link Rate} does), as Kafka's {@code SimpleRate}.
 */
public class SimpleRate extends Rate {
    @Override
    public long windowSize(MetricConfig config, long nowMs) {
        stat.purgeObsoleteSamples(config, nowMs);
        long elapsedMs = nowMs - stat.oldest(nowMs).startTimeMs;
        return Math.max(elapsedMs, config.timeWindowMs());
    }
}
