/**
 * Metrics, sensors and stats, named as in Kafka's {@code org.apache.kafka.common.metrics}: a {@link
 * dev.runnel.common.metrics.Metrics} registry holds {@link dev.runnel.common.metrics.KafkaMetric}s, each read through
 * a {@link dev.runnel.common.metrics.MetricValueProvider} ({@link dev.runnel.common.metrics.Measurable} or {@link
 * dev.runnel.common.metrics.Gauge}) under a {@link dev.runnel.common.metrics.MetricConfig}, optionally published in
 * JMX by a {@link dev.runnel.common.metrics.JmxReporter}; a {@link dev.runnel.common.metrics.Sensor} records values
 * into the {@link dev.runnel.common.metrics.MeasurableStat}s and {@link dev.runnel.common.metrics.CompoundStat}s added
 * to it, each published as one or more {@link dev.runnel.common.Metric}s, and checks their {@link
 * dev.runnel.common.metrics.Quota}s.
 */
package dev.runnel.common.metrics;
