package dev.runnel.streams.kstream;

import java.util.Map;

/**
 * Fixed-size windows that a record's timestamp maps to (tumbling and hopping {@link TimeWindows}), with a grace
 * period: a window accepts records until stream time reaches its end plus the grace period; later records for it are
 * dropped and counted.
 *
 * @param <W> the window type
 */
public abstract class Windows<W extends Window> {
    /** Creates windows; subclasses validate their own parameters. */
    protected Windows() {
    }

    /** Returns the windows containing {@code timestamp}, by window start, in ascending start order. */
    public abstract Map<Long, W> windowsFor(long timestamp);

    /** Returns the window size in ms. */
    public abstract long size();

    /** Returns the grace period in ms: how long after its end a window still accepts late records. */
    public abstract long gracePeriodMs();
}
