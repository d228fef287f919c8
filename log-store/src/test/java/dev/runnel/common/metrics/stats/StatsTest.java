package dev.runnel.common.metrics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.MetricName;
import dev.runnel.common.metrics.CompoundStat.NamedMeasurable;
import dev.runnel.common.metrics.MetricConfig;
import dev.runnel.common.metrics.stats.Percentiles.BucketSizing;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The stats on their own, recorded and measured under Kafka's default config (two samples of 30 s) unless said. */
class StatsTest {
    private final MetricConfig config = new MetricConfig();

    private static MetricName name(String name) {
        return new MetricName(name, "g", "", Map.of());
    }

    private double measure(List<NamedMeasurable> stats, String name, long nowMs) {
        return stats.stream().filter(stat -> stat.name().name().equals(name)).findFirst().orElseThrow().stat()
            .measure(config, nowMs);
    }

    @Test
    void shouldReadTheLastValueRecorded() {
        Value value = new Value();
        assertEquals(0.0, value.measure(config, 0L), "nothing recorded yet");

        value.record(config, 3.0, 0L);
        value.record(config, 7.0, 10L);
        value.record(config, 5.0, 20L);

        assertEquals(5.0, value.measure(config, 30L));
    }

    @Test
    void shouldMeterTheRateAndTotalOfTheValues() {
        Meter meter = new Meter(name("rate"), name("total"));
        for (double amount : new double[] {10.0, 20.0, 30.0}) {
            meter.record(config, amount, 0L);
        }

        assertEquals(60.0, measure(meter.stats(), "total", 10_000L));
        // 10 s elapsed plus the full window not yet elapsed (samples - 1 = 1): 60 over 40 s.
        assertEquals(1.5, measure(meter.stats(), "rate", 10_000L));
    }

    @Test
    void shouldMeterACountWhateverTheValues() {
        Meter meter = new Meter(TimeUnit.MINUTES, new WindowedCount(), name("rate"), name("total"));
        for (double amount : new double[] {10.0, 20.0, 30.0}) {
            meter.record(config, amount, 0L);
        }

        assertEquals(3.0, measure(meter.stats(), "total", 10_000L));
        assertEquals(3 / (40.0 / 60), measure(meter.stats(), "rate", 10_000L), "3 over 40 s, per minute");
        assertThrows(IllegalArgumentException.class, () -> new Meter(new Avg(), name("rate"), name("total")));
    }

    @Test
    void shouldMeasureASimpleRateOverAtLeastOneWindow() {
        SimpleRate rate = new SimpleRate();
        rate.record(config, 45.0, 0L);

        assertEquals(45.0 / 30, rate.measure(config, 10_000L), "10 s elapsed counts as one 30 s window");
        assertEquals(1.0, rate.measure(config, 45_000L), "45 over 45 s");
    }

    @Test
    void shouldMeasureARateWithItsOwnSampleWindow() {
        // Samples of 10 s whatever the config says: 2 samples - 1 = one full 10 s window at least.
        Rate rate = new Rate(TimeUnit.SECONDS, new WindowedSum(), 10);
        rate.record(config, 20.0, 0L);

        assertEquals(2.0, rate.measure(config, 0L));
        assertEquals(20 / 15.0, rate.measure(config, 15_000L), "15 s hold one full window already");
        assertEquals(0.0, rate.measure(config, 20_000L), "two 10 s windows after the recording, it is forgotten");
    }

    @Test
    void shouldReadPercentilesFromEqualWidthBins() {
        // 400 bytes make 100 bins of width 1 over 0..100, one value in each: the p-th percentile is the first bin
        // at which more than p% of the values are counted, read as its lower edge.
        Percentiles percentiles = new Percentiles(400, 0.0, 100.0, BucketSizing.CONSTANT,
            new Percentile(name("p50"), 50), new Percentile(name("p90"), 90));
        for (int i = 0; i < 100; i++) {
            percentiles.record(config, i + 0.5, 0L);
        }

        assertEquals(50.0, measure(percentiles.stats(), "p50", 0L));
        assertEquals(90.0, measure(percentiles.stats(), "p90", 0L));
        assertEquals(50.0, percentiles.measure(config, 0L), "the stat itself is the median");
    }

    @Test
    void shouldReadPercentilesFromLinearlyGrowingBins() {
        // 16 bytes make 4 bins up to 60, the b-th starting at 10 * b * (b + 1) / 2: 0, 10, 30, 60.
        Percentiles percentiles = new Percentiles(16, 60.0, BucketSizing.LINEAR,
            new Percentile(name("p50"), 50), new Percentile(name("p99"), 99));
        assertTrue(Double.isNaN(measure(percentiles.stats(), "p50", 0L)), "nothing recorded");
        for (double value : new double[] {5.0, 15.0, 15.0, 40.0}) {
            percentiles.record(config, value, 0L);
        }

        // Bins 0..3 hold 1, 2, 1, 0 values: more than half are counted by bin 1, more than 99% by bin 2.
        assertEquals(10.0, measure(percentiles.stats(), "p50", 0L));
        assertEquals(30.0, measure(percentiles.stats(), "p99", 0L));
        percentiles.record(config, 1_000.0, 0L); // pinned to the maximum, in the last bin
        assertEquals(60.0, measure(percentiles.stats(), "p99", 0L));
        assertThrows(IllegalArgumentException.class,
            () -> new Percentiles(16, 1.0, 60.0, BucketSizing.LINEAR, new Percentile(name("p50"), 50)));
    }

    @Test
    void shouldForgetPercentilesOfSamplesOutOfTheWindow() {
        Percentiles percentiles = new Percentiles(400, 0.0, 100.0, BucketSizing.CONSTANT,
            new Percentile(name("p50"), 50));
        percentiles.record(config, 10.0, 0L);
        percentiles.record(config, 70.0, 40_000L);

        assertEquals(70.0, measure(percentiles.stats(), "p50", 60_000L), "the sample at 0 is 60 s old");
    }

    @Test
    void shouldCountFrequenciesOfBooleanValues() {
        Frequencies frequencies = Frequencies.forBooleanValues(name("false"), name("true"));
        assertEquals(0.0, measure(frequencies.stats(), "true", 0L), "nothing recorded");
        for (double value : new double[] {1.0, 1.0, 1.0, 0.0}) {
            frequencies.record(config, value, 0L);
        }

        assertEquals(0.75, measure(frequencies.stats(), "true", 0L));
        assertEquals(0.25, measure(frequencies.stats(), "false", 0L));
        assertEquals(4.0, frequencies.measure(config, 0L), "the stat itself counts the recordings");
        assertThrows(IllegalArgumentException.class, () -> Frequencies.forBooleanValues(null, null));
    }

    @Test
    void shouldCountFrequenciesInBinsCentredOnTheValues() {
        // 5 bins centred on 1, 2, 3, 4, 5: each reaches half a unit either side.
        Frequencies frequencies = new Frequencies(5, 1.0, 5.0, new Frequency(name("ones"), 1.0),
            new Frequency(name("threes"), 3.0));
        for (double value : new double[] {1.0, 1.2, 3.4, 5.0}) {
            frequencies.record(config, value, 0L);
        }

        assertEquals(0.5, measure(frequencies.stats(), "ones", 0L));
        assertEquals(0.25, measure(frequencies.stats(), "threes", 0L));
        assertEquals("More frequencies than buckets", assertThrows(IllegalArgumentException.class,
            () -> new Frequencies(1, 0.0, 1.0, new Frequency(name("a"), 0.0), new Frequency(name("b"), 1.0)))
            .getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Frequencies(5, 1.0, 5.0,
            new Frequency(name("sixes"), 6.0)));
    }

    @Test
    void shouldReadQuantilesFromAHistogram() {
        Histogram histogram = new Histogram(new Histogram.ConstantBinScheme(10, 0.0, 10.0));
        assertTrue(Double.isNaN(histogram.value(0.5)));
        for (int i = 0; i < 10; i++) {
            histogram.record(i);
        }

        assertEquals(5.0, histogram.value(0.5), "6 of 10 values are counted by bin 5");
        assertEquals(9.0, histogram.value(0.95), "the last bin, as no earlier one counts more than 95%");
        assertEquals(Double.POSITIVE_INFINITY, histogram.value(1.5));
        assertEquals(1.0f, histogram.counts()[3]);
        histogram.clear();
        assertTrue(Double.isNaN(histogram.value(0.5)));
    }

    @Test
    void shouldMeasureATokenBucketWithoutAQuotaAsUnbounded() {
        TokenBucket bucket = new TokenBucket();
        bucket.record(config, 100.0, 0L);

        assertEquals(Long.MAX_VALUE, bucket.measure(config, 0L));
    }

    @Test
    void shouldCountAndSumCumulatively() {
        CumulativeSum sum = new CumulativeSum(5.0);
        CumulativeCount count = new CumulativeCount();
        for (double value : new double[] {2.0, 3.0}) {
            sum.record(config, value, 0L);
            count.record(config, value, 0L);
        }

        assertEquals(10.0, sum.measure(config, 100_000L), "from 5, never forgotten");
        assertEquals(2.0, count.measure(config, 100_000L));
    }
}
