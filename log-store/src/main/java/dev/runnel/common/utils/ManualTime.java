package dev.runnel.common.utils;

import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to, for deterministic tests. Thread-safe. */
public final class ManualTime implements Time {
    private final AtomicLong nanos;

    public ManualTime(long startMs) {
        this.nanos = new AtomicLong(startMs * 1_000_000L);
    }

    public ManualTime() {
        this(1_700_000_000_000L);
    }

    @Override
    public long milliseconds() {
        return nanos.get() / 1_000_000L;
    }

    @Override
    public long nanoseconds() {
        return nanos.get();
    }

    public void sleep(long ms) {
        nanos.addAndGet(ms * 1_000_000L);
    }
}
