package dev.runnel.streams.internal.state;

import dev.runnel.common.MetricName;
import dev.runnel.common.metrics.Sensor;
import dev.runnel.common.metrics.Sensor.RecordingLevel;
import dev.runnel.common.metrics.stats.Avg;
import dev.runnel.common.metrics.stats.Max;
import dev.runnel.common.metrics.stats.Min;
import dev.runnel.streams.processor.StateStoreContext;
import java.util.Map;

/**
 * Kafka Streams' {@code stream-record-cache-metrics} of one store's record cache, {@code hit-ratio-avg/min/max}
 * (level DEBUG, tags {@code thread-id}, {@code task-id} and {@code record-cache-id}, the store's name): the cache
 * counts its reads by the owning thread that find the key and those that miss it, and at each hit records the share of
 * hits among all the reads so far. As in Kafka, whose cache reads each dirty entry back when it writes it down, a
 * write-down counts one hit per entry written.
 *
 * <p>Below level DEBUG a read costs a test of a final flag and nothing is counted. Owning thread only.
 */
final class CacheHitRatio {
    private final Sensor sensor;
    private final boolean recording;
    private final Thread owner;
    private long hits;
    private long misses;

    private CacheHitRatio(Sensor sensor) {
        this.sensor = sensor;
        this.recording = sensor.shouldRecord();
        this.owner = Thread.currentThread();
    }

    /** Adds the metrics of the cache of store {@code storeName} of the context's task, on its (the owning) thread. */
    static CacheHitRatio of(StateStoreContext context, String storeName) {
        String threadId = Thread.currentThread().getName();
        String taskId = context.taskId().toString();
        Map<String, String> tags = Map.of("thread-id", threadId, "task-id", taskId, "record-cache-id", storeName);
        Sensor sensor = context.metrics().addSensor(
            String.join(".", threadId, "task", taskId, "cache", storeName, "hit-ratio"), RecordingLevel.DEBUG);
        String group = "stream-record-cache-metrics";
        sensor.add(new MetricName("hit-ratio-avg", group, "Average share of the cache's reads that hit", tags),
            new Avg());
        sensor.add(new MetricName("hit-ratio-min", group, "Lowest share of the cache's reads that hit", tags),
            new Min());
        sensor.add(new MetricName("hit-ratio-max", group, "Highest share of the cache's reads that hit", tags),
            new Max());
        return new CacheHitRatio(sensor);
    }

    /** Counts a read of the cache that found its key ({@code hit}) or not; reads by other threads do not count. */
    void read(boolean hit) {
        if (recording && Thread.currentThread() == owner) {
            if (hit) {
                hits++;
                sensor.record((double) hits / (hits + misses));
            } else {
                misses++;
            }
        }
    }
}
