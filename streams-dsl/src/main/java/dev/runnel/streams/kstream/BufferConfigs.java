package dev.runnel.streams.kstream;

/** The buffer configurations behind {@link Suppressed.BufferConfig}'s factories. */
final class BufferConfigs {
    private BufferConfigs() {
    }

    /** The bounds and full-buffer policy shared by both kinds. */
    abstract static class Base {
        final long maxRecords;
        final long maxBytes;

        Base(long maxRecords, long maxBytes) {
            if (maxRecords < 1 || maxBytes < 1) {
                throw new IllegalArgumentException("Buffer bounds must be positive: maxRecords=" + maxRecords
                    + ", maxBytes=" + maxBytes);
            }
            this.maxRecords = maxRecords;
            this.maxBytes = maxBytes;
        }

        long maxRecords() {
            return maxRecords;
        }

        long maxBytes() {
            return maxBytes;
        }

        abstract boolean failsWhenFull();

        public Suppressed.StrictBufferConfig withNoBound() {
            return new Strict(Long.MAX_VALUE, Long.MAX_VALUE, false);
        }

        public Suppressed.StrictBufferConfig shutDownWhenFull() {
            return new Strict(maxRecords, maxBytes, true);
        }

        public Suppressed.EagerBufferConfig emitEarlyWhenFull() {
            return new Eager(maxRecords, maxBytes);
        }
    }

    /** Never emits early; {@code shutDown} says whether a bounded buffer fails when full. */
    static final class Strict extends Base implements Suppressed.StrictBufferConfig {
        private final boolean shutDown;

        Strict(long maxRecords, long maxBytes, boolean shutDown) {
            super(maxRecords, maxBytes);
            this.shutDown = shutDown;
        }

        @Override
        boolean failsWhenFull() {
            return shutDown;
        }

        @Override
        public Suppressed.StrictBufferConfig withMaxRecords(long recordLimit) {
            return new Strict(recordLimit, maxBytes, true);
        }

        @Override
        public Suppressed.StrictBufferConfig withMaxBytes(long byteLimit) {
            return new Strict(maxRecords, byteLimit, true);
        }
    }

    /** Emits the oldest buffered records early when full. */
    static final class Eager extends Base implements Suppressed.EagerBufferConfig {
        Eager(long maxRecords, long maxBytes) {
            super(maxRecords, maxBytes);
        }

        @Override
        boolean failsWhenFull() {
            return false;
        }

        @Override
        public Suppressed.EagerBufferConfig withMaxRecords(long recordLimit) {
            return new Eager(recordLimit, maxBytes);
        }

        @Override
        public Suppressed.EagerBufferConfig withMaxBytes(long byteLimit) {
            return new Eager(maxRecords, byteLimit);
        }
    }
}
