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
 *
 * <p>Windows made by the deprecated {@link #of} keep the joins of before KIP-633, as in Kafka Streams: a default
 * grace period of 24 hours less the window size, changed only through the deprecated {@link #grace}, and left and
 * outer joins that emit a record without a match joined with {@code null} as soon as it arrives, before any match.
 */
public class JoinWindows extends Windows<Window> {
    /** The retention of a join's stores before grace periods were explicit: legacy grace is what the window leaves. */
    private static final long LEGACY_RETENTION_MS = Duration.ofDays(1).toMillis();
    /** How far back, in milliseconds, a record joins the other stream's records. */
    public final long beforeMs;
    /** How far forward, in milliseconds, a record joins the other stream's records. */
    public final long afterMs;
    private final long graceMs;
    /**
     * Whether left and outer joins hold a record without a match until its window closes (KIP-633); {@code false}
     * only for windows made by the deprecated {@link #of}.
     */
    protected final boolean enableSpuriousResultFix;

    /** Copies {@code windows}, for the join's internal view of it. */
    protected JoinWindows(JoinWindows windows) {
        this(windows.beforeMs, windows.afterMs, windows.graceMs, windows.enableSpuriousResultFix);
    }

    private JoinWindows(long beforeMs, long afterMs, long graceMs, boolean enableSpuriousResultFix) {
        if (beforeMs + afterMs < 0) {
            throw new IllegalArgumentException("Window interval (ie, beforeMs+afterMs) must not be negative.");
        }
        if (graceMs < 0) {
            throw new IllegalArgumentException("Grace period must not be negative.");
        }
        this.beforeMs = beforeMs;
        this.afterMs = afterMs;
        this.graceMs = graceMs;
        this.enableSpuriousResultFix = enableSpuriousResultFix;
    }

    /** Returns symmetric windows of {@code timeDifference} whose late records are accepted for {@code grace}. */
    public static JoinWindows ofTimeDifferenceAndGrace(Duration timeDifference, Duration grace) {
        long difference = Millis.of(timeDifference, "timeDifference");
        return new JoinWindows(difference, difference, Millis.of(grace, "afterWindowEnd"), true);
    }

    /** Returns symmetric windows of {@code timeDifference} without grace: records after the window are dropped. */
    public static JoinWindows ofTimeDifferenceWithNoGrace(Duration timeDifference) {
        return ofTimeDifferenceAndGrace(timeDifference, Duration.ZERO);
    }

    /**
     * Returns symmetric windows of {@code timeDifference} with the joins of before KIP-633: a grace period of 24
     * hours less the window size ({@code 2 * timeDifference}), or none if the window is longer, and left and outer
     * joins that emit unmatched records at once (see the class comment).
     *
     * @deprecated as in Kafka Streams since 3.0: use {@link #ofTimeDifferenceWithNoGrace} or
     *     {@link #ofTimeDifferenceAndGrace}, whose joins emit no spurious results
     */
    @Deprecated
    public static JoinWindows of(Duration timeDifference) {
        long difference = Millis.of(timeDifference, "timeDifference");
        return new JoinWindows(difference, difference, Math.max(LEGACY_RETENTION_MS - difference * 2, 0), false);
    }

    /** Returns a copy whose window reaches {@code timeDifferenceMs} back from each record (may be negative). */
    public JoinWindows before(Duration timeDifference) {
        return new JoinWindows(Millis.of(timeDifference, "timeDifference"), afterMs, graceMs,
            enableSpuriousResultFix);
    }

    /** Returns a copy whose window reaches {@code timeDifference} forward from each record (may be negative). */
    public JoinWindows after(Duration timeDifference) {
        return new JoinWindows(beforeMs, Millis.of(timeDifference, "timeDifference"), graceMs,
            enableSpuriousResultFix);
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

    /**
     * Returns a copy whose late records are accepted for {@code afterWindowEnd}; the copy keeps the joins of before
     * KIP-633.
     *
     * @throws IllegalStateException if these windows were not made by {@link #of}, whose grace is set when they are
     * @deprecated as in Kafka Streams since 3.0: use {@link #ofTimeDifferenceAndGrace}
     */
    @Deprecated
    public JoinWindows grace(Duration afterWindowEnd) {
        if (enableSpuriousResultFix) {
            throw new IllegalStateException("Cannot call grace() after setting grace value via ofTimeDifferenceAndGrace"
                + " or ofTimeDifferenceWithNoGrace.");
        }
        return new JoinWindows(beforeMs, afterMs, Millis.of(afterWindowEnd, "afterWindowEnd"), false);
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
