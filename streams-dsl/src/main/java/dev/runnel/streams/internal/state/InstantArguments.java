package dev.runnel.streams.internal.state;

import java.time.Instant;

/** Checks the {@link Instant} arguments of the stores' public reads as Kafka Streams does. Stateless. */
public final class InstantArguments {
    private InstantArguments() {
    }

    /**
     * Returns {@code time} in ms since the epoch.
     *
     * @throws IllegalArgumentException naming {@code name} if {@code time} is null or does not fit a long of ms
     */
    public static long millis(Instant time, String name) {
        // Kafka Streams' messages, as kstream's window options give them for their durations.
        String prefix = "Invalid value for parameter \"" + name + "\" (value was: " + time + "). ";
        if (time == null) {
            throw new IllegalArgumentException(prefix + "It shouldn't be null.");
        }
        try {
            return time.toEpochMilli();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(prefix + "It can't be converted to milliseconds.", e);
        }
    }
}
