package dev.runnel.clients.consumer;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * A parsed {@code auto.offset.reset}: a strategy, or for {@code by_duration:<ISO-8601 duration>} how far back from
 * now a partition without a valid position starts (latest when no record is that recent).
 *
 * @param byDuration the duration of {@code by_duration}, else null
 */
record AutoOffsetReset(OffsetResetStrategy strategy, Duration byDuration) {
    private static final String BY_DURATION = "by_duration:";

    /** Parses {@code value} as Kafka does (case-sensitive); null if it is not a valid reset. */
    static AutoOffsetReset parse(String value) {
        if (value.startsWith(BY_DURATION)) {
            try {
                Duration duration = Duration.parse(value.substring(BY_DURATION.length()));
                return duration.isNegative() ? null : new AutoOffsetReset(OffsetResetStrategy.LATEST, duration);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        for (OffsetResetStrategy strategy : OffsetResetStrategy.values()) {
            if (strategy.name().toLowerCase(Locale.ROOT).equals(value)) {
                return new AutoOffsetReset(strategy, null);
            }
        }
        return null;
    }
}
