package dev.runnel.streams.kstream;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Fixed-size windows {@code [start, start + size)} that start every {@code advance} ms from the epoch: tumbling when
 * the advance equals the size (each record in one window), hopping when it is smaller (each record in
 * {@code size / advance} windows). Immutable.
 *
 * <pre>{@code
 * TimeWindows.ofSizeAndGrace(Duration.ofMinutes(5), Duration.ofSeconds(30)).advanceBy(Duration.ofMinutes(1))
 * }</pre>
 */
public final class TimeWindows extends Windows<TimeWindow> {
    /** The window size in ms. */
    @SuppressWarnings("checkstyle:VisibilityModifier")
    public final long sizeMs;
    /** The advance in ms; equal to {@link #sizeMs} for tumbling windows. */
    @SuppressWarnings("checkstyle:VisibilityModifier")
    public final long advanceMs;
    private final long graceMs;

    private TimeWindows(long sizeMs, long advanceMs, long graceMs) {
        if (sizeMs <= 0) {
            throw new IllegalArgumentException("Window size (sizeMs) must be larger than zero.");
        }
        if (advanceMs <= 0 || advanceMs > sizeMs) {
            throw new IllegalArgumentException("Window advancement interval should be more than zero and less than"
                + " window duration which is " + sizeMs + " ms, but given advancement interval is: " + advanceMs
                + " ms");
        }
        if (graceMs < 0) {
            throw new IllegalArgumentException("Grace period must not be negative.");
        }
        this.sizeMs = sizeMs;
        this.advanceMs = advanceMs;
        this.graceMs = graceMs;
    }

    /** Returns tumbling windows of {@code size} with no grace period: a window closes at its end. */
    public static TimeWindows ofSizeWithNoGrace(Duration size) {
        return ofSizeAndGrace(size, Duration.ZERO);
    }

    /** Returns tumbling windows of {@code size} that accept late records for {@code afterWindowEnd}. */
    public static TimeWindows ofSizeAndGrace(Duration size, Duration afterWindowEnd) {
        long sizeMs = Millis.of(size, "size");
        return new TimeWindows(sizeMs, sizeMs, Millis.of(afterWindowEnd, "afterWindowEnd"));
    }

    /**
     * Returns hopping windows of this size and grace that start every {@code advance}.
     *
     * @throws IllegalArgumentException if the advance is not in {@code (0, size]}
     */
    public TimeWindows advanceBy(Duration advance) {
        return new TimeWindows(sizeMs, Millis.of(advance, "advance"), graceMs);
    }

    @Override
    public Map<Long, TimeWindow> windowsFor(long timestamp) {
        long windowStart = Math.max(0, timestamp - sizeMs + advanceMs) / advanceMs * advanceMs;
        // Sized for its windows (size / advance, one for tumbling windows) so that it never grows.
        int count = (int) Math.min(1 << 20, Math.max(1, (timestamp - windowStart) / advanceMs + 1));
        Map<Long, TimeWindow> windows = new LinkedHashMap<>(count * 4 / 3 + 1);
        while (windowStart <= timestamp) {
            long end = windowStart + sizeMs;
            windows.put(windowStart, new TimeWindow(windowStart, end < windowStart ? Long.MAX_VALUE : end));
            windowStart += advanceMs;
        }
        return windows;
    }

    @Override
    public long size() {
        return sizeMs;
    }

    @Override
    public long gracePeriodMs() {
        return graceMs;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TimeWindows that && sizeMs == that.sizeMs && advanceMs == that.advanceMs
            && graceMs == that.graceMs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sizeMs, advanceMs, graceMs);
    }

    @Override
    public String toString() {
        return "TimeWindows{sizeMs=" + sizeMs + ", advanceMs=" + advanceMs + ", graceMs=" + graceMs + '}';
    }
}
