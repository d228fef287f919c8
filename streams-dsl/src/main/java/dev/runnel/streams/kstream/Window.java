package dev.runnel.streams.kstream;

import java.time.Instant;
import java.util.Objects;

/**
 * A time interval {@code [start, end)} in ms, the window part of a {@link Windowed} key. Time windows are
 * half-open; session windows are closed ({@code [start, end]}) and may have {@code start == end}.
 */
public abstract class Window {
    private final long startMs;
    private final long endMs;

    /**
     * Creates a window.
     *
     * @throws IllegalArgumentException if {@code startMs} is negative or {@code endMs < startMs}
     */
    public Window(long startMs, long endMs) {
        if (startMs < 0) {
            throw new IllegalArgumentException("Window startMs time cannot be negative: " + startMs);
        }
        if (endMs < startMs) {
            throw new IllegalArgumentException("Window endMs time " + endMs + " cannot be smaller than window startMs"
                + " time " + startMs);
        }
        this.startMs = startMs;
        this.endMs = endMs;
    }

    /** Returns the start in ms (inclusive). */
    public long start() {
        return startMs;
    }

    /** Returns the end in ms (exclusive for time windows, inclusive for session windows). */
    public long end() {
        return endMs;
    }

    /** Returns the start as an instant. */
    public Instant startTime() {
        return Instant.ofEpochMilli(startMs);
    }

    /** Returns the end as an instant. */
    public Instant endTime() {
        return Instant.ofEpochMilli(endMs);
    }

    /** Returns whether this window and {@code other} (of the same type) overlap. */
    public abstract boolean overlap(Window other);

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (other == null || getClass() != other.getClass()) {
            return false;
        }
        Window that = (Window) other;
        return startMs == that.startMs && endMs == that.endMs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), startMs, endMs);
    }

    @Override
    public String toString() {
        return "Window{startMs=" + startMs + ", endMs=" + endMs + '}';
    }
}
