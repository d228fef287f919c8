package dev.runnel.common.metrics.stats;

import dev.runnel.common.metrics.CompoundStat;
import dev.runnel.common.metrics.Measurable;
import dev.runnel.common.metrics.MetricConfig;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Percentiles of the values recorded in the window, each published as a metric, as Kafka's {@code Percentiles}:
 * each sample keeps a {@link Histogram} of {@code sizeInBytes / 4} bins over {@code min..max} (values outside are
 * pinned to the nearer end), and a percentile reads as the lower edge of the first bin at which the share of the
 * window's values so far exceeds it, {@code NaN} with no values. Bins are of equal width ({@link
 * BucketSizing#CONSTANT}) or grow linearly from 0 ({@link BucketSizing#LINEAR}).
 */
public class Percentiles extends SampledStat implements CompoundStat {
    private static final Logger LOG = LoggerFactory.getLogger(Percentiles.class);

    /** How the bins are laid out. */
    public enum BucketSizing {
        CONSTANT, LINEAR
    }

    private final int buckets;
    private final Percentile[] percentiles;
    private final Histogram.BinScheme binScheme;
    private final double min;
    private final double max;

    /** Creates percentiles over {@code 0..max}. */
    public Percentiles(int sizeInBytes, double max, BucketSizing bucketing, Percentile... percentiles) {
        this(sizeInBytes, 0.0, max, bucketing, percentiles);
    }

    /**
     * Creates percentiles over {@code min..max}.
     *
     * @throws IllegalArgumentException for {@link BucketSizing#LINEAR} with {@code min} other than 0
     */
    public Percentiles(int sizeInBytes, double min, double max, BucketSizing bucketing, Percentile... percentiles) {
        super(0.0);
        this.percentiles = percentiles;
        this.buckets = sizeInBytes / 4;
        this.min = min;
        this.max = max;
        if (bucketing == BucketSizing.CONSTANT) {
            this.binScheme = new Histogram.ConstantBinScheme(buckets, min, max);
        } else if (bucketing == BucketSizing.LINEAR) {
            if (min != 0.0) {
                throw new IllegalArgumentException("Linear bucket sizing requires min to be 0.0.");
            }
            this.binScheme = new Histogram.LinearBinScheme(buckets, max);
        } else {
            throw new IllegalArgumentException("Unknown bucket type: " + bucketing);
        }
    }

    @Override
    public List<NamedMeasurable> stats() {
        List<NamedMeasurable> stats = new ArrayList<>(percentiles.length);
        for (Percentile percentile : percentiles) {
            double quantile = percentile.percentile() / 100.0;
            Measurable measurable = (config, nowMs) -> value(config, nowMs, quantile);
            stats.add(new NamedMeasurable(percentile.name(), measurable));
        }
        return stats;
    }

    /** Returns the {@code quantile} (0 to 1) of the window's values; see the class comment. */
    public double value(MetricConfig config, long nowMs, double quantile) {
        purgeObsoleteSamples(config, nowMs);
        float count = 0.0f;
        for (Sample sample : samples) {
            count += sample.eventCount;
        }
        if (count == 0.0f) {
            return Double.NaN;
        }
        float sum = 0.0f;
        float quant = (float) quantile;
        for (int bin = 0; bin < buckets; bin++) {
            for (Sample sample : samples) {
                sum += ((HistogramSample) sample).histogram().counts()[bin];
                if (sum / count > quant) {
                    return binScheme.fromBin(bin);
                }
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /** Returns the median, as the value of the stat itself. */
    @Override
    public double combine(List<Sample> samples, MetricConfig config, long nowMs) {
        return value(config, nowMs, 0.5);
    }

    @Override
    protected HistogramSample newSample(long timeMs) {
        return new HistogramSample(binScheme, timeMs);
    }

    @Override
    protected void update(Sample sample, MetricConfig config, double value, long timeMs) {
        double pinned = value;
        if (value > max) {
            LOG.debug("Received value {} which is greater than max recordable value {}, will be pinned to the max "
                + "value", value, max);
            pinned = max;
        } else if (value < min) {
            LOG.debug("Received value {} which is less than min recordable value {}, will be pinned to the min value",
                value, min);
            pinned = min;
        }
        ((HistogramSample) sample).histogram().record(pinned);
    }
}
