package dev.runnel.streams.kstream;

import java.time.Duration;
import java.util.Objects;

/**
 * Session windows: a key's records belong to one session while each follows the previous one within the inactivity
 * gap; a record that bridges two sessions merges them. A session {@code [first, last]} closes when stream time
 * passes its end plus the grace period. Immutable.
 */
public final class SessionWindows {
    private final long gapMs;
    private final long graceMs;

    private SessionWindows(long gapMs, long graceMs) {
        if (gapMs < 0) {
            throw new IllegalArgumentException("Gap time cannot be negative.");
        }
        if (graceMs < 0) {
            throw new IllegalArgumentException("Grace period cannot be negative.");
        }
        this.gapMs = gapMs;
        this.graceMs = graceMs;
    }

    /** Returns session windows with the given inactivity gap and no grace period. */
    public static SessionWindows ofInactivityGapWithNoGrace(Duration inactivityGap) {
        return ofInactivityGapAndGrace(inactivityGap, Duration.ZERO);
    }

    /** Returns session windows with the given inactivity gap that accept late records for {@code afterWindowEnd}. */
    public static SessionWindows ofInactivityGapAndGrace(Duration inactivityGap, Duration afterWindowEnd) {
        return new SessionWindows(Millis.of(inactivityGap, "inactivityGap"),
            Millis.of(afterWindowEnd, "afterWindowEnd"));
    }

    /** Returns the inactivity gap in ms. */
    public long inactivityGap() {
        return gapMs;
    }

    /** Returns the grace period in ms. */
    public long gracePeriodMs() {
        return graceMs;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SessionWindows that && gapMs == that.gapMs && graceMs == that.graceMs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(gapMs, graceMs);
    }

    @Override
    public String toString() {
        return "SessionWindows{gapMs=" + gapMs + ", graceMs=" + graceMs + '}';
    }
}
