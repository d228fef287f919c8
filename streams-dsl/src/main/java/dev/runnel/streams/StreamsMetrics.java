package dev.runnel.streams;

import dev.runnel.common.Metric;
import dev.runnel.common.MetricName;
import dev.runnel.common.metrics.Sensor;
import java.util.Map;

/**
 * Custom metrics for processors and state stores, as in Kafka Streams: a processor adds sensors in {@code init} and
 * records into them while it runs; their metrics appear in {@link KafkaStreams#metrics()} (and in JMX, as {@code
 * kafka.streams:type=<group>,<tag>=<value>,...}) and in {@link TopologyTestDriver#metrics()}.
 *
 * <pre>{@code
 * public void init(ProcessorContext<String, String> context) {
 *     this.lookups = context.metrics().addRateTotalSensor("enricher", "customers", "lookup",
 *         Sensor.RecordingLevel.INFO);
 * }
 * public void process(Record<String, String> record) {
 *     lookups.record();   // lookup-total and lookup-rate in group stream-enricher-metrics
 * }
 * }</pre>
 *
 * <p>The convenience sensors' metrics are in group {@code stream-<scopeName>-metrics} with tags {@code thread-id} (the
 * name of the thread that adds the sensor), {@code <scopeName>-id} ({@code entityName}) and the given tag pairs. Adding
 * a sensor again (a processor re-initialized after a rebalance) returns the existing one. A sensor whose recording
 * level is finer than {@code metrics.recording.level} (default {@code INFO}) is registered but records nothing.
 * Thread-safe.
 */
public interface StreamsMetrics {
    /** Returns a snapshot of all metrics of the client (or test driver), built-in and custom. */
    Map<MetricName, ? extends Metric> metrics();

    /**
     * Adds (or returns) a sensor for the latency of an operation: each {@link Sensor#record(double)} takes a latency
     * and updates {@code <operationName>-latency-avg}, {@code -latency-max}, {@code <operationName>-rate} (per
     * second) and {@code <operationName>-total} (count of recordings).
     *
     * @param tags further tags as key, value, key, value, ...
     * @throws IllegalArgumentException if {@code tags} has an odd length
     */
    Sensor addLatencyRateTotalSensor(String scopeName, String entityName, String operationName,
        Sensor.RecordingLevel recordingLevel, String... tags);

    /**
     * Adds (or returns) a sensor counting an operation: each recording updates {@code <operationName>-rate} (per
     * second) and {@code <operationName>-total} (count of recordings).
     *
     * @param tags further tags as key, value, key, value, ...
     * @throws IllegalArgumentException if {@code tags} has an odd length
     */
    Sensor addRateTotalSensor(String scopeName, String entityName, String operationName,
        Sensor.RecordingLevel recordingLevel, String... tags);

    /**
     * Adds (or returns) the sensor named {@code name}, without stats: add them with {@link Sensor#add}, for example
     * {@code sensor.add(new MetricName("size-avg", "stream-cache-metrics", "Average size", tags), new Avg())}.
     */
    Sensor addSensor(String name, Sensor.RecordingLevel recordingLevel);

    /** Adds (or returns) the sensor named {@code name}; every value it records is also recorded in {@code parents}. */
    Sensor addSensor(String name, Sensor.RecordingLevel recordingLevel, Sensor... parents);

    /** Removes {@code sensor} and its metrics; a sensor that is not registered is ignored. */
    void removeSensor(Sensor sensor);
}
