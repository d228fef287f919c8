package dev.runnel.streams.kstream;

import dev.runnel.common.serialization.Deserializer;
import dev.runnel.common.serialization.Serde;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.serialization.Serializer;

/**
 * Serdes of windowed keys, in Kafka Streams' byte formats, for reading a windowed aggregation's output topic:
 *
 * <pre>{@code
 * driver.createOutputTopic("counts",
 *     WindowedSerdes.timeWindowedSerdeFrom(String.class, Duration.ofMinutes(5).toMillis()).deserializer(),
 *     Serdes.Long().deserializer());
 * }</pre>
 */
public final class WindowedSerdes {
    private WindowedSerdes() {
    }

    /** The serde of time-windowed keys; see {@link TimeWindowedSerializer} for the format. */
    public static class TimeWindowedSerde<T> implements Serde<Windowed<T>> {
        private final Serde<T> inner;
        private final long windowSize;

        /** Wraps the key serde; {@code windowSize} (ms) rebuilds window ends on deserialization. */
        public TimeWindowedSerde(Serde<T> inner, long windowSize) {
            this.inner = inner;
            this.windowSize = windowSize;
        }

        @Override
        public Serializer<Windowed<T>> serializer() {
            return new TimeWindowedSerializer<>(inner.serializer());
        }

        @Override
        public Deserializer<Windowed<T>> deserializer() {
            return new TimeWindowedDeserializer<>(inner.deserializer(), windowSize);
        }
    }

    /** The serde of session-windowed keys; see {@link SessionWindowedSerializer} for the format. */
    public static class SessionWindowedSerde<T> implements Serde<Windowed<T>> {
        private final Serde<T> inner;

        /** Wraps the key serde. */
        public SessionWindowedSerde(Serde<T> inner) {
            this.inner = inner;
        }

        @Override
        public Serializer<Windowed<T>> serializer() {
            return new SessionWindowedSerializer<>(inner.serializer());
        }

        @Override
        public Deserializer<Windowed<T>> deserializer() {
            return new SessionWindowedDeserializer<>(inner.deserializer());
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
