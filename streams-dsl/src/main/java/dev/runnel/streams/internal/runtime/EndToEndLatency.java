package dev.runnel.streams.internal.runtime;

/**
 * One node's end-to-end latency, Kafka Streams' {@code record-e2e-latency-avg/min/max}: how long after its timestamp a
 * record reached a source node, or was fully processed by a terminal node, by the wall-clock time of the task's
 * processing round. Written by the task's thread only; metrics read it from other threads without locks (a read
 * racing a write may mix two samples, which a gauge can afford).
 */
final class EndToEndLatency {
    private long count;
    private long sum;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;

    void record(long latencyMs) {
        count++;
        sum += latencyMs;
        if (latencyMs < min) {
            min = latencyMs;
        }
        if (latencyMs > max) {
            max = latencyMs;
        }
    }

    /** Returns the average latency in ms, or NaN before the first record (as Kafka's sensors report). */
    double average() {
        long records = count;
        return records == 0 ? Double.NaN : (double) sum / records;
    }

    double minimum() {
        return count == 0 ? Double.NaN : min;
    }

    double maximum() {
        return count == 0 ? Double.NaN : max;
    }
}
