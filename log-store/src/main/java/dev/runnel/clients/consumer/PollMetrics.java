package dev.runnel.clients.consumer;

import dev.runnel.common.MetricName;
import dev.runnel.common.metrics.Metrics;
import dev.runnel.common.metrics.Sensor;
import dev.runnel.common.metrics.stats.Avg;
import dev.runnel.common.metrics.stats.Max;
import dev.runnel.common.utils.Time;
import java.util.Map;

/**
 * How often the application polls, Kafka's group {@code consumer-metrics} with tag {@code client-id}: recorded once
 * per {@code poll} by the polling thread; read from any thread.
 */
final class PollMetrics {
    static final String GROUP = "consumer-metrics";

    private final Time time;
    private final Sensor timeBetweenPolls;
    private volatile long lastPollMs = -1;

    PollMetrics(Metrics metrics, String clientId, Time time) {
        this.time = time;
        Map<String, String> tags = Map.of("client-id", clientId);
        this.timeBetweenPolls = metrics.sensor(clientId + ".time-between-poll");
        timeBetweenPolls.add(new MetricName("time-between-poll-avg", GROUP, "The average time in ms between two "
            + "polls", tags), new Avg());
        timeBetweenPolls.add(new MetricName("time-between-poll-max", GROUP, "The maximum time in ms between two "
            + "polls", tags), new Max());
        metrics.addMetric(new MetricName("last-poll-seconds-ago", GROUP, "The seconds since the last poll; -1 before "
            + "the first", tags), this::secondsSinceLastPoll);
    }

    void recordPoll() {
        long nowMs = time.milliseconds();
        if (lastPollMs >= 0) {
            timeBetweenPolls.record(nowMs - lastPollMs, nowMs);
        }
        lastPollMs = nowMs;
    }

    private double secondsSinceLastPoll() {
        long pollMs = lastPollMs;
        return pollMs < 0 ? -1.0 : (time.milliseconds() - pollMs) / 1000.0;
    }
}
