/**
 * The stats a {@link dev.runnel.common.metrics.Sensor} can keep, named as in Kafka's {@code
 * org.apache.kafka.common.metrics.stats}: windowed ({@link dev.runnel.common.metrics.stats.Avg}, {@link
 * dev.runnel.common.metrics.stats.Max}, {@link dev.runnel.common.metrics.stats.Min}, {@link
 * dev.runnel.common.metrics.stats.WindowedSum}, {@link dev.runnel.common.metrics.stats.WindowedCount}, {@link
 * dev.runnel.common.metrics.stats.Rate}, {@link dev.runnel.common.metrics.stats.SimpleRate}, {@link
 * dev.runnel.common.metrics.stats.Percentiles}, {@link dev.runnel.common.metrics.stats.Frequencies}), cumulative
 * ({@link dev.runnel.common.metrics.stats.CumulativeSum}, {@link dev.runnel.common.metrics.stats.CumulativeCount},
 * {@link dev.runnel.common.metrics.stats.Meter}'s total), the last value ({@link
 * dev.runnel.common.metrics.stats.Value}) and a quota's {@link dev.runnel.common.metrics.stats.TokenBucket}.
 */
package dev.runnel.common.metrics.stats;
