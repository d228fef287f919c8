package dev.runnel.streams.kstream;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How {@link KTable#suppress} holds back a table's updates: until a window closes (one final result per window), or
 * until a time limit after a key's first buffered update, with a bounded or unbounded buffer. Immutable.
 *
 * <pre>{@code
 * counts.suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()))
 * }</pre>
 */
public interface Suppressed<K> extends NamedOperation<Suppressed<K>> {
    /**
     * What a bounded buffer does when it is full, and whether it logs to a changelog; both bounds default to
     * unbounded, and logging to enabled.
     */
    interface BufferConfig<BC extends BufferConfig<BC>> {
        /** Returns a buffer of at most {@code recordLimit} keys that emits the oldest early when full. */
        static EagerBufferConfig maxRecords(long recordLimit) {
            return new BufferConfigs.Eager(recordLimit, Long.MAX_VALUE, BufferConfigs.Logging.ENABLED);
        }

        /** Returns a buffer of at most {@code byteLimit} bytes that emits the oldest early when full. */
        static EagerBufferConfig maxBytes(long byteLimit) {
            return new BufferConfigs.Eager(Long.MAX_VALUE, byteLimit, BufferConfigs.Logging.ENABLED);
        }

        /** Returns an unbounded buffer: it never emits early, and memory is the only limit. */
        static StrictBufferConfig unbounded() {
            return new BufferConfigs.Strict(Long.MAX_VALUE, Long.MAX_VALUE, false,
                BufferConfigs.Logging.ENABLED);
        }

        /** Returns a copy bounded to {@code recordLimit} keys. */
        BC withMaxRecords(long recordLimit);

        /** Returns a copy bounded to {@code byteLimit} bytes. */
        BC withMaxBytes(long byteLimit);

        /** Returns a copy with no record or byte bound. */
        StrictBufferConfig withNoBound();

        /** Returns a copy that stops the application when full, so no result is emitted early. */
        StrictBufferConfig shutDownWhenFull();

        /** Returns a copy that emits the oldest buffered records early when full. */
        EagerBufferConfig emitEarlyWhenFull();

        /**
         * Returns a copy whose buffer keeps no changelog: it is not restored, so after a restart or a task move the
         * buffer starts empty and what it held is never emitted.
         */
        BC withLoggingDisabled();

        /**
         * Returns a copy whose buffer logs to a changelog topic created with {@code config} (the default is logging
         * with no extra configs).
         */
        BC withLoggingEnabled(Map<String, String> config);
    }

    /** A buffer that never emits early: unbounded, or bounded and failing when full. */
    interface StrictBufferConfig extends BufferConfig<StrictBufferConfig> {
    }

    /** A bounded buffer that emits the oldest buffered records early when full. */
    interface EagerBufferConfig extends BufferConfig<EagerBufferConfig> {
    }

    /**
     * Returns a suppression that emits each window's final result once, when stream time reaches the window end plus
     * the grace period. Only for windowed tables (results of windowed aggregations).
     */
    static <K extends Windowed<?>> Suppressed<K> untilWindowCloses(StrictBufferConfig bufferConfig) {
        return new Suppression<>(null, true, 0L, Objects.requireNonNull(bufferConfig, "bufferConfig"));
    }

    /**
     * Returns a suppression that emits a key's latest value once stream time reaches {@code timeToWaitForMoreEvents}
     * after the timestamp of the key's first buffered update.
     */
    static <K> Suppressed<K> untilTimeLimit(Duration timeToWaitForMoreEvents, BufferConfig<?> bufferConfig) {
        // a negative time limit is taken, as in Kafka Streams: each update is then due at once
        Objects.requireNonNull(timeToWaitForMoreEvents, "timeToWaitForMoreEvents");
        return new Suppression<>(null, false, timeToWaitForMoreEvents.toMillis(),
            Objects.requireNonNull(bufferConfig, "bufferConfig"));
    }

    /** Returns a copy whose processor is named {@code name} and whose buffer store is {@code name + "-store"}. */
    @Override
    Suppressed<K> withName(String name);
}
