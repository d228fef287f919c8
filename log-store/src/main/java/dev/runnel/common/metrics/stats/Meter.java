package dev.runnel.common.metrics.stats;

import dev.runnel.common.MetricName;
import dev.runnel.common.metrics.CompoundStat;
import dev.runnel.common.metrics.MetricConfig;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A rate and a total of the same recordings, published as two metrics, as Kafka's {@code Meter}: by default the
 * rate per second and the total of the recorded values; with a {@link WindowedCount}, of the number of recordings.
 */
public class Meter implements CompoundStat {
    private final MetricName rateMetricName;
    private final MetricName totalMetricName;
    private final Rate rate;
    private final CumulativeSum total;

    /** Creates a meter of the recorded values' per-second rate and total. */
    public Meter(MetricName rateMetricName, MetricName totalMetricName) {
        this(TimeUnit.SECONDS, new WindowedSum(), rateMetricName, totalMetricName);
    }

    /** Creates a meter of the recorded values' rate per {@code unit} and total. */
    public Meter(TimeUnit unit, MetricName rateMetricName, MetricName totalMetricName) {
        this(unit, new WindowedSum(), rateMetricName, totalMetricName);
    }

    /** Creates a meter of {@code rateStat}'s per-second rate and its total. */
    public Meter(SampledStat rateStat, MetricName rateMetricName, MetricName totalMetricName) {
        this(TimeUnit.SECONDS, rateStat, rateMetricName, totalMetricName);
    }

    /**
     * Creates a meter of {@code rateStat}'s rate per {@code unit} and its total.
     *
     * @throws IllegalArgumentException unless {@code rateStat} is a {@link WindowedSum} or {@link WindowedCount}
     */
    public Meter(TimeUnit unit, SampledStat rateStat, MetricName rateMetricName, MetricName totalMetricName) {
        if (!(rateStat instanceof WindowedSum)) {
            throw new IllegalArgumentException("Meter is supported only for WindowedCount or WindowedSum.");
        }
        this.total = new CumulativeSum();
        this.rate = new Rate(unit, rateStat);
        this.rateMetricName = rateMetricName;
        this.totalMetricName = totalMetricName;
    }

    @Override
    public List<NamedMeasurable> stats() {
        return List.of(new NamedMeasurable(totalMetricName, total), new NamedMeasurable(rateMetricName, rate));
    }

    @Override
    public void record(MetricConfig config, double value, long timeMs) {
        rate.record(config, value, timeMs);
        // A count's total counts recordings too, whatever their values.
        total.record(config, rate.stat instanceof WindowedCount ? 1.0 : value, timeMs);
    }

    @Override
    public String toString() {
        return "Meter(rate=" + rate + ", total=" + total + ", rateMetricName=" + rateMetricName
            + ", totalMetricName=" + totalMetricName + ")";
    }
}
