package dev.runnel.streams.internal.runtime;

import dev.runnel.common.metrics.Sensor.RecordingLevel;
import dev.runnel.streams.internal.metrics.StreamsMetricsRegistry;
import dev.runnel.streams.processor.TaskId;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * The metrics of one active task that a stream thread and the test driver both add, as Kafka Streams names them:
 * {@code stream-task-metrics} {@code dropped-records-rate/total}, {@code enforced-processing-rate/total} and
 * {@code cache-size-bytes-total} (the bytes of the task's stores in the record cache, at DEBUG), and
 * {@code stream-processor-node-metrics} {@code record-e2e-latency-avg/min/max} of its source and terminal nodes, and
 * {@code stream-topic-metrics} {@code records/bytes-consumed-total} of its sources. Each reads a counter the task
 * keeps; the task adds its debug-level process metrics itself ({@link TaskProcessSensors}).
 */
public final class TaskMetrics {
    private TaskMetrics() {
    }

    /**
     * Adds the metrics of {@code task}, run by thread {@code threadId}; {@code droppedRecords} counts the records it
     * dropped, by its handlers' decisions and its collector's.
     */
    public static void register(StreamsMetricsRegistry metrics, String threadId, StreamTask task,
        LongSupplier droppedRecords) {
        register(metrics, threadId, List.of(task), droppedRecords);
    }

    /**
     * Adds the metrics of {@code tasks}, which share one id and count as one task (the test driver's, as Kafka's
     * driver runs all sub-topologies in task {@code 0_0}), with the records they dropped.
     */
    public static void registerSharingId(StreamsMetricsRegistry metrics, String threadId, List<StreamTask> tasks) {
        register(metrics, threadId, tasks, sum(tasks, StreamTask::droppedRecords));
    }

    private static void register(StreamsMetricsRegistry metrics, String threadId, List<StreamTask> tasks,
        LongSupplier droppedRecords) {
        Map<String, String> tags = Map.of("thread-id", threadId, "task-id", tasks.get(0).id().toString());
        String group = "stream-task-metrics";
        registerDropped(metrics, tags, droppedRecords);
        LongSupplier enforcedProcessing = sum(tasks, StreamTask::enforcedProcessing);
        LongSupplier restoredRecords = sum(tasks, StreamTask::restoredRecords);
        metrics.addTotal(group, "enforced-processing-total", "Records processed while an input partition was empty,"
            + " once max.task.idle.ms passed", tags, enforcedProcessing);
        metrics.addRate(group, "enforced-processing-rate", "Records per second processed while an input partition"
            + " was empty, once max.task.idle.ms passed", tags, enforcedProcessing);
        metrics.addTotal(group, "restore-total", "Changelog records restored into the task's stores", tags,
            restoredRecords);
        metrics.addRate(group, "restore-rate", "Changelog records restored per second into the task's stores", tags,
            restoredRecords);
        metrics.addTotal(group, "restore-remaining-records-total", "Changelog records the task has left to restore",
            tags, sum(tasks, StreamTask::restoreRemaining));
        // Kafka Streams records it at DEBUG only, so below DEBUG it stays 0.
        boolean recordsCacheSize = metrics.records(RecordingLevel.DEBUG);
        StreamTask first = tasks.get(0);
        metrics.addGauge(group, "cache-size-bytes-total", "The total size in bytes of this task's cache.", tags,
            () -> recordsCacheSize && first.threadCache() != null ? (double) first.threadCache().taskBytes(first.id())
                : 0.0);
        for (StreamTask task : tasks) {
            registerEndToEndLatencies(metrics, threadId, task);
            task.onConsumedTraffic((topic, traffic) -> registerTraffic(metrics, threadId, task.id().toString(),
                task.sourceNameOf(topic), topic, "consumed", traffic));
        }
    }

    /** Sums {@code count} over {@code tasks} when read: the list may still grow after registration. */
    private static LongSupplier sum(List<StreamTask> tasks, ToLongFunction<StreamTask> count) {
        return () -> tasks.stream().mapToLong(count).sum();
    }

    /**
     * Adds the one task metric of Kafka Streams' global task, {@code dropped-records-total/rate} of task {@code -1_-1},
     * on thread {@code threadId}: the records all of {@code globalTasks} dropped.
     */
    public static void registerGlobal(StreamsMetricsRegistry metrics, String threadId, List<StreamTask> globalTasks) {
        registerDropped(metrics, Map.of("thread-id", threadId, "task-id", StreamTask.GLOBAL_TASK_ID.toString()),
            sum(globalTasks, StreamTask::droppedRecords));
    }

    private static void registerDropped(StreamsMetricsRegistry metrics, Map<String, String> tags,
        LongSupplier droppedRecords) {
        String group = "stream-task-metrics";
        metrics.addTotal(group, "dropped-records-total", "Records dropped by the task", tags, droppedRecords);
        metrics.addRate(group, "dropped-records-rate", "Records dropped per second by the task", tags,
            droppedRecords);
    }

    /**
     * Adds the {@code stream-topic-metrics} {@code records/bytes-produced-total} of each node and topic {@code
     * collector} sends records to (changelogs aside), as each first succeeds.
     */
    static void registerProduced(StreamsMetricsRegistry metrics, String threadId, TaskId taskId,
        RecordCollectorImpl collector) {
        collector.onProducedTraffic((node, topic, traffic) -> registerTraffic(metrics, threadId, taskId.toString(),
            node, topic, "produced", traffic));
    }

    /**
     * Adds Kafka's {@code active-process-ratio}, the task's share of the time its thread's last processing round spent
     * in all its tasks, and {@code active-buffer-count}, the records it had buffered and not processed after it.
     */
    static void registerProcessShare(StreamsMetricsRegistry metrics, String threadId, TaskId taskId,
        DoubleSupplier processRatio, IntSupplier bufferCount) {
        Map<String, String> tags = Map.of("thread-id", threadId, "task-id", taskId.toString());
        String group = "stream-task-metrics";
        metrics.addGauge(group, "active-process-ratio", "The fraction of time the thread spent processing this task"
            + " among all its active tasks", tags, processRatio::getAsDouble);
        metrics.addGauge(group, "active-buffer-count", "Records polled for this task and not yet processed", tags,
            () -> (double) bufferCount.getAsInt());
    }

    /** Adds Kafka's {@code records-<direction>-total} and {@code bytes-<direction>-total} of one node and topic. */
    private static void registerTraffic(StreamsMetricsRegistry metrics, String threadId, String taskId, String node,
        String topic, String direction, TopicTraffic traffic) {
        String group = "stream-topic-metrics";
        Map<String, String> tags = Map.of("thread-id", threadId, "task-id", taskId, "processor-node-id", node,
            "topic", topic);
        String preposition = direction.equals("consumed") ? "from" : "to";
        metrics.addTotal(group, "records-" + direction + "-total", "The total number of records " + direction + " "
            + preposition + " this topic", tags, traffic::records);
        metrics.addTotal(group, "bytes-" + direction + "-total", "The total number of bytes " + direction + " "
            + preposition + " this topic", tags, traffic::bytes);
    }

    /** Adds Kafka's {@code stream-processor-node-metrics} record-e2e-latency-avg/min/max of source and end nodes. */
    private static void registerEndToEndLatencies(StreamsMetricsRegistry metrics, String threadId, StreamTask task) {
        String group = "stream-processor-node-metrics";
        task.endToEndLatencies().forEach((node, latency) -> {
            Map<String, String> tags = Map.of("thread-id", threadId, "task-id", task.id().toString(),
                "processor-node-id", node);
            metrics.addGauge(group, "record-e2e-latency-avg", "Average time (ms) from a record's timestamp to the"
                + " node having it", tags, latency::average);
            metrics.addGauge(group, "record-e2e-latency-min", "Shortest time (ms) from a record's timestamp to the"
                + " node having it", tags, latency::minimum);
            metrics.addGauge(group, "record-e2e-latency-max", "Longest time (ms) from a record's timestamp to the"
                + " node having it", tags, latency::maximum);
        });
    }
}
