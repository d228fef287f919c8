package dev.runnel.common.metrics.stats;

import java.util.Arrays;
import java.util.Locale;

/**
 * Counts of values in bins, as Kafka's {@code Histogram}, from which {@link #value} reads a quantile: the lower edge
 * of the first bin at which the share of values so far exceeds it. Not thread-safe.
 */
public class Histogram {
    private final BinScheme binScheme;
    private final float[] hist;
    private double count;

    public Histogram(BinScheme binScheme) {
        this.binScheme = binScheme;
        this.hist = new float[binScheme.bins()];
    }

    /** Counts {@code value} in its bin. */
    public void record(double value) {
        hist[binScheme.toBin(value)] += 1.0f;
        count += 1.0;
    }

    /**
     * Returns the {@code quantile} (0 to 1): {@code NaN} if nothing was recorded, infinite for a quantile outside
     * 0..1, the last bin's lower edge if no earlier bin reaches it.
     */
    public double value(double quantile) {
        if (count == 0.0) {
            return Double.NaN;
        }
        if (quantile > 1.0) {
            return Double.POSITIVE_INFINITY;
        }
        if (quantile < 0.0) {
            return Double.NEGATIVE_INFINITY;
        }
        float sum = 0.0f;
        float quant = (float) quantile;
        for (int i = 0; i < hist.length - 1; i++) {
            sum += hist[i];
            if (sum / count > quant) {
                return binScheme.fromBin(i);
            }
        }
        return binScheme.fromBin(hist.length - 1);
    }

    /** Returns the counts by bin, the histogram's own array. */
    public float[] counts() {
        return hist;
    }

    /** Forgets every value. */
    public void clear() {
        Arrays.fill(hist, 0.0f);
        count = 0.0;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < hist.length - 1; i++) {
            text.append(String.format(Locale.ROOT, "%.10f", binScheme.fromBin(i))).append(':')
                .append(String.format(Locale.ROOT, "%.0f", hist[i])).append(',');
        }
        text.append(Float.POSITIVE_INFINITY).append(':')
            .append(String.format(Locale.ROOT, "%.0f", hist[hist.length - 1])).append('}');
        return text.toString();
    }

    /** How values map to bins and back. */
    public interface BinScheme {
        /** Returns the number of bins. */
        int bins();

        /** Returns the bin {@code value} falls in. */
        int toBin(double value);

        /** Returns the lower edge of bin {@code bin}: infinite outside the bins. */
        double fromBin(int bin);
    }

    /** Bins of equal width from {@code min} to {@code max}; values outside go to the first or the last bin. */
    public static class ConstantBinScheme implements BinScheme {
        private final double min;
        private final int bins;
        private final double bucketWidth;
        private final int maxBinNumber;

        /** Creates {@code bins} bins over {@code min..max}; at least 2. */
        public ConstantBinScheme(int bins, double min, double max) {
            if (bins < 2) {
                throw new IllegalArgumentException("Must have at least 2 bins.");
            }
            this.min = min;
            this.bins = bins;
            this.bucketWidth = (max - min) / bins;
            this.maxBinNumber = bins - 1;
        }

        @Override
        public int bins() {
            return bins;
        }

        @Override
        public double fromBin(int bin) {
            if (bin < 0) {
                return Double.NEGATIVE_INFINITY;
            }
            if (bin > maxBinNumber) {
                return Double.POSITIVE_INFINITY;
            }
            return min + bin * bucketWidth;
        }

        @Override
        public int toBin(double value) {
            int bin = (int) ((value - min) / bucketWidth);
            return bin < 0 ? 0 : Math.min(bin, maxBinNumber);
        }
    }

    /**
     * Bins growing linearly in width from 0 up to {@code max}: bin {@code b} starts at {@code scale * b * (b + 1) / 2},
     * with {@code scale = max / (bins * (bins - 1) / 2)}, so that small values are told apart finely. Values above
     * {@code max} go to the last bin; negative values are refused.
     */
    public static class LinearBinScheme implements BinScheme {
        private final int bins;
        private final double max;
        private final double scale;

        /** Creates {@code bins} bins up to {@code max}; at least 2. */
        public LinearBinScheme(int numBins, double max) {
            if (numBins < 2) {
                throw new IllegalArgumentException("Must have at least 2 bins.");
            }
            this.bins = numBins;
            this.max = max;
            double denominator = numBins * (numBins - 1.0) / 2.0;
            this.scale = max / denominator;
        }

        @Override
        public int bins() {
            return bins;
        }

        @Override
        public double fromBin(int bin) {
            if (bin > bins - 1) {
                return Double.POSITIVE_INFINITY;
            }
            if (bin < 0) {
                return Double.NEGATIVE_INFINITY;
            }
            return scale * (bin * (bin + 1.0)) / 2.0;
        }

        @Override
        public int toBin(double value) {
            if (value < 0.0) {
                throw new IllegalArgumentException("Values less than 0.0 not accepted.");
            }
            if (value > max) {
                return bins - 1;
            }
            // The inverse of fromBin: the largest b with scale * b * (b + 1) / 2 <= value.
            return (int) (-0.5 + 0.5 * Math.sqrt(1.0 + 8.0 * value / scale));
        }
    }
}
