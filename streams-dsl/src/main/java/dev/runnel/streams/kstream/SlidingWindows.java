package dev.runnel.streams.kstream;

import java.time.Duration;
import java.util.Objects;

/**
 * Windows of a fixed {@code timeDifference} aligned to the records rather than the epoch: two records fall in a common
 * window when their timestamps differ by at most the time difference. Each record defines the window
 * {@code [t - timeDifference, t]} ending at it (both bounds inclusive) and, when a later record is within reach, the
 * window {@code [t + 1, t + 1 + timeDifference]} starting just after it; only windows holding records exist.
 * Immutable.
 */
public final class SlidingWindows {
    private final long timeDifferenceMs;
    private final long graceMs;

    private SlidingWindows(long timeDifferenceMs, long graceMs) {
        if (timeDifferenceMs < 0) {
            throw new IllegalArgumentException("Window time difference must not be negative.");
        }
        if (graceMs < 0) {
            throw new IllegalArgumentException("Window grace period must not be negative.");
        }
        this.timeDifferenceMs = timeDifferenceMs;
        this.graceMs = graceMs;
    }

    /** Returns sliding windows with no grace period. */
    public static SlidingWindows ofTimeDifferenceWithNoGrace(Duration timeDifference) {
        return ofTimeDifferenceAndGrace(timeDifference, Duration.ZERO);
    }

    /** Returns sliding windows that accept late records for {@code afterWindowEnd}. */
    public static SlidingWindows ofTimeDifferenceAndGrace(Duration timeDifference, Duration afterWindowEnd) {
        return new SlidingWindows(Millis.of(timeDifference, "timeDifference"),
            Millis.of(afterWindowEnd, "afterWindowEnd"));
    }

    /** Returns the time difference (the window size) in ms. */
    public long timeDifferenceMs() {
        return timeDifferenceMs;
    }

    /** Returns the grace period in ms. */
    public long gracePeriodMs() {
        return graceMs;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SlidingWindows that && timeDifferenceMs == that.timeDifferenceMs
            && graceMs == that.graceMs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(timeDifferenceMs, graceMs);
    }

    @Override
    public String toString() {
        return "SlidingWindows{timeDifferenceMs=" + timeDifferenceMs + ", graceMs=" + graceMs + '}';
    }
}
