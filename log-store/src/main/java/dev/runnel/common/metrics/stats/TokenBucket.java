package dev.runnel.common.metrics.stats;

import dev.runnel.common.metrics.MeasurableStat;
import dev.runnel.common.metrics.MetricConfig;
import dev.runnel.common.metrics.Quota;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The tokens left in a bucket refilled at the rate of the metric's {@link Quota} (per {@code unit}, per second unless
 * given), as Kafka's {@code TokenBucket}: each recording takes its value in tokens, the bucket holds at most {@code
 * samples * timeWindow * quota} tokens (the burst), and it starts empty. Its quota is violated when fewer than 0
 * tokens are left. Without a quota it records nothing and measures {@code Long.MAX_VALUE}.
 */
public class TokenBucket implements MeasurableStat {
    private final TimeUnit unit;
    private double tokens;
    private long lastUpdateMs;

    /** Creates a bucket whose quota is per second. */
    public TokenBucket() {
        this(TimeUnit.SECONDS);
    }

    /** Creates a bucket whose quota is per {@code unit}. */
    public TokenBucket(TimeUnit unit) {
        this.unit = Objects.requireNonNull(unit, "unit");
    }

    @Override
    public double measure(MetricConfig config, long nowMs) {
        if (config.quota() == null) {
            return Long.MAX_VALUE;
        }
        refill(config.quota().bound(), burst(config), nowMs);
        return tokens;
    }

    @Override
    public void record(MetricConfig config, double value, long timeMs) {
        if (config.quota() == null) {
            return;
        }
        double burst = burst(config);
        refill(config.quota().bound(), burst, timeMs);
        tokens = Math.min(burst, tokens - value);
    }

    private void refill(double quota, double burst, long timeMs) {
        tokens = Math.min(burst, tokens + quota * Rate.convert(timeMs - lastUpdateMs, unit));
        lastUpdateMs = timeMs;
    }

    private double burst(MetricConfig config) {
        return config.samples() * Rate.convert(config.timeWindowMs(), unit) * config.quota().bound();
    }

    @Override
    public String toString() {
        return "TokenBucket(unit=" + unit + ", tokens=" + tokens + ", lastUpdateMs=" + lastUpdateMs + ")";
    }
}
