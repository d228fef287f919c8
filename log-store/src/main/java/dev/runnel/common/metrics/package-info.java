/**
 * Metrics, sensors and stats, named as in Kafka's {@code org.apache.kafka.common.metrics}: a {@link
 * dev.runnel.common.metrics.Metrics} registry holds {@link dev.runnel.common.metrics.KafkaMetric}s, optionally
 * published in JMX by a {@link dev.runnel.common.metrics.JmxReporter};
 * a {@link dev.runnel.common.metrics.Sensor} records values into the {@link dev.runnel.common.metrics.MeasurableStat}s
 * added to it, and each stat is published as one {@link dev.runnel.common.Metric}.
 */
package dev.runnel.common.metrics;
