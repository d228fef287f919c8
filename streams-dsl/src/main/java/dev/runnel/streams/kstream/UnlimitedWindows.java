package dev.runnel.streams.kstream;

import java.time.Instant;
import java.util.Map;

/**
 * One window per key that starts at a fixed time and never ends: an aggregation over it holds each key's running
 * aggregate of every record from the start on. Records before the start belong to no window and are ignored. The
 * grace period is zero, and the window never closes, so {@code suppress(untilWindowCloses)} emits nothing for it.
 * Immutable.
 *
 * <pre>{@code
 * stream.groupByKey().windowedBy(UnlimitedWindows.startOn(Instant.parse("2024-01-01T00:00:00Z"))).count()
 * }</pre>
 */
public final class UnlimitedWindows extends Windows<UnlimitedWindow> {
    /** The start of the window in ms since the epoch. */
    @SuppressWarnings("checkstyle:VisibilityModifier")
    public final long startMs;

    private UnlimitedWindows(long startMs) {
        if (startMs < 0) {
            throw new IllegalArgumentException("Window start time (startMs) cannot be negative.");
        }
        this.startMs = startMs;
    }

    /** Returns unlimited windows starting at the epoch. */
    public static UnlimitedWindows of() {
        return new UnlimitedWindows(0);
    }

    /**
     * Returns unlimited windows starting at {@code start}.
     *
     * @throws IllegalArgumentException if {@code start} is before the epoch
     */
    public UnlimitedWindows startOn(Instant start) {
        return new UnlimitedWindows(Millis.of(start, "start"));
    }

    /** Returns the window containing {@code timestamp}: the one window if it is not before the start, else none. */
    @Override
    public Map<Long, UnlimitedWindow> windowsFor(long timestamp) {
        return timestamp < startMs ? Map.of() : Map.of(startMs, new UnlimitedWindow(startMs));
    }

    /** Returns {@code Long.MAX_VALUE}: the windows never end. */
    @Override
    public long size() {
        return Long.MAX_VALUE;
    }

    /** Returns 0: no record is late for a window that never closes. */
    @Override
    public long gracePeriodMs() {
        return 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UnlimitedWindows that && startMs == that.startMs;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(startMs);
    }

    @Override
    public String toString() {
        return "UnlimitedWindows{startMs=" + startMs + '}';
    }
}
