package dev.runnel.streams.kstream;

/**
 * A half-open time window {@code [start, end)} of a tumbling, hopping or sliding window aggregation. Kafka Streams
 * keeps this class internal ({@code kstream.internals.TimeWindow}); Runnel makes it public beside the API so that
 * windowed serdes and stores, which build windows, need no internal types.
 */
public final class TimeWindow extends Window {
    /**
     * Creates the window {@code [startMs, endMs)}.
     *
     * @throws IllegalArgumentException if {@code startMs} is negative or {@code endMs <= startMs}
     */
    public TimeWindow(long startMs, long endMs) {
        super(startMs, endMs);
        if (startMs == endMs) {
            throw new IllegalArgumentException("Window endMs must be greater than window startMs: " + startMs);
        }
    }

    @Override
    public boolean overlap(Window other) {
        if (!(other instanceof TimeWindow)) {
            throw new IllegalArgumentException("Cannot compare windows of different type. Other window must be of type"
                + " TimeWindow but got " + (other == null ? "null" : other.getClass().getName()) + ".");
        }
        return start() < other.end() && other.start() < end();
    }
}
