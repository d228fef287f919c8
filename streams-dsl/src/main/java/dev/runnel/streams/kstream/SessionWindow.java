package dev.runnel.streams.kstream;

/**
 * A closed window {@code [start, end]} spanning one session's records; a session of one record has {@code start ==
 * end}. Kafka Streams keeps this class internal; Runnel makes it public beside the API (see {@link TimeWindow}).
 */
public final class SessionWindow extends Window {
    /**
     * Creates the session window {@code [startMs, endMs]}.
     *
     * @throws IllegalArgumentException if {@code startMs} is negative or {@code endMs < startMs}
     */
    public SessionWindow(long startMs, long endMs) {
        super(startMs, endMs);
    }

    @Override
    public boolean overlap(Window other) {
        if (!(other instanceof SessionWindow)) {
            throw new IllegalArgumentException("Cannot compare windows of different type. Other window must be of type"
                + " SessionWindow but got " + (other == null ? "null" : other.getClass().getName()) + ".");
        }
        return !(other.end() < start() || end() < other.start());
    }
}
