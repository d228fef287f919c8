package dev.runnel.streams.kstream;

/**
 * The window {@code [start, Long.MAX_VALUE)} of an {@link UnlimitedWindows} aggregation. Kafka Streams keeps this
 * class internal ({@code kstream.internals.UnlimitedWindow}); Runnel makes it public beside the API, as
 * {@link TimeWindow}.
 */
public final class UnlimitedWindow extends Window {
    /**
     * Creates the window starting at {@code startMs}.
     *
     * @throws IllegalArgumentException if {@code startMs} is negative
     */
    public UnlimitedWindow(long startMs) {
        super(startMs, Long.MAX_VALUE);
    }

    /** Returns true: unlimited windows never end, so any two overlap. */
    @Override
    public boolean overlap(Window other) {
        if (!(other instanceof UnlimitedWindow)) {
            throw new IllegalArgumentException("Cannot compare windows of different type. Other window must be of type"
                + " UnlimitedWindow but got " + (other == null ? "null" : other.getClass().getName()) + ".");
        }
        return true;
    }
}
