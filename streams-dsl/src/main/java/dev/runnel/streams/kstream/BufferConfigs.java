package dev.runnel.streams.kstream;

import java.util.Map;
import java.util.Objects;

/** The buffer configurations behind {@link Suppressed.BufferConfig}'s factories. */
final class BufferConfigs {
    private BufferConfigs() {
    }

    /**
     * Whether the buffer store logs its changes, and the configs of its changelog topic.
     *
     * @param config topic configs of the changelog; empty when logging is disabled
     */
    record Logging(boolean enabled, Map<String, String> config) {
        /** The default: a changelog with the topology's default configs. */
        static final Logging ENABLED = new Logging(true, Map.of());

        Logging {
            config = Map.copyOf(config);
        }
    }

    /** The bounds, full-buffer policy and logging shared by both kinds. */
    abstract static class Base<BC extends Suppressed.BufferConfig<BC>> implements Suppressed.BufferConfig<BC> {
        final long maxRecords;
        final long maxBytes;
        final Logging logging;

        /** Any bound is taken, as in Kafka Streams: below one, no entry fits. */
        Base(long maxRecords, long maxBytes, Logging logging) {
            this.maxRecords = maxRecords;
            this.maxBytes = maxBytes;
            this.logging = logging;
        }

        abstract boolean failsWhenFull();

        /** Returns a copy of this kind with the given logging. */
        abstract BC withLogging(Logging logging);

        @Override
        public BC withLoggingDisabled() {
            return withLogging(new Logging(false, Map.of()));
        }

        @Override
        public BC withLoggingEnabled(Map<String, String> config) {
            return withLogging(new Logging(true, Objects.requireNonNull(config, "config")));
        }

        @Override
        public Suppressed.StrictBufferConfig withNoBound() {
            return new Strict(Long.MAX_VALUE, Long.MAX_VALUE, false, logging);
        }

        @Override
        public Suppressed.StrictBufferConfig shutDownWhenFull() {
            return new Strict(maxRecords, maxBytes, true, logging);
        }

        @Override
        public Suppressed.EagerBufferConfig emitEarlyWhenFull() {
            return new Eager(maxRecords, maxBytes, logging);
        }
    }

    /** Never emits early; {@code shutDown} says whether a bounded buffer fails when full. */
    static final class Strict extends Base<Suppressed.StrictBufferConfig> implements Suppressed.StrictBufferConfig {
        private final boolean shutDown;

        Strict(long maxRecords, long maxBytes, boolean shutDown, Logging logging) {
            super(maxRecords, maxBytes, logging);
            this.shutDown = shutDown;
        }

        @Override
        boolean failsWhenFull() {
            return shutDown;
        }

        @Override
        Suppressed.StrictBufferConfig withLogging(Logging logging) {
            return new Strict(maxRecords, maxBytes, shutDown, logging);
        }

        @Override
        public Suppressed.StrictBufferConfig withMaxRecords(long recordLimit) {
            return new Strict(recordLimit, maxBytes, true, logging);
        }

        @Override
        public Suppressed.StrictBufferConfig withMaxBytes(long byteLimit) {
            return new Strict(maxRecords, byteLimit, true, logging);
        }
    }

    /** Emits the oldest buffered records early when full. */
    static final class Eager extends Base<Suppressed.EagerBufferConfig> implements Suppressed.EagerBufferConfig {
        Eager(long maxRecords, long maxBytes, Logging logging) {
            super(maxRecords, maxBytes, logging);
        }

        @Override
        boolean failsWhenFull() {
            return false;
        }

        @Override
        Suppressed.EagerBufferConfig withLogging(Logging logging) {
            return new Eager(maxRecords, maxBytes, logging);
        }

        @Override
        public Suppressed.EagerBufferConfig withMaxRecords(long recordLimit) {
            return new Eager(recordLimit, maxBytes, logging);
        }

        @Override
        public Suppressed.EagerBufferConfig withMaxBytes(long byteLimit) {
            return new Eager(maxRecords, byteLimit, logging);
        }
    }
}
