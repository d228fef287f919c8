package dev.runnel.streams.kstream;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The window of a stream-stream join: a record at time {@code t} joins the other stream's records with timestamps
 * in {@code [t - before, t + after]}. Records may arrive out of order up to the grace period after the window end;
 * later records are dropped. Left and outer joins emit a record without a match only once its window has closed
 * (stream time past {@code t + after + grace}), so no spurious {@code (v, null)} results precede a real match.
 *
 * <pre>{@code
 * left.join(right, (l, r) -> l + r,
 *     JoinWindows.ofTimeDifferenceAndGrace(Duration.ofMinutes(5), Duration.ofMinutes(1)));
 * }</pre>
 *
 * Immutable: {@link #before} and {@link #after} return new instances.
 */
public final class JoinWindows extends Windows<Window> {
    /** How far back, in milliseconds, a record joins the other stream's records. */
    public final long beforeMs;
    /** How far forward, in milliseconds, a record joins the other stream's records. */
    public final long afterMs;
    private final long graceMs;

    private JoinWindows(long beforeMs, long afterMs, long graceMs) {
        if (beforeMs + afterMs < 0) {
            throw new IllegalArgumentException("Window interval (ie, beforeMs+afterMs) must not be negative.");
        }
        if (graceMs < 0) {
            throw new IllegalArgumentException("Grace period must not be negative.");
        }
        this.beforeMs = beforeMs;
        this.afterMs = afterMs;
        this.graceMs = graceMs;
    }

    /** Returns symmetric windows of {@code timeDifference} whose late records are accepted for {@code grace}. */
    public static JoinWindows ofTimeDifferenceAndGrace(Duration timeDifference, Duration grace) {
        long difference = Millis.of(timeDifference, "timeDifference");
        return new JoinWindows(difference, difference, Millis.of(grace, "afterWindowEnd"));
    }

    /** Returns symmetric windows of {@code timeDifference} without grace: records after the window are dropped. */
    public static JoinWindows ofTimeDifferenceWithNoGrace(Duration timeDifference) {
        return ofTimeDifferenceAndGrace(timeDifference, Duration.ZERO);
    }

    /** Returns a copy whose window reaches {@code timeDifferenceMs} back from each record (may be negative). */
    public JoinWindows before(Duration timeDifference) {
        return new JoinWindows(Millis.of(timeDifference, "timeDifference"), afterMs, graceMs);
    }

    /** Returns a copy whose window reaches {@code timeDifference} forward from each record (may be negative). */
    public JoinWindows after(Duration timeDifference) {
        return new JoinWindows(beforeMs, Millis.of(timeDifference, "timeDifference"), graceMs);
    }

    /**
     * Unsupported: a join window is relative to each record's timestamp, so no fixed windows contain a timestamp.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public Map<Long, Window> windowsFor(long timestamp) {
        throw new UnsupportedOperationException("windowsFor() is not supported by JoinWindows.");
    }

    /** Returns the window size, {@code before + after}, in milliseconds. */
    @Override
    public long size() {
        return beforeMs + afterMs;
    }

    /** Returns the grace period in milliseconds. */
    @Override
    public long gracePeriodMs() {
        return graceMs;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JoinWindows that && beforeMs == that.beforeMs && afterMs == that.afterMs
            && graceMs == that.graceMs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(beforeMs, afterMs, graceMs);
    }

    @Override
    public String toString() {
        return "JoinWindows{beforeMs=" + beforeMs + ", afterMs=" + afterMs + ", graceMs=" + graceMs + "}";
    }
}
