package dev.runnel.streams.internal.state;

import java.time.Duration;
import java.time.Instant;

/**
 * Reads the {@link Instant} and {@link Duration} arguments of the stores' factories and public reads as milliseconds,
 * refusing them with Kafka Streams' messages (kstream's window options give the same for theirs). Stateless.
 */
public final class TimeArguments {
    private TimeArguments() {
    }

    /**
     * Returns {@code time} in ms since the epoch.
     *
     * @throws IllegalArgumentException naming {@code name} if {@code time} is null or does not fit a long of ms
     */
    public static long millis(Instant time, String name) {
        requirePresent(time, name);
        try {
            return time.toEpochMilli();
        } catch (ArithmeticException e) {
            throw unconvertible(time, name, e);
        }
    }

    /**
     * Returns {@code duration} in ms.
     *
     * @throws IllegalArgumentException naming {@code name} if {@code duration} is null or does not fit a long of ms
     */
    public static long millis(Duration duration, String name) {
        requirePresent(duration, name);
        try {
            return duration.toMillis();
        } catch (ArithmeticException e) {
            throw unconvertible(duration, name, e);
        }
    }

    private static void requirePresent(Object value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(prefix(null, name) + "It shouldn't be null.");
        }
    }

    private static IllegalArgumentException unconvertible(Object value, String name, ArithmeticException cause) {
        return new IllegalArgumentException(prefix(value, name) + "It can't be converted to milliseconds.", cause);
    }

    private static String prefix(Object value, String name) {
        return "Invalid value for parameter \"" + name + "\" (value was: " + value + "). ";
    }
}
