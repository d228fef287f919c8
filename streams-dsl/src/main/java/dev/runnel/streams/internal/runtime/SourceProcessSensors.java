package dev.runnel.streams.internal.runtime;

import dev.runnel.common.MetricName;
import dev.runnel.common.metrics.Sensor;
import dev.runnel.common.metrics.Sensor.RecordingLevel;
import dev.runnel.common.metrics.stats.CumulativeCount;
import dev.runnel.common.metrics.stats.Rate;
import dev.runnel.common.metrics.stats.WindowedCount;
import dev.runnel.streams.StreamsMetrics;
import dev.runnel.streams.processor.TaskId;
import java.util.HashMap;
import java.util.Map;

/**
 * Kafka Streams' {@code process-rate} and {@code process-total} (level DEBUG) of a task's source nodes ({@code
 * stream-processor-node-metrics}, tags {@code thread-id}, {@code task-id}, {@code processor-node-id}) and of the task
 * ({@code stream-task-metrics}, the sum of its sources'): the records that reached each source node, deserialized and
 * with a valid timestamp.
 */
final class SourceProcessSensors {
    private SourceProcessSensors() {
    }

    /**
     * Adds the metrics of {@code task}'s source nodes, on its thread; returns each source's sensor by node name, or
     * none if DEBUG metrics do not record, so that a record costs a null test then.
     */
    static Map<String, Sensor> add(StreamsMetrics metrics, TaskId task, Iterable<ProcessorNode<?, ?, ?, ?>> nodes) {
        String threadId = Thread.currentThread().getName();
        String prefix = String.join(".", threadId, "task", task.toString()) + ".";
        Sensor taskSensor = metrics.addSensor(prefix + "process", RecordingLevel.DEBUG);
        addRateAndTotal(taskSensor, "stream-task-metrics", Map.of("thread-id", threadId, "task-id", task.toString()));
        Map<String, Sensor> bySource = new HashMap<>();
        for (ProcessorNode<?, ?, ?, ?> node : nodes) {
            if (node instanceof SourceNode<?, ?>) {
                Sensor sensor = metrics.addSensor(prefix + "node." + node.name() + ".process", RecordingLevel.DEBUG,
                    taskSensor);
                addRateAndTotal(sensor, "stream-processor-node-metrics", Map.of("thread-id", threadId,
                    "task-id", task.toString(), "processor-node-id", node.name()));
                bySource.put(node.name(), sensor);
            }
        }
        return taskSensor.shouldRecord() ? bySource : Map.of();
    }

    private static void addRateAndTotal(Sensor sensor, String group, Map<String, String> tags) {
        sensor.add(new MetricName("process-rate", group, "Records processed per second", tags),
            new Rate(new WindowedCount()));
        sensor.add(new MetricName("process-total", group, "Records processed", tags), new CumulativeCount());
    }
}
