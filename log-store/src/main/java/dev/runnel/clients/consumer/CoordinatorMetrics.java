package dev.runnel.clients.consumer;

import dev.runnel.common.MetricName;
import dev.runnel.common.metrics.Metrics;
import dev.runnel.common.metrics.Sensor;
import dev.runnel.common.metrics.stats.Avg;
import dev.runnel.common.metrics.stats.Max;
import dev.runnel.common.utils.Time;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * A group member's metrics, Kafka's group {@code consumer-coordinator-metrics} with tag {@code client-id}: commits
 * (each {@code commitSync}, {@code commitAsync} and auto-commit), rebalances and the assigned partitions. Recorded by
 * the polling thread once per commit or rebalance; read from any thread.
 */
final class CoordinatorMetrics {
    static final String GROUP = "consumer-coordinator-metrics";

    private final Time time;
    private final LongAdder commits = new LongAdder();
    private final LongAdder rebalances = new LongAdder();
    private final Sensor commitLatency;
    private final Sensor rebalanceLatency;
    private volatile long lastRebalanceEndMs = -1;

    /** Registers the metrics; {@code assignedPartitions} counts the partitions assigned now. */
    CoordinatorMetrics(Metrics metrics, String clientId, Time time, IntSupplier assignedPartitions) {
        this.time = time;
        Map<String, String> tags = Map.of("client-id", clientId);
        metrics.addMeter(GROUP, "commit", "offset commits", tags, commits::sum);
        metrics.addMeter(GROUP, "rebalance", "successful rebalances the member took part in", tags, rebalances::sum);
        this.commitLatency = metrics.sensor(clientId + ".commit-latency");
        commitLatency.add(new MetricName("commit-latency-avg", GROUP, "The average time in ms an offset commit takes",
            tags), new Avg());
        commitLatency.add(new MetricName("commit-latency-max", GROUP, "The maximum time in ms an offset commit takes",
            tags), new Max());
        this.rebalanceLatency = metrics.sensor(clientId + ".rebalance-latency");
        rebalanceLatency.add(new MetricName("rebalance-latency-avg", GROUP, "The average time in ms a rebalance "
            + "takes, from joining to receiving the assignment", tags), new Avg());
        rebalanceLatency.add(new MetricName("rebalance-latency-max", GROUP, "The maximum time in ms a rebalance "
            + "takes, from joining to receiving the assignment", tags), new Max());
        metrics.addMetric(new MetricName("assigned-partitions", GROUP, "The number of partitions assigned to the "
            + "member", tags), () -> (double) assignedPartitions.getAsInt());
        metrics.addMetric(new MetricName("last-rebalance-seconds-ago", GROUP, "The seconds since the last successful "
            + "rebalance; -1 before the first", tags), this::secondsSinceLastRebalance);
    }

    void recordCommit(long latencyNanos) {
        commits.increment();
        commitLatency.record(latencyNanos / 1_000_000.0);
    }

    /** Records a rebalance that ends now and began, with the member's join, at {@code joinMs}. */
    void recordRebalance(long joinMs) {
        long nowMs = time.milliseconds();
        rebalances.increment();
        rebalanceLatency.record(nowMs - joinMs, nowMs);
        lastRebalanceEndMs = nowMs;
    }

    private double secondsSinceLastRebalance() {
        long endMs = lastRebalanceEndMs;
        return endMs < 0 ? -1.0 : (time.milliseconds() - endMs) / 1000.0;
    }
}
