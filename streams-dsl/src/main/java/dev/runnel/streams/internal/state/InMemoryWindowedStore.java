package dev.runnel.streams.internal.state;

/**
 * What the in-memory window and session stores add to {@link InMemoryStore}: an expiry hold ({@link ExpiryHold}),
 * which keeps expired windows from a window time on (a window's start, a session's end) for the scans of all keys an
 * emitting aggregation reads them with.
 */
abstract class InMemoryWindowedStore extends InMemoryStore implements ExpiryHold {
    /** The window time from which expired windows are kept; none by default. */
    private long heldFrom = Long.MAX_VALUE;

    protected InMemoryWindowedStore(String name) {
        super(name);
    }

    @Override
    public synchronized void holdExpiryFrom(long time) {
        heldFrom = time;
    }

    /**
     * Returns the first window time the store keeps, and puts and scans of all keys see, when windows at or before
     * {@code expiredUpTo} have expired by retention: expired windows from the hold on stay, for an emitting
     * aggregation's scans; reads of given keys see only live windows, as without a hold. Callers synchronize on the
     * store.
     */
    protected final long keptFrom(long expiredUpTo) {
        return Math.min(expiredUpTo + 1, heldFrom);
    }
}
