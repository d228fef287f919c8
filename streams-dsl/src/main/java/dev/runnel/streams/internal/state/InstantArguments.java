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
        if (time == null) {
            throw new IllegalArgumentException(name + " cannot be null");
        }
        try {
            return time.toEpochMilli();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(name + " can't be represented as long milliseconds: " + time, e);
        }
    }
}
