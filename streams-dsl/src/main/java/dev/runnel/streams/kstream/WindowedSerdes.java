package dev.runnel.streams.kstream;

import dev.runnel.common.serialization.Serde;
import dev.runnel.common.serialization.Serdes;

/**
 * Serdes of windowed keys, in Kafka Streams' byte formats, for reading a windowed aggregation's output topic:
 *
 * <pre>{@code
 * driver.createOutputTopic("counts",
 *     WindowedSerdes.timeWindowedSerdeFrom(String.class, Duration.ofMinutes(5).toMillis()).deserializer(),
 *     Serdes.Long().deserializer());
 * }</pre>
 */
public class WindowedSerdes {
    /** Creates an instance, as Kafka's public constructor does; the serdes are in the static members. */
    public WindowedSerdes() {
    }

    /** The serde of time-windowed keys; see {@link TimeWindowedSerializer} for the format. */
    public static class TimeWindowedSerde<T> extends Serdes.WrapperSerde<Windowed<T>> {
        /** Creates a serde to be configured (see {@link TimeWindowedDeserializer#configure}) before use. */
        public TimeWindowedSerde() {
            super(new TimeWindowedSerializer<>(), new TimeWindowedDeserializer<>());
        }

        /** Wraps the key serde; {@code windowSize} (ms) rebuilds window ends on deserialization. */
        public TimeWindowedSerde(Serde<T> inner, long windowSize) {
            super(new TimeWindowedSerializer<>(inner.serializer()),
                new TimeWindowedDeserializer<>(inner.deserializer(), windowSize));
        }

        /**
         * Sets whether the deserializer reads a window store changelog's keys (with a sequence number after the
         * start); returns this serde.
         */
        public TimeWindowedSerde<T> forChangelog(boolean isChangelogTopic) {
            ((TimeWindowedDeserializer<T>) deserializer()).setIsChangelogTopic(isChangelogTopic);
            return this;
        }
    }

    /** The serde of session-windowed keys; see {@link SessionWindowedSerializer} for the format. */
    public static class SessionWindowedSerde<T> extends Serdes.WrapperSerde<Windowed<T>> {
        /** Creates a serde to be configured (see {@link SessionWindowedDeserializer#configure}) before use. */
        public SessionWindowedSerde() {
            super(new SessionWindowedSerializer<>(), new SessionWindowedDeserializer<>());
        }

        /** Wraps the key serde. */
        public SessionWindowedSerde(Serde<T> inner) {
            super(new SessionWindowedSerializer<>(inner.serializer()),
                new SessionWindowedDeserializer<>(inner.deserializer()));
        }
    }

    /** Returns the time-windowed serde of keys of {@code type} (a type {@code Serdes.serdeFrom} knows). */
    public static <T> Serde<Windowed<T>> timeWindowedSerdeFrom(Class<T> type, long windowSize) {
        return new TimeWindowedSerde<>(Serdes.serdeFrom(type), windowSize);
    }

    /** Returns the session-windowed serde of keys of {@code type}. */
    public static <T> Serde<Windowed<T>> sessionWindowedSerdeFrom(Class<T> type) {
        return new SessionWindowedSerde<>(Serdes.serdeFrom(type));
    }
}
