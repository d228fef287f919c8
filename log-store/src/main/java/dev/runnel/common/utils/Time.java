package dev.runnel.common.utils;

/** The clock that library code reads, so that tests can drive it with {@link ManualTime}. */
public interface Time {
    Time SYSTEM = new Time() {
        @Override
        public long milliseconds() {
            return System.currentTimeMillis();
        }

        @Override
        public long nanoseconds() {
            return System.nanoTime();
        }
    };

    /** Wall-clock time in milliseconds since the epoch. */
    long milliseconds();

    /** A monotonic clock in nanoseconds, for measuring durations only. */
    long nanoseconds();
}
