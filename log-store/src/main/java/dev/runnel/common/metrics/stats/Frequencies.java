package dev.runnel.common.metrics.stats;

import dev.runnel.common.MetricName;
import dev.runnel.common.metrics.CompoundStat;
import dev.runnel.common.metrics.Measurable;
import dev.runnel.common.metrics.MetricConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The share of the window's recordings that fell near each of some values, each published as a metric, as Kafka's
 * {@code Frequencies}: {@code min..max} is cut into {@code buckets} bins centred on evenly spaced values from {@code
 * min} to {@code max}, and a value's frequency is the count in its bin over all recordings in the window (0 with
 * none). The stat's own value is the number of recordings in the window.
 */
public class Frequencies extends SampledStat implements CompoundStat {
    private final Frequency[] frequencies;
    private final Histogram.BinScheme binScheme;

    /**
     * Creates frequencies of values recorded as 0.0 (false) and 1.0 (true), published under the names given; a null
     * name's frequency is not published.
     *
     * @throws IllegalArgumentException if both names are null
     */
    public static Frequencies forBooleanValues(MetricName falseMetricName, MetricName trueMetricName) {
        List<Frequency> frequencies = new ArrayList<>();
        if (falseMetricName != null) {
            frequencies.add(new Frequency(falseMetricName, 0.0));
        }
        if (trueMetricName != null) {
            frequencies.add(new Frequency(trueMetricName, 1.0));
        }
        if (frequencies.isEmpty()) {
            throw new IllegalArgumentException("Must specify at least one metric name");
        }
        return new Frequencies(2, 0.0, 1.0, frequencies.toArray(new Frequency[0]));
    }

    /**
     * Creates frequencies over {@code buckets} bins centred from {@code min} to {@code max}.
     *
     * @throws IllegalArgumentException if {@code max < min}, {@code buckets < 1}, there are more frequencies than
     *     buckets or a frequency's value is outside {@code min..max}
     */
    public Frequencies(int buckets, double min, double max, Frequency... frequencies) {
        super(0.0);
        if (max < min) {
            throw new IllegalArgumentException("The maximum value " + max + " must be greater than the minimum value "
                + min);
        }
        if (buckets < 1) {
            throw new IllegalArgumentException("Must be at least 1 bucket");
        }
        if (buckets < frequencies.length) {
            throw new IllegalArgumentException("More frequencies than buckets");
        }
        this.frequencies = frequencies;
        for (Frequency frequency : frequencies) {
            if (min > frequency.centerValue() || max < frequency.centerValue()) {
                throw new IllegalArgumentException("The frequency centered at '" + frequency.centerValue()
                    + "' is not within the range [" + min + "," + max + "]");
            }
        }
        // Bins centred on the values: the first and last reach half a bin beyond min and max.
        double halfBucketWidth = (max - min) / (buckets - 1) / 2.0;
        this.binScheme = new Histogram.ConstantBinScheme(buckets, min - halfBucketWidth, max + halfBucketWidth);
    }

    @Override
    public List<NamedMeasurable> stats() {
        List<NamedMeasurable> stats = new ArrayList<>(frequencies.length);
        for (Frequency frequency : frequencies) {
            double center = frequency.centerValue();
            Measurable measurable = (config, nowMs) -> frequency(config, nowMs, center);
            stats.add(new NamedMeasurable(frequency.name(), measurable));
        }
        return stats;
    }

    /** Returns the share, 0 to 1, of the window's recordings that fell in {@code centerValue}'s bin. */
    public double frequency(MetricConfig config, long nowMs, double centerValue) {
        purgeObsoleteSamples(config, nowMs);
        long totalCount = 0;
        for (Sample sample : samples) {
            totalCount += sample.eventCount;
        }
        if (totalCount == 0) {
            return 0.0;
        }
        float count = 0.0f;
        int bin = binScheme.toBin(centerValue);
        for (Sample sample : samples) {
            count += ((HistogramSample) sample).histogram().counts()[bin];
        }
        return count / (double) totalCount;
    }

    /** Returns the number of recordings in the window. */
    @Override
    public double combine(List<Sample> samples, MetricConfig config, long nowMs) {
        long totalCount = 0;
        for (Sample sample : samples) {
            totalCount += sample.eventCount;
        }
        return totalCount;
    }

    @Override
    protected HistogramSample newSample(long timeMs) {
        return new HistogramSample(binScheme, timeMs);
    }

    @Override
    protected void update(Sample sample, MetricConfig config, double value, long timeMs) {
        ((HistogramSample) sample).histogram().record(value);
    }
}
