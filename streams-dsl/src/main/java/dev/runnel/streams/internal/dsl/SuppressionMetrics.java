package dev.runnel.streams.internal.dsl;

import dev.runnel.common.MetricName;
import dev.runnel.common.metrics.Sensor;
import dev.runnel.common.metrics.Sensor.RecordingLevel;
import dev.runnel.common.metrics.stats.Avg;
import dev.runnel.common.metrics.stats.CumulativeCount;
import dev.runnel.common.metrics.stats.Max;
import dev.runnel.common.metrics.stats.Rate;
import dev.runnel.common.metrics.stats.WindowedCount;
import dev.runnel.streams.StreamsMetrics;
import dev.runnel.streams.internal.state.InMemoryKeyValueBytesStoreSupplier;
import dev.runnel.streams.processor.api.ProcessorContext;
import java.util.Map;

/**
 * Kafka Streams' metrics of a suppression, all at level DEBUG: its buffer's {@code suppression-buffer-count-avg/max}
 * and {@code suppression-buffer-size-avg/max} (bytes) in {@code stream-state-metrics}, tagged {@code
 * in-memory-suppression-state-id}, recorded at init (what the buffer restored) and whenever records enter or leave
 * the buffer, and the node's {@code
 * suppression-emit-rate/total} in {@code stream-processor-node-metrics}, the records it forwarded. Below DEBUG an
 * update costs a test of a final flag. Not thread-safe; owned by the processor.
 */
final class SuppressionMetrics {
    private final Sensor bufferCount;
    private final Sensor bufferSize;
    private final Sensor emitted;
    private final boolean recording;

    /** Adds the metrics of suppression node {@code nodeName}, whose buffer is store {@code storeName}. */
    SuppressionMetrics(ProcessorContext<?, ?> context, String nodeName, String storeName) {
        StreamsMetrics metrics = context.metrics();
        String threadId = Thread.currentThread().getName();
        String taskId = context.taskId().toString();
        String prefix = String.join(".", threadId, "task", taskId, "suppression", nodeName) + ".";
        Map<String, String> storeTags = Map.of("thread-id", threadId, "task-id", taskId,
            InMemoryKeyValueBytesStoreSupplier.SUPPRESSION_SCOPE + "-state-id", storeName);
        this.bufferCount = metrics.addSensor(prefix + "buffer-count", RecordingLevel.DEBUG);
        addAverageAndMax(bufferCount, "suppression-buffer-count", "records in the buffer", storeTags);
        this.bufferSize = metrics.addSensor(prefix + "buffer-size", RecordingLevel.DEBUG);
        addAverageAndMax(bufferSize, "suppression-buffer-size", "bytes in the buffer", storeTags);
        this.emitted = metrics.addSensor(prefix + "emit", RecordingLevel.DEBUG);
        Map<String, String> nodeTags = Map.of("thread-id", threadId, "task-id", taskId, "processor-node-id",
            nodeName);
        String nodeGroup = "stream-processor-node-metrics";
        emitted.add(new MetricName("suppression-emit-rate", nodeGroup, "Records emitted per second", nodeTags),
            new Rate(new WindowedCount()));
        emitted.add(new MetricName("suppression-emit-total", nodeGroup, "Records emitted", nodeTags),
            new CumulativeCount());
        this.recording = bufferCount.shouldRecord();
    }

    private static void addAverageAndMax(Sensor sensor, String name, String what, Map<String, String> tags) {
        sensor.add(new MetricName(name + "-avg", "stream-state-metrics", "Average number of " + what, tags),
            new Avg());
        sensor.add(new MetricName(name + "-max", "stream-state-metrics", "Largest number of " + what, tags),
            new Max());
    }

    /** Records what the buffer holds after records entered or left it. */
    void bufferChanged(int records, long bytes) {
        if (recording) {
            bufferCount.record(records);
            bufferSize.record(bytes);
        }
    }

    /** Records a record the suppression forwarded. */
    void emitted() {
        if (recording) {
            emitted.record();
        }
    }
}
