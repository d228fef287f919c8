package dev.runnel.streams.kstream;

import java.time.Duration;
import java.time.Instant;

/**
 * Reads the duration and instant arguments of the window and store options as milliseconds, refusing a missing one
 * or one that does not fit in a {@code long} of milliseconds with an {@link IllegalArgumentException} that names the
 * parameter, as Kafka Streams does.
 */
final class Millis {
    private Millis() {
    }

    /** Returns {@code duration} in milliseconds. */
    static long of(Duration duration, String parameter) {
        requirePresent(duration, parameter);
        try {
            return duration.toMillis();
        } catch (ArithmeticException e) {
            throw unconvertible(duration, parameter, e);
        }
    }

    /** Returns {@code instant} in milliseconds since the epoch. */
    static long of(Instant instant, String parameter) {
        requirePresent(instant, parameter);
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException e) {
            throw unconvertible(instant, parameter, e);
        }
    }

    private static void requirePresent(Object value, String parameter) {
        if (value == null) {
            throw new IllegalArgumentException(prefix(null, parameter) + "It shouldn't be null.");
        }
    }

    private static IllegalArgumentException unconvertible(Object value, String parameter, ArithmeticException cause) {
        return new IllegalArgumentException(prefix(value, parameter) + "It can't be converted to milliseconds.", cause);
    }

    private static String prefix(Object value, String parameter) {
        return "Invalid value for parameter \"" + parameter + "\" (value was: " + value + "). ";
    }
}
