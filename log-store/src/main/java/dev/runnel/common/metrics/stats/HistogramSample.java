package dev.runnel.common.metrics.stats;

/** A sample holding a histogram of its values, for {@link Percentiles} and {@link Frequencies}. */
final class HistogramSample extends SampledStat.Sample {
    private final Histogram histogram;

    HistogramSample(Histogram.BinScheme scheme, long nowMs) {
        super(0.0, nowMs);
        this.histogram = new Histogram(scheme);
    }

    Histogram histogram() {
        return histogram;
    }

    @Override
    public void reset(long nowMs) {
        super.reset(nowMs);
        histogram.clear();
    }
}
