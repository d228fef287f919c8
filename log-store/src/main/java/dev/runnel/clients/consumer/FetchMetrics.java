package dev.runnel.clients.consumer;

import dev.runnel.common.MetricName;
import dev.runnel.common.TopicPartition;
import dev.runnel.common.metrics.Metrics;
import dev.runnel.common.metrics.Sensor;
import dev.runnel.common.metrics.stats.Avg;
import dev.runnel.common.metrics.stats.Max;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A consumer's fetch metrics, Kafka's group {@code consumer-fetch-manager-metrics}: tag {@code client-id}, and for
 * {@code records-lag} also {@code topic} and {@code partition}. A fetch is one read of the assigned partitions by a
 * poll (a poll that waits reads again on each append, so it may make several). Recorded once per fetch and per
 * partition read, never per record; {@code records-lag-max} is the largest lag of an assigned partition at its last
 * read. Written by the polling thread; read from any.
 */
final class FetchMetrics {
    static final String GROUP = "consumer-fetch-manager-metrics";

    private final Metrics metrics;
    private final String clientId;
    private final LongAdder records = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder fetches = new LongAdder();
    private final Sensor fetchLatency;
    private final Sensor fetchSize;
    /** Each assigned partition's lag at its last read, by partition. */
    private final Map<TopicPartition, Lag> lags = new ConcurrentHashMap<>();
    private long bytesThisFetch;

    FetchMetrics(Metrics metrics, String clientId) {
        this.metrics = metrics;
        this.clientId = clientId;
        countAndRate("records-consumed", "records consumed", records);
        countAndRate("bytes-consumed", "bytes consumed", bytes);
        countAndRate("fetch", "fetches", fetches);
        metrics.addAverage(name("records-per-request-avg", "The average number of records per fetch"), records::sum,
            fetches::sum);
        this.fetchLatency = metrics.sensor(clientId + ".fetch-latency");
        fetchLatency.add(name("fetch-latency-avg", "The average time in ms a fetch takes"), new Avg());
        fetchLatency.add(name("fetch-latency-max", "The maximum time in ms a fetch takes"), new Max());
        this.fetchSize = metrics.sensor(clientId + ".fetch-size");
        fetchSize.add(name("fetch-size-avg", "The average number of bytes fetched per fetch"), new Avg());
        fetchSize.add(name("fetch-size-max", "The maximum number of bytes fetched per fetch"), new Max());
        metrics.addMetric(name("records-lag-max", "The maximum lag in records of any assigned partition, from the "
            + "position after the records returned; NaN before any partition is read"), this::maxLag);
    }

    private MetricName name(String name, String description) {
        return new MetricName(name, GROUP, description, Map.of("client-id", clientId));
    }

    private void countAndRate(String prefix, String events, LongAdder counter) {
        metrics.addMeter(GROUP, prefix, events, Map.of("client-id", clientId), counter::sum);
    }

    /** Records {@code size} bytes read from the log for the current fetch. */
    void recordBytesRead(int size) {
        bytesThisFetch += size;
    }

    /** Records the lag of a partition just read: how far its position is behind the end it may read up to. */
    void recordLag(TopicPartition tp, long lag) {
        Lag current = lags.get(tp);
        if (current == null) {
            current = new Lag();
            lags.put(tp, current);
            metrics.addMetric(partitionName(tp), current::value);
        }
        current.records = lag;
    }

    /** Ends a fetch that returned {@code recordCount} records; forgets the lag of partitions no longer assigned. */
    void recordFetch(int recordCount, long latencyNanos, long nowMs, Map<TopicPartition, ?> assigned) {
        fetches.increment();
        records.add(recordCount);
        bytes.add(bytesThisFetch);
        fetchSize.record(bytesThisFetch, nowMs);
        fetchLatency.record(latencyNanos / 1_000_000.0, nowMs);
        bytesThisFetch = 0;
        lags.keySet().removeIf(tp -> {
            boolean unassigned = !assigned.containsKey(tp);
            if (unassigned) {
                metrics.removeMetric(partitionName(tp));
            }
            return unassigned;
        });
    }

    private MetricName partitionName(TopicPartition tp) {
        return new MetricName("records-lag", GROUP, "The latest lag in records of the partition", Map.of(
            "client-id", clientId, "topic", tp.topic(), "partition", Integer.toString(tp.partition())));
    }

    private double maxLag() {
        double max = Double.NaN;
        for (Lag lag : lags.values()) {
            max = Double.isNaN(max) ? lag.records : Math.max(max, lag.records);
        }
        return max;
    }

    /** A partition's lag, written by the polling thread. */
    private static final class Lag {
        private volatile long records;

        Double value() {
            return (double) records;
        }
    }
}
