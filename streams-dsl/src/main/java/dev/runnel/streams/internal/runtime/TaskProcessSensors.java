package dev.runnel.streams.internal.runtime;

import dev.runnel.common.MetricName;
import dev.runnel.common.metrics.Sensor;
import dev.runnel.common.metrics.Sensor.RecordingLevel;
import dev.runnel.common.metrics.stats.Avg;
import dev.runnel.common.metrics.stats.CumulativeCount;
import dev.runnel.common.metrics.stats.Max;
import dev.runnel.common.metrics.stats.Rate;
import dev.runnel.common.metrics.stats.WindowedCount;
import dev.runnel.streams.StreamsMetrics;
import dev.runnel.streams.processor.TaskId;
import java.util.HashMap;
import java.util.Map;

/**
 * Kafka Streams' per-record and per-punctuation metrics of a task, all at level DEBUG: {@code process-rate} and {@code
 * process-total} of
 * its source nodes ({@code stream-processor-node-metrics}, tag {@code processor-node-id}: the records that reached
 * each, deserialized and with a valid timestamp) and of the task ({@code stream-task-metrics}, the sum of its
 * sources'), and the task's {@code process-latency-avg/max} (ns, by the task's clock), {@code
 * record-lateness-avg/max} (ms a record's timestamp is behind the task's stream time, 0 if it advances it) and {@code
 * punctuate-rate/total} and {@code punctuate-latency-avg/max} (ns) of its punctuators' calls.
 *
 * <p>The sensors are {@code null} (the map empty) when DEBUG metrics do not record, so that a record or punctuation
 * costs the task a null test per sensor then.
 */
final class TaskProcessSensors {
    /** Records nothing: before the task's topology is initialized. */
    static final TaskProcessSensors NONE = new TaskProcessSensors(Map.of(), null, null, null);

    /** Each source node's process-rate/total sensor, by node name. */
    final Map<String, Sensor> bySource;
    final Sensor processLatency;
    final Sensor recordLateness;
    final Sensor punctuate;

    private TaskProcessSensors(Map<String, Sensor> bySource, Sensor processLatency, Sensor recordLateness,
        Sensor punctuate) {
        this.bySource = bySource;
        this.processLatency = processLatency;
        this.recordLateness = recordLateness;
        this.punctuate = punctuate;
    }

    /** Adds the metrics of {@code task} and its source nodes among {@code nodes}, on the task's thread. */
    static TaskProcessSensors add(StreamsMetrics metrics, TaskId task, Iterable<ProcessorNode<?, ?, ?, ?>> nodes) {
        String threadId = Thread.currentThread().getName();
        String prefix = String.join(".", threadId, "task", task.toString()) + ".";
        Map<String, String> taskTags = Map.of("thread-id", threadId, "task-id", task.toString());
        String taskGroup = "stream-task-metrics";
        Sensor taskSensor = metrics.addSensor(prefix + "process", RecordingLevel.DEBUG);
        Map<String, Sensor> bySource = addProcessed(metrics, taskSensor, threadId, task, nodes);
        Sensor latency = metrics.addSensor(prefix + "process-latency", RecordingLevel.DEBUG);
        latency.add(new MetricName("process-latency-avg", taskGroup, "Average time (ns) to process a record",
            taskTags), new Avg());
        latency.add(new MetricName("process-latency-max", taskGroup, "Longest time (ns) to process a record",
            taskTags), new Max());
        Sensor lateness = metrics.addSensor(prefix + "record-lateness", RecordingLevel.DEBUG);
        lateness.add(new MetricName("record-lateness-avg", taskGroup, "Average time (ms) a record's timestamp was"
            + " behind stream time", taskTags), new Avg());
        lateness.add(new MetricName("record-lateness-max", taskGroup, "Longest time (ms) a record's timestamp was"
            + " behind stream time", taskTags), new Max());
        Sensor punctuate = metrics.addSensor(prefix + "punctuate", RecordingLevel.DEBUG);
        punctuate.add(new MetricName("punctuate-rate", taskGroup, "Punctuator calls per second", taskTags),
            new Rate(new WindowedCount()));
        punctuate.add(new MetricName("punctuate-total", taskGroup, "Punctuator calls", taskTags),
            new CumulativeCount());
        punctuate.add(new MetricName("punctuate-latency-avg", taskGroup, "Average time (ns) of a punctuator call",
            taskTags), new Avg());
        punctuate.add(new MetricName("punctuate-latency-max", taskGroup, "Longest time (ns) of a punctuator call",
            taskTags), new Max());
        return taskSensor.shouldRecord() ? new TaskProcessSensors(bySource, latency, lateness, punctuate) : NONE;
    }

    /**
     * Adds only the {@code process-rate/total} of a global task and its source nodes, the metrics Kafka Streams' global
     * task has. Global tasks share the id {@code -1_-1}, so each adds its nodes to the same task sensor.
     */
    static TaskProcessSensors addGlobal(StreamsMetrics metrics, TaskId task,
        Iterable<ProcessorNode<?, ?, ?, ?>> nodes) {
        String threadId = Thread.currentThread().getName();
        Sensor taskSensor = metrics.addSensor(String.join(".", threadId, "task", task.toString(), "process"),
            RecordingLevel.DEBUG);
        Map<String, Sensor> bySource = addProcessed(metrics, taskSensor, threadId, task, nodes);
        return taskSensor.shouldRecord() ? new TaskProcessSensors(bySource, null, null, null) : NONE;
    }

    /** Adds the task's process-rate/total and each source node's, whose records count in the task's too. */
    private static Map<String, Sensor> addProcessed(StreamsMetrics metrics, Sensor taskSensor, String threadId,
        TaskId task, Iterable<ProcessorNode<?, ?, ?, ?>> nodes) {
        addRateAndTotal(taskSensor, "stream-task-metrics", Map.of("thread-id", threadId, "task-id", task.toString()));
        String prefix = String.join(".", threadId, "task", task.toString()) + ".";
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
        return bySource;
    }

    private static void addRateAndTotal(Sensor sensor, String group, Map<String, String> tags) {
        sensor.add(new MetricName("process-rate", group, "Records processed per second", tags),
            new Rate(new WindowedCount()));
        sensor.add(new MetricName("process-total", group, "Records processed", tags), new CumulativeCount());
    }
}
