/**
 * The stats a {@link dev.runnel.common.metrics.Sensor} can keep, named as in Kafka's {@code
 * org.apache.kafka.common.metrics.stats}: windowed ({@link dev.runnel.common.metrics.stats.Avg}, {@link
 * dev.runnel.common.metrics.stats.Max}, {@link dev.runnel.common.metrics.stats.Min}, {@link
 * dev.runnel.common.metrics.stats.WindowedSum}, {@link dev.runnel.common.metrics.stats.WindowedCount}, {@link
 * dev.runnel.common.metrics.stats.Rate}) and cumulative ({@link dev.runnel.common.metrics.stats.CumulativeSum},
 * {@link dev.runnel.common.metrics.stats.CumulativeCount}).
 */
package dev.runnel.common.metrics.stats;
